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


def _initiative(o: object) -> dict[str, int]:
    return {"pk": o.initiative.pk}  # type: ignore[attr-defined]


# The owner (officer_a) and the institution's administrator run an initiative.
OWNER_OR_ADMIN = {"officer_a": 302, "admin_a": 302, **HIDDEN}

PAGES: dict[str, Row] = {
    "initiatives:initiative_list": Row(expect(200)),
    "initiatives:portfolio": Row(expect(200)),
    "initiatives:category_list": Row(expect(403, admin_a=200, national_secretariat=200)),
    "initiatives:initiative_milestone": Row(
        expect(403, **OWNER_OR_ADMIN),
        method="post",
        kwargs=_initiative,
        data=lambda o: {
            "milestone-title": "3署で試行",
            "milestone-due_date_0": "2026",
            "milestone-due_date_1": "10",
            "milestone-due_date_2": "1",
        },
    ),
    "initiatives:initiative_export": Row(expect(200)),
    "initiatives:initiative_import": Row(
        expect(403, officer_a=200, admin_a=200, national_secretariat=200)
    ),
    "initiatives:annual_report": Row(expect(403, admin_a=200, national_secretariat=200)),
    "initiatives:case_publish": Row(
        expect(403, officer_a=200, admin_a=200, **HIDDEN), kwargs=_initiative
    ),
    "initiatives:case_catalogue": Row(expect(200)),
    "initiatives:case_detail": Row(expect(200), kwargs=lambda o: {"pk": o.case.pk}),
    "initiatives:case_action": Row(
        expect(302),
        method="post",
        kwargs=lambda o: {"pk": o.case.pk, "action": "bookmark"},
        data=lambda o: {"keep": "1"},
    ),
    "initiatives:case_answer": Row(
        expect(403, officer_a=302, admin_a=302),
        method="post",
        kwargs=lambda o: {"pk": o.case.pk, "question_pk": o.question.pk},
        data=lambda o: {"answer": "署長会議で説明しました。"},
    ),
    "initiatives:initiative_create": Row(
        expect(403, officer_a=200, admin_a=200, national_secretariat=200)
    ),
    "initiatives:initiative_detail": Row(expect(200, **HIDDEN), kwargs=_initiative),
    "initiatives:initiative_kpi": Row(
        expect(403, **OWNER_OR_ADMIN),
        method="post",
        kwargs=_initiative,
        data=lambda o: {
            "kpi-name": "回答までの時間",
            "kpi-unit": "hours",
            "kpi-baseline": "24",
            "kpi-baseline_date_0": "2026",
            "kpi-baseline_date_1": "4",
            "kpi-baseline_date_2": "1",
            "kpi-target": "4",
            "kpi-target_date_0": "2027",
            "kpi-target_date_1": "3",
            "kpi-target_date_2": "31",
        },
    ),
    "initiatives:initiative_progress": Row(
        expect(403, **OWNER_OR_ADMIN),
        method="post",
        kwargs=_initiative,
        data=lambda o: {
            "progress-period_end_0": "2026",
            "progress-period_end_1": "10",
            "progress-period_end_2": "31",
            "progress-done": "試行署を選んだ。",
            "progress-health": "green",
        },
    ),
    "initiatives:initiative_status": Row(
        expect(403, **OWNER_OR_ADMIN),
        method="post",
        kwargs=_initiative,
        data=lambda o: {"status": "in_progress"},
    ),
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
    "initiatives:body_meetings_default": Row(
        expect(403, **MANAGERS),
        method="post",
        kwargs=_body,
        data=lambda o: {"meetings_members_only": "on"},
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
    "initiatives:agenda_item": Row(
        expect(403, **RUNNERS),
        method="post",
        kwargs=lambda o: {
            "pk": o.structure.meeting.pk,
            "item": o.structure.meeting.agenda.first().pk,
            "op": "down",
        },
    ),
    "initiatives:material_remove": Row(
        expect(403, **RUNNERS),
        method="post",
        kwargs=lambda o: {"pk": o.structure.meeting.pk, "file": o.material.pk},
    ),
    "initiatives:action_done": Row(
        expect(403, officer_a=302, **RUNNERS),
        method="post",
        kwargs=lambda o: {"pk": o.action.pk},
    ),
}

API: dict[str, Row] = {
    "GET /api/v1/initiatives/bodies": Row(expect(200, anonymous=401)),
    "GET /api/v1/initiatives/bodies/{body_id}": Row(expect(200, anonymous=401, **HIDDEN)),
    "GET /api/v1/initiatives/meetings/{meeting_id}": Row(expect(200, anonymous=401, **HIDDEN)),
    "GET /api/v1/initiatives": Row(expect(200, anonymous=401)),
    "GET /api/v1/initiatives/cases": Row(
        expect(200, anonymous=401), data=lambda o: {"q": "即日回答"}
    ),
    "GET /api/v1/initiatives/{initiative_id}": Row(expect(200, anonymous=401, **HIDDEN)),
    "POST /api/v1/initiatives": Row(
        expect(403, officer_a=201, admin_a=201, national_secretariat=422, anonymous=401),
        json=True,
        data=lambda o: {
            "title": "報告様式の統合",
            "category": "1(1)イ",
            "owner": "officer_a",
            "goal": "重複する報告様式を統合する。",
            "start_date": "2026-04-01",
        },
    ),
    "POST /api/v1/initiatives/{initiative_id}/updates": Row(
        expect(403, officer_a=201, admin_a=201, anonymous=401, **HIDDEN),
        json=True,
        data=lambda o: {
            "period_end": "2026-10-31",
            "done": "試行署を選んだ。",
            "health": "green",
        },
    ),
}
