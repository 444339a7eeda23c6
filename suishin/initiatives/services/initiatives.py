"""Writes to initiatives: create, KPIs, progress updates, and the reminders when one is due.

An initiative is run by its owner; the secretariat and system administrators of the
institution may act on any of its initiatives. KPI values are checked against the KPI's unit
(a percentage lies between 0 and 100, counts and hours are not negative) and dates must be in
order; a refused update saves nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices, RoleChoices
from suishin.core.date_range import require_dates_in_range
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.models import User
from suishin.core.services.audit import audit_log
from suishin.core.services.notifications import notification_create
from suishin.core.services.records import check_owner
from suishin.initiatives.access import can_author, can_configure_categories, can_run
from suishin.initiatives.choices import ACTIVE_STATUSES, InitiativeStatusChoices, KpiUnitChoices
from suishin.initiatives.models import (
    Initiative,
    InitiativeCategory,
    Kpi,
    KpiValue,
    Milestone,
    ProgressUpdate,
)

ESCALATE_AFTER = datetime.timedelta(days=14)
# The plausible range of each unit: (lowest, highest or None).
RANGES: dict[str, tuple[Decimal, Decimal | None]] = {
    KpiUnitChoices.PERCENT: (Decimal(0), Decimal(100)),
    KpiUnitChoices.COUNT: (Decimal(0), None),
    KpiUnitChoices.HOURS: (Decimal(0), None),
    KpiUnitChoices.DAYS: (Decimal(0), None),
    KpiUnitChoices.PEOPLE: (Decimal(0), None),
    KpiUnitChoices.YEN: (Decimal(0), None),
}


def _require_run(actor: User, initiative: Initiative) -> None:
    if not can_run(actor, initiative):
        raise AccessDenied(_("Only the owner and the secretariat can change this initiative."))


def categories_for(institution_id: int | None) -> list[InitiativeCategory]:
    """The default categories and the institution's own."""
    return list(InitiativeCategory.objects.default_and_own(institution_id))


def check_value(unit: str, value: Decimal, field: str) -> None:
    low, high = RANGES[unit]
    if value < low or (high is not None and value > high):
        label = KpiUnitChoices(unit).label
        message = (
            _("A value in %(unit)s must lie between %(low)s and %(high)s.")
            % {"unit": label, "low": low, "high": high}
            if high is not None
            else _("A value in %(unit)s cannot be negative.") % {"unit": label}
        )
        raise InvalidInput(message, fields={field: [message]})


@transaction.atomic
def initiative_create(
    *,
    actor: User,
    title: str,
    category: InitiativeCategory,
    owner: User,
    goal: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    budget_yen: int = 0,
    cost_yen_per_year: int = 0,
    hours_saved_per_year: int = 0,
    hours_eliminated_per_year: int = 0,
    update_every_months: int = 1,
    classification: int = ClassificationChoices.INTERNAL,
) -> Initiative:
    if not can_author(actor):
        raise AccessDenied(
            _("Only initiative owners and the secretariat can register initiatives.")
        )
    if owner.unit is None:
        raise InvalidInput(
            _("The owner must belong to a unit."), fields={"owner": [_("Choose another person.")]}
        )
    check_owner(actor=actor, organization=owner.unit)
    require_dates_in_range(start_date=start_date, end_date=end_date)
    if category.institution_id not in (None, owner.unit.institution_id):
        raise InvalidInput(_("Choose a category of your institution."))
    if end_date is not None and end_date < start_date:
        message = _("The end date cannot be before the start date.")
        raise InvalidInput(message, fields={"end_date": [message]})
    if hours_eliminated_per_year and not category.reduces_work:
        message = _(
            "Hours of work eliminated belong to initiatives that reduce work (仕事を減らす)."
        )
        raise InvalidInput(message, fields={"hours_eliminated_per_year": [message]})
    if not 1 <= update_every_months <= 12:
        message = _("Updates are due every 1 to 12 months.")
        raise InvalidInput(message, fields={"update_every_months": [message]})
    initiative = Initiative(
        title=title.strip(),
        category=category,
        owner=owner,
        goal=goal.strip(),
        start_date=start_date,
        end_date=end_date,
        budget_yen=budget_yen,
        cost_yen_per_year=cost_yen_per_year,
        hours_saved_per_year=hours_saved_per_year,
        hours_eliminated_per_year=hours_eliminated_per_year,
        update_every_months=update_every_months,
        next_update_due=max(start_date, timezone.localdate())
        + relativedelta(months=update_every_months),
        organization=owner.unit,
        classification=classification,
        created_by=actor,
    )
    clean_or_raise(initiative)
    initiative.save()
    audit_log(
        actor=actor, action="record.created", target=initiative, detail={"category": category.code}
    )
    return initiative


@transaction.atomic
def initiative_set_status(*, actor: User, initiative: Initiative, status: str) -> Initiative:
    _require_run(actor, initiative)
    if status not in InitiativeStatusChoices.values:
        raise InvalidInput(_("Choose a status."))
    previous = initiative.status
    initiative.status = status
    initiative.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action="initiative.status",
        target=initiative,
        detail={"from": previous, "to": status},
    )
    return initiative


@transaction.atomic
def kpi_add(
    *,
    actor: User,
    initiative: Initiative,
    name: str,
    unit: str,
    baseline: Decimal,
    baseline_date: datetime.date,
    target: Decimal,
    target_date: datetime.date,
) -> Kpi:
    _require_run(actor, initiative)
    if unit not in RANGES:
        raise InvalidInput(_("Choose a unit."), fields={"unit": [_("Choose a unit.")]})
    check_value(unit, baseline, "baseline")
    check_value(unit, target, "target")
    require_dates_in_range(baseline_date=baseline_date, target_date=target_date)
    if target_date <= baseline_date:
        message = _("The target date must come after the baseline date.")
        raise InvalidInput(message, fields={"target_date": [message]})
    kpi = Kpi(
        initiative=initiative,
        name=name.strip(),
        unit=unit,
        baseline=baseline,
        baseline_date=baseline_date,
        target=target,
        target_date=target_date,
    )
    clean_or_raise(kpi)
    kpi.save()
    audit_log(actor=actor, action="initiative.kpi_added", target=initiative, detail={"kpi": kpi.pk})
    return kpi


@transaction.atomic
def progress_update_create(
    *,
    actor: User,
    initiative: Initiative,
    period_end: datetime.date,
    done: str,
    health: str,
    values: Mapping[int, Decimal],
    effects: str = "",
    problems: str = "",
) -> ProgressUpdate:
    """``values``: KPI id → value; every KPI of the initiative may be reported once."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _require_run(actor, initiative)
    require_dates_in_range(period_end=period_end)
    if period_end > timezone.localdate():
        message = _("An update reports what has happened: the date cannot be in the future.")
        raise InvalidInput(message, fields={"period_end": [message]})
    if period_end < initiative.start_date:
        message = _("The date cannot be before the initiative started.")
        raise InvalidInput(message, fields={"period_end": [message]})
    if initiative.updates.filter(period_end=period_end).exists():
        message = _("There is already an update as of this date.")
        raise InvalidInput(message, fields={"period_end": [message]})
    kpis = {kpi.pk: kpi for kpi in initiative.kpis.all()}
    unknown = set(values) - set(kpis)
    if unknown:
        raise InvalidInput(_("A value was given for a KPI of another initiative."))
    for kpi_id, value in values.items():
        check_value(kpis[kpi_id].unit, value, f"kpi_{kpi_id}")
    update = ProgressUpdate(
        initiative=initiative,
        period_end=period_end,
        done=done.strip(),
        effects=effects.strip(),
        problems=problems.strip(),
        health=health,
        created_by=actor,
    )
    clean_or_raise(update)
    update.save()
    KpiValue.objects.bulk_create(
        [KpiValue(update=update, kpi_id=kpi_id, value=value) for kpi_id, value in values.items()]
    )
    initiative.health = health
    if initiative.status == InitiativeStatusChoices.PLANNED:
        initiative.status = InitiativeStatusChoices.IN_PROGRESS
    # The next report covers the next period: reported late, it is due at once.
    initiative.next_update_due = period_end + relativedelta(months=initiative.update_every_months)
    initiative.save(update_fields=["health", "status", "next_update_due", "updated_at"])
    audit_log(
        actor=actor,
        action="initiative.updated",
        target=initiative,
        detail={"update": update.pk, "kpis": sorted(values)},
    )
    return update


@transaction.atomic
def initiative_update_reminders() -> tuple[int, int]:
    """Remind owners whose update is due (once per due date); tell the secretariat about updates
    more than two weeks overdue (once per due date). Returns (reminded, escalated)."""
    today = timezone.localdate()
    due = Initiative.objects.select_for_update(skip_locked=True).filter(
        status__in=ACTIVE_STATUSES, next_update_due__lte=today
    )
    reminded = escalated = 0
    for initiative in due.exclude(reminded_for=F("next_update_due")).select_related("owner"):
        notification_create(
            recipient=initiative.owner,
            kind="initiative.update_due",
            title=_("A progress update of an initiative is due"),
            about=initiative,
        )
        initiative.reminded_for = initiative.next_update_due
        initiative.save(update_fields=["reminded_for"])
        reminded += 1
    overdue = due.filter(next_update_due__lt=today - ESCALATE_AFTER).exclude(
        escalated_for=F("next_update_due")
    )
    for initiative in overdue.select_related("organization"):
        secretariat = User.objects.filter(
            is_active=True,
            roles__role=RoleChoices.SECRETARIAT,
            unit__institution_id=initiative.organization.institution_id,
        ).distinct()
        for person in secretariat:
            notification_create(
                recipient=person,
                kind="initiative.update_overdue",
                title=_("A progress update is more than two weeks overdue"),
                about=initiative,
            )
        initiative.escalated_for = initiative.next_update_due
        initiative.save(update_fields=["escalated_for"])
        escalated += 1
    return reminded, escalated


@transaction.atomic
def milestone_add(
    *, actor: User, initiative: Initiative, title: str, due_date: datetime.date
) -> Milestone:
    _require_run(actor, initiative)
    require_dates_in_range(due_date=due_date)
    if due_date < initiative.start_date:
        message = _("A milestone cannot come before the initiative starts.")
        raise InvalidInput(message, fields={"due_date": [message]})
    if initiative.end_date is not None and due_date > initiative.end_date:
        message = _("A milestone cannot come after the initiative ends.")
        raise InvalidInput(message, fields={"due_date": [message]})
    milestone = Milestone(initiative=initiative, title=title.strip(), due_date=due_date)
    clean_or_raise(milestone)
    milestone.save()
    audit_log(
        actor=actor,
        action="initiative.milestone_added",
        target=initiative,
        detail={"milestone": milestone.pk},
    )
    return milestone


@transaction.atomic
def milestone_reach(*, actor: User, milestone: Milestone, reached_on: datetime.date) -> Milestone:
    _require_run(actor, milestone.initiative)
    require_dates_in_range(reached_on=reached_on)
    if reached_on > timezone.localdate():
        message = _("A milestone is reached on a day that has come.")
        raise InvalidInput(message, fields={"reached_on": [message]})
    milestone.done_on = reached_on
    milestone.save(update_fields=["done_on"])
    audit_log(
        actor=actor,
        action="initiative.milestone_reached",
        target=milestone.initiative,
        detail={"milestone": milestone.pk},
    )
    return milestone


@transaction.atomic
def category_add(
    *, actor: User, code: str, name: str, reduces_work: bool = False
) -> InitiativeCategory:
    """An institution's own category, beside the circular's."""
    if not can_configure_categories(actor) or actor.unit is None:
        raise AccessDenied(_("Only the secretariat and system administrators can add categories."))
    institution_id = actor.unit.institution_id
    code, name = code.strip(), name.strip()
    if any(c.code == code for c in categories_for(institution_id)):
        message = _("That code is already used.")
        raise InvalidInput(message, fields={"code": [message]})
    category = InitiativeCategory(
        institution_id=institution_id,
        code=code,
        name=name,
        reduces_work=reduces_work,
        sort_order=1000,
    )
    clean_or_raise(category)
    category.save()
    audit_log(
        actor=actor, action="initiative.category_added", target=category, detail={"code": code}
    )
    return category
