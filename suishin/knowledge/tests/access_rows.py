"""The knowledge module's rows of the access matrix. The article belongs to 県A's
生活安全企画課 and is validated: everyone in 県A reads it, other institutions get 404 and read
its confirmed snapshot instead; editing, state changes and sharing are for responder_a, a
publisher there (a second publisher, not a persona, confirmed the snapshot)."""

from __future__ import annotations

from suishin.testing.access import Row, expect

HIDDEN = {"officer_b": 404, "national_secretariat": 404}
PUBLISHER_ONLY = {"responder_a": 200, **HIDDEN}


def _article(o: object) -> dict[str, int]:
    return {"pk": o.article.pk}  # type: ignore[attr-defined]


def _manual(o: object) -> dict[str, int]:
    return {"pk": o.manual.pk}  # type: ignore[attr-defined]


def _proposal(o: object) -> dict[str, int]:
    return {"pk": o.proposal.pk}  # type: ignore[attr-defined]


# Only the drafter (responder_a) acts on the proposal while it is being drafted.
DRAFTER_ONLY = {"responder_a": 302, **HIDDEN}


PAGES: dict[str, Row] = {
    "knowledge:article_list": Row(expect(200)),
    "knowledge:article_create": Row(expect(200)),
    "knowledge:article_detail": Row(expect(200, **HIDDEN), kwargs=_article),
    "knowledge:article_edit": Row(expect(403, **PUBLISHER_ONLY), kwargs=_article),
    "knowledge:article_share": Row(expect(403, **PUBLISHER_ONLY), kwargs=_article),
    "knowledge:article_share_review": Row(
        expect(403, responder_a=302, **HIDDEN),
        method="post",
        kwargs=lambda o: {"pk": o.article.pk, "snapshot_pk": o.pending.pk},
        data=lambda o: {
            "decision": "return",
            "sha256": o.pending.content_sha256,
            "comment": "氏名が残っています。",
        },
    ),
    "knowledge:article_share_stop": Row(
        expect(403, responder_a=302, **HIDDEN), method="post", kwargs=_article
    ),
    # What leaves the institution: every signed-in persona reads the nationwide snapshot.
    "core:shared_list": Row(expect(200)),
    "core:shared_detail": Row(expect(200), kwargs=lambda o: {"pk": o.snapshot.pk}),
    "knowledge:article_state": Row(
        expect(403, responder_a=302, **HIDDEN),
        method="post",
        kwargs=_article,
        data=lambda o: {"state": "not_validated"},
    ),
    "knowledge:article_flag": Row(
        expect(302, **HIDDEN),
        method="post",
        kwargs=_article,
        data=lambda o: {"reason": "第3条の参照が古い。"},
    ),
    "knowledge:article_flag_resolve": Row(
        expect(403, responder_a=302, **HIDDEN),
        method="post",
        kwargs=lambda o: {"pk": o.article.pk, "flag_pk": o.flag.pk},
        data=lambda o: {"resolution": "修正しました。"},
    ),
    "knowledge:article_diff": Row(
        expect(200, **HIDDEN), kwargs=lambda o: {"pk": o.article.pk, "old": 1, "new": 2}
    ),
    "knowledge:manual_list": Row(expect(200)),
    "knowledge:manual_import": Row(expect(403, responder_a=200)),
    "knowledge:manual_detail": Row(expect(200, **HIDDEN), kwargs=_manual),
    "knowledge:manual_version": Row(
        expect(200, **HIDDEN), kwargs=lambda o: {"pk": o.manual.pk, "number": 1}
    ),
    "knowledge:manual_section": Row(
        expect(302, **HIDDEN), kwargs=lambda o: {"pk": o.manual.pk, "key": o.section_key}
    ),
    "knowledge:manual_follow": Row(
        expect(302, **HIDDEN), method="post", kwargs=_manual, data=lambda o: {"follow": "1"}
    ),
    "knowledge:manual_compare": Row(
        expect(200, **HIDDEN), kwargs=_manual, extra={"query": "?old=1&new=1"}
    ),
    "knowledge:manual_compare_pdf": Row(
        expect(200, **HIDDEN), kwargs=_manual, extra={"query": "?old=1&new=1"}
    ),
    "knowledge:proposal_create": Row(expect(403, **PUBLISHER_ONLY), kwargs=_manual),
    "knowledge:proposal_detail": Row(expect(200, **HIDDEN), kwargs=_proposal),
    "knowledge:proposal_section": Row(
        expect(403, **PUBLISHER_ONLY),
        kwargs=lambda o: {"pk": o.proposal.pk, "key": o.section_key},
    ),
    "knowledge:proposal_add": Row(
        expect(403, **DRAFTER_ONLY),
        method="post",
        kwargs=_proposal,
        data=lambda o: {"level": "4", "label": "第9条", "heading": "新設", "body": "本文"},
    ),
    "knowledge:proposal_discard": Row(
        expect(403, **DRAFTER_ONLY),
        method="post",
        kwargs=lambda o: {"pk": o.proposal.pk, "key": o.section_key},
    ),
    "knowledge:roles": Row(expect(403, admin_a=200)),
    # The institution's words to mask are personal data: its publisher reads and removes them.
    "knowledge:masking_words": Row(expect(403, responder_a=200)),
    "knowledge:masking_word_remove": Row(
        expect(403, responder_a=302), method="post", kwargs=lambda o: {"pk": o.masking_word.pk}
    ),
    "knowledge:gap_list": Row(expect(403, responder_a=200)),
    "knowledge:gap_article": Row(
        expect(403, responder_a=302), method="post", kwargs=lambda o: {"pk": o.gap.pk}
    ),
    "knowledge:gap_dismiss": Row(
        expect(403, responder_a=302), method="post", kwargs=lambda o: {"pk": o.gap.pk}
    ),
    "knowledge:proposal_action": Row(
        expect(403, **DRAFTER_ONLY),
        method="post",
        kwargs=_proposal,
        data=lambda o: {"action": "withdraw"},
    ),
}

API: dict[str, Row] = {
    "GET /api/v1/knowledge/manuals": Row(expect(200, anonymous=401)),
    "GET /api/v1/knowledge/manuals/search": Row(
        expect(200, anonymous=401), data=lambda o: {"q": "拾得物"}
    ),
    "GET /api/v1/knowledge/manuals/{manual_id}": Row(expect(200, anonymous=401, **HIDDEN)),
    "POST /api/v1/knowledge/manuals": Row(
        expect(403, responder_a=201, anonymous=401),
        json=True,
        data=lambda o: {
            "title": "交通事故処理要領",
            "format": "text",
            "text": "第1条　この要領は交通事故の処理を定める。",
            "effective_date": "2026-04-01",
        },
    ),
    "POST /api/v1/knowledge/manuals/{manual_id}/proposals": Row(
        expect(403, responder_a=201, anonymous=401, **HIDDEN),
        json=True,
        data=lambda o: {
            "title": "受理手続の改正",
            "reason": "照会が多いため。",
            "effective_date": "2027-04-01",
            "reviewer": "admin_a",
            "approver": "auditor_a",
        },
    ),
    "GET /api/v1/knowledge/articles": Row(expect(200, anonymous=401)),
    "GET /api/v1/shared": Row(expect(200, anonymous=401)),
    "GET /api/v1/shared/{snapshot_id}": Row(expect(200, anonymous=401)),
    "GET /api/v1/knowledge/articles/search": Row(
        expect(200, anonymous=401), data=lambda o: {"q": "拾得"}
    ),
    "GET /api/v1/knowledge/articles/{article_id}": Row(expect(200, anonymous=401, **HIDDEN)),
    "POST /api/v1/knowledge/articles": Row(
        expect(201, anonymous=401),
        json=True,
        data=lambda o: {
            "title": "迷い犬を保護したとき",
            "question": "深夜に迷い犬を保護しました。",
            "answer": "保健所の夜間窓口に引き継ぐ。",
            "search_words": ["迷い犬", "保護"],
        },
    ),
}
