"""Choice sets of the inquiry desk."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InquiryUrgencyChoices(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")


class InquiryStatusChoices(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    # The responder asked the officer something; the service-level clock stops meanwhile.
    WAITING = "waiting", _("Waiting for the officer")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")


# Statuses in which the desk still owes the officer something.
OPEN_STATUSES = (
    InquiryStatusChoices.NEW,
    InquiryStatusChoices.IN_PROGRESS,
    InquiryStatusChoices.WAITING,
)
# Statuses whose service-level clock is running.
RUNNING_STATUSES = (InquiryStatusChoices.NEW, InquiryStatusChoices.IN_PROGRESS)


class MessageKindChoices(models.TextChoices):
    REPLY = "reply", _("Reply to the officer")
    FOLLOW_UP = "follow_up", _("Message from the officer")
    NOTE = "note", _("Internal note")
    EVENT = "event", _("Record of a change")


# Kinds the asking officer sees; internal notes stay with the desk.
OFFICER_VISIBLE_KINDS = (
    MessageKindChoices.REPLY,
    MessageKindChoices.FOLLOW_UP,
    MessageKindChoices.EVENT,
)


class ReferenceKindChoices(models.TextChoices):
    LINKED = "linked", _("Linked in the answer")
    SOLVED = "solved", _("Solved the question by itself")


class EscalationLevelChoices(models.IntegerChoices):
    NONE = 0, _("None")
    WARNED = 1, _("About to be breached")
    BREACHED = 2, _("Breached")
