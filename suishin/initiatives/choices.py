from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.core.audit_actions import StrOrPromise


class BodyKindChoices(models.TextChoices):
    COMMITTEE = "committee", _("Committee")
    STEERING = "steering", _("Steering group")
    WORKING_GROUP = "working_group", _("Working group")


class MemberRoleChoices(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")


class MeetingAccessChoices(models.TextChoices):
    """Who may read a meeting: a classification, or its body's members (構成員限り). A meeting
    may be stricter than its body, never wider."""

    PUBLIC = "public", _("Classification 1 (public)")
    INTERNAL = "internal", _("Classification 2 (within the organization)")
    MEMBERS = (
        "members",
        _("Members only (the body's members, its secretariat staff and the people named)"),
    )


class PartReadersChoices(models.TextChoices):
    """Who of a meeting's readers may read one of its agenda items or materials."""

    MEETING = "meeting", _("Everyone who may read the meeting")
    MEMBERS = (
        "members",
        _("Members only (the body's members, its secretariat staff and the people named)"),
    )
    NAMED = "named", _("Named people only (and the body's secretariat staff)")


class MeetingStatusChoices(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class InitiativeStatusChoices(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses of an initiative still being carried out: its progress reports fall due.
ACTIVE_STATUSES = (InitiativeStatusChoices.PLANNED, InitiativeStatusChoices.IN_PROGRESS)


class HealthChoices(models.TextChoices):
    """The RAG flag: on track, at risk, off track."""

    GREEN = "green", _("On track")
    AMBER = "amber", _("At risk")
    RED = "red", _("Off track")


class KpiUnitChoices(models.TextChoices):
    """What a KPI counts; each has its plausible range (services.initiatives)."""

    COUNT = "count", _("Count (件)")
    PERCENT = "percent", _("Percent (%)")
    HOURS = "hours", _("Hours (時間)")
    DAYS = "days", _("Days (日)")
    PEOPLE = "people", _("People (人)")
    YEN = "yen", _("Yen (円)")


# The unit as written after a figure or a KPI's name (「月平均時間外勤務（時間）」, 「1,500件」);
# the choices' labels name it with what it measures, for the select (「時間（時間数）」).
KPI_UNIT_SYMBOLS: dict[str, str] = {
    KpiUnitChoices.COUNT: "件",
    KpiUnitChoices.PERCENT: "%",
    KpiUnitChoices.HOURS: "時間",
    KpiUnitChoices.DAYS: "日",
    KpiUnitChoices.PEOPLE: "人",
    KpiUnitChoices.YEN: "円",
}


# What the audit trail calls this app's actions (core.audit_actions).
AUDIT_ACTIONS: dict[str, StrOrPromise] = {
    "body.meetings_default_changed": _("Default meeting access changed"),
    "body.member_added": _("Member added to a body"),
    "body.member_removed": _("Member removed from a body"),
    "initiative.case_adopted": _("Shared case adopted"),
    "initiative.case_answered": _("Question on a shared case answered"),
    "initiative.case_published": _("Case shared"),
    "initiative.case_question": _("Question on a shared case"),
    "initiative.category_added": _("Initiative category added"),
    "initiative.exported": _("Initiatives exported"),
    "initiative.kpi_added": _("KPI added"),
    "initiative.milestone_added": _("Milestone added"),
    "initiative.milestone_reached": _("Milestone reached"),
    "initiative.report": _("Progress reported"),
    "initiative.status": _("Initiative status changed"),
    "initiative.updated": _("Initiative changed"),
    "meeting.access_changed": _("Meeting access changed"),
    "meeting.action_added": _("Action item added"),
    "meeting.action_done": _("Action item done"),
    "meeting.agenda_added": _("Agenda item added"),
    "meeting.agenda_changed": _("Agenda item changed"),
    "meeting.agenda_moved": _("Agenda item moved"),
    "meeting.agenda_removed": _("Agenda item removed"),
    "meeting.decision_added": _("Decision recorded"),
    "meeting.material_added": _("Meeting material added"),
    "meeting.minutes_recorded": _("Minutes recorded"),
    "meeting.rescheduled": _("Meeting changed"),
    "meeting.cancelled": _("Meeting cancelled"),
}
