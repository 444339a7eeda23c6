"""Service levels: which targets apply, when they fall due, pausing, and escalation."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.calendar import (
    MINUTES_PER_BUSINESS_DAY,
    add_working_minutes,
    working_minutes_between,
)
from suishin.core.choices import ServiceClockChoices
from suishin.core.services.audit import audit_log
from suishin.core.services.notifications import notification_create
from suishin.desk.choices import (
    RUNNING_STATUSES,
    EscalationLevelChoices,
    InquiryUrgencyChoices,
    MessageKindChoices,
)
from suishin.desk.models import Inquiry, InquiryCategory, InquiryMessage, ServiceLevel

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Targets:
    first_response_minutes: int
    resolution_minutes: int
    clock: str


# Used where neither the institution nor the defaults table says otherwise: an urgent question
# gets a first response within 10 minutes at any hour; a normal one within 4 business hours
# and an answer within 3 business days.
BUILT_IN_TARGETS = {
    InquiryUrgencyChoices.URGENT: Targets(10, 240, ServiceClockChoices.ALWAYS),
    InquiryUrgencyChoices.NORMAL: Targets(
        240, 3 * MINUTES_PER_BUSINESS_DAY, ServiceClockChoices.BUSINESS
    ),
}
# "About to be breached": this share of the target's working time is left.
WARN_SHARE = 0.2


def targets_for(*, institution_id: int, urgency: str, category: InquiryCategory) -> Targets:
    """The most specific service level: the institution's own before the defaults, a category's
    before the urgency's general one."""
    levels = ServiceLevel.objects.filter(
        Q(institution_id=institution_id) | Q(institution__isnull=True),
        Q(category=category) | Q(category__isnull=True),
        urgency=urgency,
    )
    best = max(
        levels,
        key=lambda level: (level.institution_id is not None, level.category_id is not None),
        default=None,
    )
    if best is None:
        return BUILT_IN_TARGETS[InquiryUrgencyChoices(urgency)]
    return Targets(best.first_response_minutes, best.resolution_minutes, best.clock)


def start_clocks(inquiry: Inquiry, targets: Targets, at: datetime) -> None:
    """Set the due times of a new (or reopened) inquiry; the caller saves."""
    inquiry.clock = targets.clock
    inquiry.clock_started_at = at
    if inquiry.first_responded_at is None:
        inquiry.first_response_due = add_working_minutes(
            at, targets.first_response_minutes, targets.clock
        )
    inquiry.resolution_due = add_working_minutes(at, targets.resolution_minutes, targets.clock)
    inquiry.resolution_escalation = EscalationLevelChoices.NONE


def pause(inquiry: Inquiry, at: datetime) -> None:
    if inquiry.waiting_since is None:
        inquiry.waiting_since = at


def resume(inquiry: Inquiry, at: datetime) -> None:
    """Move the answer due time on by the working time spent waiting for the officer."""
    if inquiry.waiting_since is None:
        return
    paused = working_minutes_between(inquiry.waiting_since, at, inquiry.clock)
    if inquiry.resolution_due is not None and paused > 0:
        inquiry.resolution_due = add_working_minutes(inquiry.resolution_due, paused, inquiry.clock)
    inquiry.waiting_since = None


def escalation_level(
    *, started: datetime | None, due: datetime | None, now: datetime, clock: str
) -> int:
    if started is None or due is None:
        return EscalationLevelChoices.NONE
    if now >= due:
        return EscalationLevelChoices.BREACHED
    total = working_minutes_between(started, due, clock)
    remaining = working_minutes_between(now, due, clock)
    if total > 0 and remaining <= total * WARN_SHARE:
        return EscalationLevelChoices.WARNED
    return EscalationLevelChoices.NONE


def sla_escalate(*, now: datetime | None = None) -> int:
    """Warn the division's supervisor when a target is about to be missed and the desk manager
    once it has been. Idempotent: each level is raised once per target, by one worker only."""
    now = now or timezone.now()
    raised = 0
    running = Inquiry.objects.filter(
        status__in=RUNNING_STATUSES,
        merged_into__isnull=True,
    ).filter(
        Q(first_responded_at__isnull=True, first_response_escalation__lt=2)
        | Q(resolution_escalation__lt=2)
    )
    # Read whole before writing: on SQLite a write begun while a read is still open on the same
    # connection fails at once ("database is locked") if anyone else has written meanwhile.
    for inquiry in list(running.select_related("queue")):
        if inquiry.first_responded_at is None:
            level = escalation_level(
                started=inquiry.created_at,
                due=inquiry.first_response_due,
                now=now,
                clock=inquiry.clock,
            )
            raised += _raise(inquiry, "first_response_escalation", level)
        level = escalation_level(
            started=inquiry.clock_started_at,
            due=inquiry.resolution_due,
            now=now,
            clock=inquiry.clock,
        )
        raised += _raise(inquiry, "resolution_escalation", level)
    return raised


@transaction.atomic
def _raise(inquiry: Inquiry, field: str, level: int) -> int:
    if level == EscalationLevelChoices.NONE:
        return 0
    # The conditional update is the lock: of two workers, only one sees a changed row.
    won = Inquiry.objects.filter(pk=inquiry.pk, **{f"{field}__lt": level}).update(**{field: level})
    if not won:
        return 0
    target = _("first response") if field == "first_response_escalation" else _("answer")
    queue = inquiry.queue
    recipients = []
    if level == EscalationLevelChoices.WARNED:
        message = _("The %(target)s target of this inquiry is about to be missed.") % {
            "target": target
        }
        recipients = [queue.supervisor if queue else None, inquiry.assignee]
        if queue and queue.supervisor is None:
            recipients.append(queue.manager)
    else:
        message = _("The %(target)s target of this inquiry was missed.") % {"target": target}
        recipients = [queue.manager if queue else None, queue.supervisor if queue else None]
    InquiryMessage.objects.create(
        inquiry=inquiry, kind=MessageKindChoices.NOTE, body=message, created_at=timezone.now()
    )
    for recipient in {user.pk: user for user in recipients if user is not None}.values():
        notification_create(
            recipient=recipient,
            kind="desk.escalation",
            title=_("Inquiry %(number)s: %(message)s") % {"number": inquiry.pk, "message": message},
            about=inquiry,
        )
    audit_log(
        actor=None,
        action="inquiry.escalated",
        target=inquiry,
        detail={"target": field.removesuffix("_escalation"), "level": level},
    )
    if queue is None:
        logger.warning("inquiry %s escalated with no queue to notify", inquiry.pk)
    return 1
