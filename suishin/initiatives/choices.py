from django.db import models
from django.utils.translation import gettext_lazy as _


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
