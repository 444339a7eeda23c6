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


class MeetingStatusChoices(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
