"""Which queue answers an inquiry, and which on-duty responder takes it (round-robin)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from suishin.core.choices import RoleChoices
from suishin.core.models import Organization, User
from suishin.desk.models import DeskQueue, DutyShift, Inquiry, InquiryCategory, RoutingRule


def queue_for(*, unit: Organization, category: InquiryCategory) -> DeskQueue | None:
    """The most specific rule of the asker's institution: a rule for the category beats one for
    any category; a rule for a deeper asking unit beats one for a wider one."""
    rules = (
        RoutingRule.objects.filter(institution_id=unit.institution_id, queue__is_active=True)
        .select_related("source", "queue")
        .filter(Q(category=category) | Q(category__isnull=True))
    )
    matching = [
        rule for rule in rules if rule.source is None or unit.path.startswith(rule.source.path)
    ]
    if not matching:
        return None
    best = max(
        matching,
        key=lambda rule: (
            rule.category_id is not None,
            rule.source.depth if rule.source is not None else -1,
        ),
    )
    return best.queue


def on_duty(queue: DeskQueue, at: datetime) -> QuerySet[User]:
    shifts = DutyShift.objects.filter(queue=queue, starts_at__lte=at, ends_at__gt=at)
    return User.objects.filter(
        is_active=True,
        pk__in=shifts.values("responder_id"),
        roles__role=RoleChoices.RESPONDER,
    )


def next_responder(queue: DeskQueue, at: datetime) -> User | None:
    """The on-duty responder of ``queue`` who was given an inquiry of it least recently."""
    last_assigned = (
        Inquiry.objects.filter(queue=queue, assignee=OuterRef("pk"))
        .order_by("-assigned_at")
        .values("assigned_at")[:1]
    )
    return (
        on_duty(queue, at)
        .annotate(last_assigned=Subquery(last_assigned))
        .order_by(F("last_assigned").asc(nulls_first=True), "pk")
        .first()
    )


def queue_responders(queue: DeskQueue) -> QuerySet[User]:
    """Responders who work in the queue's division (named readers of restricted inquiries)."""
    return User.objects.filter(
        is_active=True, unit=queue.division, roles__role=RoleChoices.RESPONDER
    )
