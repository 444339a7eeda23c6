"""The promotion structure's rows of the access matrix. 県A's body is run from
生活安全企画課 (responder_a's unit); admin_a manages the structure; officer_a holds the post
on it and owns the action item. Other institutions see nothing of it."""

from __future__ import annotations

from suishin.testing.access import Row, expect

HIDDEN = {"officer_b": 404, "national_secretariat": 404}
MANAGERS = {"admin_a": 302, **HIDDEN}
RUNNERS = {"admin_a": 302, "responder_a": 302, **HIDDEN}


def _body(o: object) -> dict[str, int]:
    return {"pk": o.structure.body.pk}  # type: ignore[attr-defined]


def _meeting(o: object) -> dict[str, int]:
    return {"pk": o.structure.meeting.pk}  # type: ignore[attr-defined]


PAGES: dict[str, Row] = {
    "initiatives:body_list": Row(expect(200)),
    "initiatives:body_create": Row(expect(403, admin_a=200, national_secretariat=200)),
    "initiatives:body_detail": Row(expect(200, **HIDDEN), kwargs=_body),
    "initiatives:body_member_add": Row(
        expect(403, **MANAGERS),
        method="post",
        kwargs=_body,
        data=lambda o: {"role": "member", "person": str(o.responder.pk)},
    ),
    "initiatives:body_member_remove": Row(
        expect(403, **MANAGERS),
        method="post",
        kwargs=lambda o: {"pk": o.structure.body.pk, "member_pk": o.structure.seat.pk},
    ),
    "initiatives:meeting_create": Row(
        expect(403, admin_a=200, responder_a=200, **HIDDEN), kwargs=_body
    ),
    "initiatives:post_list": Row(expect(403, admin_a=200, national_secretariat=200)),
    "initiatives:post_assign": Row(
        expect(403, admin_a=302, national_secretariat=404),
        method="post",
        kwargs=lambda o: {"pk": o.structure.post.pk},
        data=lambda o: {"holder": str(o.responder.pk)},
    ),
    "initiatives:meeting_detail": Row(expect(200, **HIDDEN), kwargs=_meeting),
    "initiatives:meeting_update": Row(
        expect(403, **RUNNERS),
        method="post",
        kwargs=lambda o: {"pk": o.structure.meeting.pk, "part": "decision"},
        data=lambda o: {"decision-text": "試行を始める。"},
    ),
    "initiatives:action_done": Row(
        expect(403, officer_a=302, **RUNNERS),
        method="post",
        kwargs=lambda o: {"pk": o.action.pk},
    ),
}
