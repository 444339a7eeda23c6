"""Writes to the desk's configuration: categories, queues, routing, rosters, service levels,
canned answers and saved queue views."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from suishin.core.choices import RoleChoices
from suishin.core.date_range import require_dates_in_range
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.institutions import institution_id_of
from suishin.core.models import Organization, User
from suishin.core.services.audit import audit_log
from suishin.core.services.permissions import require_role
from suishin.desk.access import (
    can_configure,
    can_keep_roster,
    is_responder,
)
from suishin.desk.models import (
    CannedAnswer,
    DeskQueue,
    DutyShift,
    InquiryCategory,
    RoutingRule,
    SavedQueueView,
    ServiceLevel,
)

MAX_REPEAT_DAYS = 92


def _require_configure(actor: User | None, institution_id: int | None, *, system: bool) -> None:
    message = _("Only system administrators of the institution can change the desk settings.")
    require_role(actor, RoleChoices.SYSTEM_ADMIN, message=message, system=system)
    if actor is not None and (
        not can_configure(actor) or institution_id_of(actor) != institution_id
    ):
        raise AccessDenied(message)


def _save(instance: object, *, exclude: list[str] | None = None) -> None:
    clean_or_raise(instance, exclude=exclude)
    try:
        with transaction.atomic():
            instance.save()  # type: ignore[attr-defined]
    except IntegrityError as error:
        raise InvalidInput(_("The same setting already exists.")) from error


@transaction.atomic
def category_create(
    *, actor: User | None, institution: Organization | None, name: str, sort_order: int = 0
) -> InquiryCategory:
    """Add a category. The first category of an institution starts its own list; until then it
    uses the default list."""
    _require_configure(actor, institution.pk if institution else None, system=institution is None)
    category = InquiryCategory(institution=institution, name=name.strip(), sort_order=sort_order)
    _save(category)
    audit_log(actor=actor, action="desk.category_created", target=category)
    return category


@transaction.atomic
def category_set_active(*, actor: User, category: InquiryCategory, is_active: bool) -> None:
    _require_configure(actor, category.institution_id, system=False)
    category.is_active = is_active
    category.save(update_fields=["is_active"])
    audit_log(
        actor=actor,
        action="desk.category_updated",
        target=category,
        detail={"is_active": is_active},
    )


@transaction.atomic
def queue_create(
    *,
    actor: User | None,
    division: Organization,
    supervisor: User | None = None,
    manager: User | None = None,
) -> DeskQueue:
    _require_configure(actor, division.institution_id, system=True)
    for person in (supervisor, manager):
        if person is not None and institution_id_of(person) != division.institution_id:
            message = _("Choose people of the same institution.")
            raise InvalidInput(message, fields={"supervisor": [message]})
    queue = DeskQueue(division=division, supervisor=supervisor, manager=manager)
    _save(queue)
    audit_log(actor=actor, action="desk.queue_created", target=queue)
    return queue


@transaction.atomic
def routing_rule_create(
    *,
    actor: User | None,
    institution: Organization,
    queue: DeskQueue,
    category: InquiryCategory | None = None,
    source: Organization | None = None,
) -> RoutingRule:
    _require_configure(actor, institution.pk, system=True)
    if queue.division.institution_id != institution.pk or (
        source is not None and source.institution_id != institution.pk
    ):
        message = _("Choose a queue and units of your own institution.")
        raise InvalidInput(message, fields={"queue": [message]})
    if category is not None and category.institution_id not in (None, institution.pk):
        message = _("Choose one of the categories shown.")
        raise InvalidInput(message, fields={"category": [message]})
    rule = RoutingRule(institution=institution, queue=queue, category=category, source=source)
    _save(rule)
    audit_log(
        actor=actor,
        action="desk.routing_rule_created",
        target=rule,
        detail={"queue": queue.pk, "category": rule.category_id, "source": rule.source_id},
    )
    return rule


@transaction.atomic
def routing_rule_delete(*, actor: User, rule: RoutingRule) -> None:
    _require_configure(actor, rule.institution_id, system=False)
    audit_log(actor=actor, action="desk.routing_rule_deleted", target=rule)
    rule.delete()


def _require_roster(actor: User | None, queue: DeskQueue) -> None:
    if actor is None or can_keep_roster(actor, queue):
        return
    raise AccessDenied(_("Only the division supervisor and administrators can change the roster."))


@transaction.atomic
def duty_shift_create(
    *,
    actor: User | None,
    queue: DeskQueue,
    responder: User,
    starts_at: datetime,
    ends_at: datetime,
    repeat_days: int = 1,
) -> list[DutyShift]:
    """Put a responder on duty, once or on the same hours for several consecutive days
    (nights run past midnight: a shift from 17:15 to 8:30 ends the next morning)."""
    _require_roster(actor, queue)
    require_dates_in_range(starts_at=starts_at, ends_at=ends_at)
    if not is_responder(responder) or institution_id_of(responder) != (
        queue.division.institution_id
    ):
        message = _("Choose a responder of this institution.")
        raise InvalidInput(message, fields={"responder": [message]})
    if ends_at <= starts_at:
        message = _("The end must come after the start.")
        raise InvalidInput(message, fields={"ends_at": [message]})
    if ends_at - starts_at > timedelta(hours=48):
        message = _("A shift can last at most 48 hours.")
        raise InvalidInput(message, fields={"ends_at": [message]})
    if not 1 <= repeat_days <= MAX_REPEAT_DAYS:
        message = _("Repeat for 1 to %(max)d days.") % {"max": MAX_REPEAT_DAYS}
        raise InvalidInput(message, fields={"repeat_days": [message]})
    creator = actor or responder
    shifts = []
    for offset in range(repeat_days):
        shift = DutyShift(
            queue=queue,
            responder=responder,
            starts_at=starts_at + timedelta(days=offset),
            ends_at=ends_at + timedelta(days=offset),
            created_by=creator,
        )
        clean_or_raise(shift)
        shift.save()
        shifts.append(shift)
    audit_log(
        actor=actor,
        action="desk.shifts_created",
        target=queue,
        detail={"responder": responder.pk, "count": len(shifts)},
    )
    return shifts


@transaction.atomic
def duty_shift_delete(*, actor: User, shift: DutyShift) -> None:
    _require_roster(actor, shift.queue)
    audit_log(
        actor=actor,
        action="desk.shift_deleted",
        target=shift.queue,
        detail={"responder": shift.responder_id, "shift": shift.pk},
    )
    shift.delete()


@transaction.atomic
def service_level_set(
    *,
    actor: User | None,
    institution: Organization | None,
    urgency: str,
    category: InquiryCategory | None,
    first_response_minutes: int,
    resolution_minutes: int,
    clock: str,
) -> ServiceLevel:
    """Create or change the targets for one urgency (and category) of an institution."""
    _require_configure(actor, institution.pk if institution else None, system=institution is None)
    level = ServiceLevel.objects.filter(
        institution=institution, urgency=urgency, category=category
    ).first() or ServiceLevel(institution=institution, urgency=urgency, category=category)
    level.first_response_minutes = first_response_minutes
    level.resolution_minutes = resolution_minutes
    level.clock = clock
    if resolution_minutes < first_response_minutes:
        message = _("The answer target cannot be shorter than the first-response target.")
        raise InvalidInput(message, fields={"resolution_minutes": [message]})
    _save(level)
    audit_log(
        actor=actor,
        action="desk.service_level_set",
        target=level,
        detail={
            "urgency": urgency,
            "first_response_minutes": first_response_minutes,
            "resolution_minutes": resolution_minutes,
            "clock": clock,
        },
    )
    return level


@transaction.atomic
def service_level_delete(*, actor: User, level: ServiceLevel) -> None:
    _require_configure(actor, level.institution_id, system=False)
    audit_log(actor=actor, action="desk.service_level_deleted", target=level)
    level.delete()


@transaction.atomic
def canned_answer_create(*, actor: User, title: str, body: str) -> CannedAnswer:
    if not is_responder(actor) or actor.unit is None:
        raise AccessDenied(_("Only responders of the desk can keep canned answers."))
    answer = CannedAnswer(
        institution_id=actor.unit.institution_id or actor.unit.pk,
        title=title.strip(),
        body=body.strip(),
        created_by=actor,
    )
    _save(answer)
    audit_log(actor=actor, action="desk.canned_answer_created", target=answer)
    return answer


@transaction.atomic
def canned_answer_delete(*, actor: User, answer: CannedAnswer) -> None:
    if not is_responder(actor) or institution_id_of(actor) != answer.institution_id:
        raise AccessDenied(_("Only responders of the desk can keep canned answers."))
    audit_log(actor=actor, action="desk.canned_answer_deleted", target=answer)
    answer.delete()


@transaction.atomic
def saved_view_create(*, actor: User, name: str, query: str) -> SavedQueueView:
    view = SavedQueueView(owner=actor, name=name.strip(), query=query[:500])
    _save(view)
    audit_log(actor=actor, action="desk.saved_view_created", target=view)
    return view


@transaction.atomic
def saved_view_delete(*, actor: User, view: SavedQueueView) -> None:
    if view.owner_id != actor.pk:
        raise AccessDenied(_("You can change only your own saved views."))
    audit_log(actor=actor, action="desk.saved_view_deleted", target=view)
    view.delete()
