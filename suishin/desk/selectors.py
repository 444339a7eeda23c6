"""Reads of the inquiry desk. Every inquiry read starts from ``Inquiry.objects.visible_to``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from suishin.core.choices import RoleChoices
from suishin.core.institutions import institution_id_of
from suishin.core.models import Organization, User
from suishin.core.selectors import get_visible_or_404
from suishin.core.statements import latest_change
from suishin.desk.access import can_configure, is_desk_staff
from suishin.desk.choices import (
    OFFICER_VISIBLE_KINDS,
    OPEN_STATUSES,
    InquiryStatusChoices,
    InquiryUrgencyChoices,
)
from suishin.desk.models import (
    CannedAnswer,
    DeskQueue,
    DutyShift,
    Inquiry,
    InquiryCategory,
    InquiryMessage,
    InquiryReference,
    SavedQueueView,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def categories_for(institution_id: int | None) -> QuerySet[InquiryCategory]:
    """The institution's own active categories, or the default list if it has none."""
    return InquiryCategory.objects.own_or_default_list(institution_id).filter(is_active=True)


# What an inquiry's page, list row and API answer show besides the inquiry itself.
INQUIRY_RELATED = ("category", "queue__division", "assignee", "created_by", "organization")
# Of the people an inquiry names, what those show. Their password hashes and second-factor
# secrets are never read along (and the fewer columns make the query cheaper to build).
PERSON_FIELDS = frozenset({"id", "username", "display_name", "unit", "is_active"})
PERSON_DEFERRED = tuple(
    f"{relation}__{field.name}"
    for relation in ("assignee", "created_by")
    for field in User._meta.concrete_fields
    if field.name not in PERSON_FIELDS
)


def _with_related(inquiries: QuerySet[Inquiry]) -> QuerySet[Inquiry]:
    return inquiries.select_related(*INQUIRY_RELATED).defer(*PERSON_DEFERRED)


def inquiries_for(user: User | AnonymousUser) -> QuerySet[Inquiry]:
    return _with_related(Inquiry.objects.visible_to(user))


def inquiry_for(user: User | AnonymousUser, pk: int) -> Inquiry:
    """One inquiry the user may read, or 404 (a hidden one is refused like a missing one, and
    audited)."""
    return get_visible_or_404(_with_related(Inquiry.objects.all()), user, pk=pk)


def my_inquiries(user: User) -> QuerySet[Inquiry]:
    return inquiries_for(user).filter(created_by=user).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class QueueFilter:
    queue_id: int | None = None
    status: str = "open"
    urgency: str = ""
    category_id: int | None = None
    assignee: str = ""  # "me", "none" or "" for anyone
    text: str = ""


# What a queue row shows: the queue refreshes every few seconds for every responder, so it
# loads these columns only.
QUEUE_ROW_FIELDS = (
    "subject",
    "urgency",
    "status",
    "classification",
    "organization__name",
    "category__name",
    "assignee__username",
    "assignee__display_name",
    "queue__division__name",
    "created_by__username",
    "first_response_due",
    "resolution_due",
    "updated_at",  # the row's version, for announcing what changed
    "first_responded_at",
    "first_response_escalation",
    "resolution_escalation",
    "waiting_since",
    "created_at",
)


def queue_inquiries(user: User, filters: QueueFilter) -> QuerySet[Inquiry]:
    """The responder queue, most urgent first: breached and nearly-due inquiries lead, urgent
    before normal, then by the earliest due time."""
    inquiries = inquiries_for(user).filter(
        organization__institution_id=institution_id_of(user), merged_into__isnull=True
    )
    if filters.queue_id:
        inquiries = inquiries.filter(queue_id=filters.queue_id)
    if filters.status == "open":
        inquiries = inquiries.filter(status__in=OPEN_STATUSES)
    elif filters.status in InquiryStatusChoices.values:
        inquiries = inquiries.filter(status=filters.status)
    if filters.urgency in InquiryUrgencyChoices.values:
        inquiries = inquiries.filter(urgency=filters.urgency)
    if filters.category_id:
        inquiries = inquiries.filter(category_id=filters.category_id)
    if filters.assignee == "me":
        inquiries = inquiries.filter(assignee=user)
    elif filters.assignee == "none":
        inquiries = inquiries.filter(assignee__isnull=True)
    if filters.text:
        inquiries = inquiries.filter(subject__icontains=filters.text[:100])
    # Whichever target is next: the first response until it is given, then the answer.
    next_due = Case(
        When(first_responded_at__isnull=True, then=F("first_response_due")),
        default=F("resolution_due"),
    )
    urgent_first = Case(
        When(urgency=InquiryUrgencyChoices.URGENT, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    waiting_last = Case(
        When(status=InquiryStatusChoices.WAITING, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        inquiries.only(*QUEUE_ROW_FIELDS)
        .annotate(next_due=next_due)
        .order_by(waiting_last, F("next_due").asc(nulls_last=True), urgent_first, "pk")
    )


def desk_signature() -> str:
    """Changes whenever any inquiry is added or updated, and every minute (due times turn
    overdue with the clock alone). One index lookup: the queue asks for it every few seconds
    for every responder, and re-renders only when it changed."""
    # A fixed statement (see suishin.core.statements).
    latest = latest_change(Inquiry)
    digest = hashlib.blake2b(str(latest).encode(), digest_size=8).hexdigest()
    return f"{digest}.{int(timezone.now().timestamp() // 60)}"


def thread_for(user: User | AnonymousUser, inquiry: Inquiry) -> QuerySet[InquiryMessage]:
    """The messages of an inquiry the user may read: the desk sees its internal notes too."""
    messages = inquiry.messages.select_related("author").prefetch_related("attachments__file")
    if not is_desk_staff(user, inquiry):
        messages = messages.filter(kind__in=OFFICER_VISIBLE_KINDS)
    return messages


def references_for(user: User | AnonymousUser, inquiry: Inquiry) -> list[InquiryReference]:
    """Linked items whose target the user may still open (a title never leaks otherwise)."""
    from suishin.search.models import SearchDocument

    references = list(inquiry.references.all())
    if not references:
        return []
    visible = set(
        SearchDocument.objects.visible_to(user)
        .filter(
            Q(*[Q(type_key=r.type_key, object_id=r.object_id) for r in references], _connector="OR")
        )
        .values_list("type_key", "object_id")
    )
    return [r for r in references if (r.type_key, r.object_id) in visible]


def queues_of(institution_id: int | None) -> QuerySet[DeskQueue]:
    return DeskQueue.objects.filter(
        division__institution_id=institution_id, is_active=True
    ).select_related("division", "supervisor", "manager")


def responders_in(institution_id: int | None) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        roles__role=RoleChoices.RESPONDER,
        unit__institution_id=institution_id,
    ).order_by("username")


def responders_of(inquiry: Inquiry) -> QuerySet[User]:
    """Whom the inquiry can be assigned to (the assignment list of its page)."""
    return responders_in(inquiry.organization.institution_id).only(*PERSON_FIELDS)


def roster_queues(user: User) -> QuerySet[DeskQueue]:
    """The queues whose roster ``user`` keeps: all of the institution's for its
    administrators, the supervised ones for a division supervisor, else none."""
    queues = queues_of(institution_id_of(user))
    return queues if can_configure(user) else queues.filter(supervisor=user)


def canned_answers_for(user: User) -> QuerySet[CannedAnswer]:
    return CannedAnswer.objects.filter(institution_id=institution_id_of(user))


def saved_views_for(user: User) -> QuerySet[SavedQueueView]:
    return SavedQueueView.objects.filter(owner=user)


def shifts_between(
    institution_id: int | None, start: datetime, end: datetime, queue_id: int | None = None
) -> QuerySet[DutyShift]:
    shifts = DutyShift.objects.filter(
        queue__division__institution_id=institution_id, starts_at__lt=end, ends_at__gt=start
    ).select_related("queue__division", "responder")
    if queue_id:
        shifts = shifts.filter(queue_id=queue_id)
    return shifts.order_by("starts_at", "queue__division__path", "pk")


@dataclass(frozen=True)
class OnDuty:
    """One person on duty now, with every desk they cover (a person may hold two shifts)."""

    responder: User
    divisions: tuple[str, ...]


def on_duty_now(institution_id: int | None) -> list[OnDuty]:
    now = timezone.now()
    divisions: dict[User, list[str]] = {}
    for shift in shifts_between(institution_id, now, now + timedelta(seconds=1)):
        names = divisions.setdefault(shift.responder, [])
        if shift.queue.division.name not in names:
            names.append(shift.queue.division.name)
    return [OnDuty(responder, tuple(names)) for responder, names in divisions.items()]


@dataclass(frozen=True)
class RosterDay:
    date: date
    shifts: tuple[DutyShift, ...]


def roster_days(institution_id: int | None, first_day: date, days: int) -> list[RosterDay]:
    """Each shift once, on the day it starts; one still running from before the first day
    is listed on the first day, so that a night shift is never shown twice."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(first_day, time.min, tzinfo=tz)
    by_day: dict[date, list[DutyShift]] = {
        first_day + timedelta(days=offset): [] for offset in range(days)
    }
    for shift in shifts_between(institution_id, start, start + timedelta(days=days)):
        by_day[max(timezone.localdate(shift.starts_at), first_day)].append(shift)
    return [RosterDay(day, tuple(shifts)) for day, shifts in by_day.items()]


def units_of(institution_id: int | None) -> QuerySet[Organization]:
    return Organization.objects.filter(institution_id=institution_id, is_active=True)
