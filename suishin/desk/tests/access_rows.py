"""The desk's rows of the access matrix. The inquiry belongs to 県A (officer_a asked it): other
institutions get 404; inside 県A, acting on it is for the asker and the desk's responders."""

from __future__ import annotations

from suishin.testing.access import Row, expect

HIDDEN = {"officer_b": 404, "national_secretariat": 404}
# Acting on 県A's inquiry: the responder may, other 県A people are refused, others see nothing.
DESK_ONLY = {"responder_a": 302, **HIDDEN}
DASHBOARD = {"responder_a": 200, "admin_a": 200, "national_secretariat": 200}


def _inquiry(o: object) -> dict[str, int]:
    return {"pk": o.inquiry.pk}  # type: ignore[attr-defined]


PAGES: dict[str, Row] = {
    "desk:inquiry_list": Row(expect(200)),
    "desk:inquiry_create": Row(expect(200)),
    "desk:suggest": Row(expect(200), method="post", data=lambda o: {"subject": "遺失物"}),
    "desk:privacy_check": Row(expect(200), method="post", data=lambda o: {"body": "山田太郎さん"}),
    "desk:inquiry_detail": Row(expect(200, **HIDDEN), kwargs=_inquiry),
    "desk:inquiry_post": Row(
        expect(403, officer_a=302, **DESK_ONLY),
        method="post",
        kwargs=_inquiry,
        data=lambda o: {"body": "追記します。", "action": "answer"},
    ),
    "desk:inquiry_status": Row(
        expect(403, officer_a=302, **DESK_ONLY),
        method="post",
        kwargs=_inquiry,
        data=lambda o: {"status": "resolved"},
    ),
    "desk:inquiry_assign": Row(
        expect(403, **DESK_ONLY), method="post", kwargs=_inquiry, data=lambda o: {"take": "1"}
    ),
    "desk:inquiry_merge": Row(
        expect(403, **DESK_ONLY),
        method="post",
        kwargs=_inquiry,
        data=lambda o: {"into": str(o.other.pk)},
    ),
    "desk:inquiry_link": Row(
        expect(403, **DESK_ONLY),
        method="post",
        kwargs=_inquiry,
        data=lambda o: {"type_key": "desk.inquiry", "object_id": str(o.answered.pk)},
    ),
    "desk:inquiry_unlink": Row(
        expect(403, **DESK_ONLY),
        method="post",
        kwargs=lambda o: {"pk": o.inquiry.pk, "reference_pk": o.reference.pk},
    ),
    "desk:inquiry_knowledge_search": Row(expect(403, responder_a=200, **HIDDEN), kwargs=_inquiry),
    "desk:inquiry_knowledge_draft": Row(expect(403, responder_a=200, **HIDDEN), kwargs=_inquiry),
    "desk:queue": Row(expect(403, responder_a=200)),
    "desk:saved_view_create": Row(
        expect(403, responder_a=302), method="post", data=lambda o: {"name": "至急のみ"}
    ),
    "desk:saved_view_delete": Row(
        expect(404, responder_a=302), method="post", kwargs=lambda o: {"pk": o.saved_view.pk}
    ),
    "desk:canned_answers": Row(expect(403, responder_a=200)),
    "desk:canned_answer_delete": Row(
        expect(403, responder_a=302), method="post", kwargs=lambda o: {"pk": o.canned.pk}
    ),
    "desk:roster": Row(expect(403, responder_a=200, admin_a=200)),
    "desk:shift_delete": Row(
        expect(403, admin_a=302, **HIDDEN), method="post", kwargs=lambda o: {"pk": o.shift.pk}
    ),
    "desk:settings": Row(expect(403, admin_a=200)),
    "desk:category_toggle": Row(
        expect(403, admin_a=302), method="post", kwargs=lambda o: {"pk": o.category.pk}
    ),
    "desk:rule_delete": Row(
        expect(403, admin_a=302), method="post", kwargs=lambda o: {"pk": o.rule.pk}
    ),
    "desk:service_level_delete": Row(
        expect(403, admin_a=302), method="post", kwargs=lambda o: {"pk": o.level.pk}
    ),
    "desk:dashboard": Row(expect(403, **DASHBOARD)),
    "desk:dashboard_export": Row(expect(403, **DASHBOARD)),
}

API: dict[str, Row] = {
    "POST /api/v1/desk/inquiries": Row(
        expect(201, anonymous=401),
        json=True,
        data=lambda o: {
            "category": "その他",
            "subject": "拾得物の照会",
            "body": "手続を教えてください。",
        },
    ),
    "GET /api/v1/desk/inquiries": Row(expect(200, anonymous=401)),
    "GET /api/v1/desk/inquiries/{inquiry_id}": Row(expect(200, anonymous=401, **HIDDEN)),
    "POST /api/v1/desk/inquiries/{inquiry_id}/messages": Row(
        expect(403, officer_a=201, anonymous=401, **HIDDEN),
        json=True,
        data=lambda o: {"body": "追記します。", "kind": "follow_up"},
    ),
    "POST /api/v1/desk/inquiries/{inquiry_id}/status": Row(
        expect(403, officer_a=200, responder_a=200, anonymous=401, **HIDDEN),
        json=True,
        data=lambda o: {"status": "resolved"},
    ),
}
