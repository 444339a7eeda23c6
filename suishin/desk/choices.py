"""Choice sets of the inquiry desk."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.core.audit_actions import StrOrPromise


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


# What the audit trail calls this app's actions (core.audit_actions).
AUDIT_ACTIONS: dict[str, StrOrPromise] = {
    "desk.canned_answer_created": _("Canned answer added"),
    "desk.canned_answer_deleted": _("Canned answer deleted"),
    "desk.category_created": _("Inquiry category created"),
    "desk.category_updated": _("Inquiry category changed"),
    "desk.figures_exported": _("Desk figures exported"),
    "desk.queue_created": _("Desk queue created"),
    "desk.routing_rule_created": _("Routing rule added"),
    "desk.routing_rule_deleted": _("Routing rule deleted"),
    "desk.saved_view_created": _("Queue view saved"),
    "desk.saved_view_deleted": _("Queue view deleted"),
    "desk.service_level_deleted": _("Service level deleted"),
    "desk.service_level_set": _("Service level set"),
    "desk.shift_deleted": _("Shift removed"),
    "desk.shifts_created": _("Shifts added"),
    "inquiry.assigned": _("Inquiry assigned"),
    "inquiry.escalated": _("Inquiry escalated"),
    "inquiry.merged": _("Inquiry merged"),
    "inquiry.message_posted": _("Message posted on an inquiry"),
    "inquiry.reference_linked": _("Reference linked to an inquiry"),
    "inquiry.reference_unlinked": _("Reference removed from an inquiry"),
    "inquiry.status_changed": _("Inquiry status changed"),
}
