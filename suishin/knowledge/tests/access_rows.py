"""The knowledge module's rows of the access matrix. The article belongs to 県A's
生活安全企画課 and is validated: everyone in 県A reads it, other institutions get 404; editing,
state changes and sharing are for responder_a, a publisher there."""

from __future__ import annotations

from suishin.testing.access import Row, expect

HIDDEN = {"officer_b": 404, "national_secretariat": 404}
PUBLISHER_ONLY = {"responder_a": 200, **HIDDEN}


def _article(o: object) -> dict[str, int]:
    return {"pk": o.article.pk}  # type: ignore[attr-defined]


PAGES: dict[str, Row] = {
    "knowledge:article_list": Row(expect(200)),
    "knowledge:article_create": Row(expect(200)),
    "knowledge:article_detail": Row(expect(200, **HIDDEN), kwargs=_article),
    "knowledge:article_edit": Row(expect(403, **PUBLISHER_ONLY), kwargs=_article),
    "knowledge:article_share": Row(expect(403, **PUBLISHER_ONLY), kwargs=_article),
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
}

API: dict[str, Row] = {
    "GET /api/v1/knowledge/articles": Row(expect(200, anonymous=401)),
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
