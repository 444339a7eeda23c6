"""The annual execution-status report (おおむね1年に1回の報告), for a fiscal year (April–March):
per institution from the initiatives its readers may open, or as a national aggregate of
counts for the agency. Every figure says how it was computed (``methods``); the PDF and the
Excel file (``report_documents``) are two renderings of the same ``AnnualReport``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from suishin.core.models import Organization, User
from suishin.core.wareki import format_fiscal_year
from suishin.initiatives.choices import HealthChoices
from suishin.initiatives.models import Initiative, Kpi, KpiValue, ProgressUpdate


def fiscal_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def methods() -> list[tuple[str, str]]:
    """How each figure is computed, printed with the report."""
    return [
        (
            _("Initiatives"),
            _(
                "Initiatives whose period overlaps the fiscal year: started on or before 31 March,"
                " with no end date or one on or after 1 April."
            ),
        ),
        (
            _("Status and health"),
            _(
                "Health as of the last progress update dated within the fiscal year (the current"
                " health when there is none); status as it is now."
            ),
        ),
        (_("Updates"), _("Progress updates dated within the fiscal year.")),
        (
            _("Hours saved / eliminated"),
            _(
                "The owners' expected hours a year of the initiatives counted; work eliminated is counted apart from time saved."
            ),
        ),
        (
            _("KPIs achieved"),
            _(
                "KPIs whose last value within the fiscal year reached the target (at or above it when the target is above the baseline, at or below it otherwise)."
            ),
        ),
    ]


@dataclass
class InitiativeLine:
    title: str
    category: str
    owner_unit: str
    status: str
    health: str
    updates: int
    kpis: int
    kpis_achieved: int
    latest_done: str


@dataclass
class KpiLine:
    """One KPI of an initiative as the report prints it: its last value within the year and
    how far it went from the baseline toward the target."""

    initiative: str
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    latest: Decimal | None
    progress_percent: int | None  # ``Kpi.progress_percent``, as the portfolio shows it
    achieved: bool


@dataclass
class AnnualReport:
    title: str
    fiscal_year: int
    scope: str
    generated_at: datetime.datetime
    national: bool = False  # the aggregate over every institution
    totals: dict[str, int] = field(default_factory=dict)
    by_category: list[tuple[str, int, int, int]] = field(
        default_factory=list
    )  # name, n, saved, eliminated
    by_institution: list[tuple[str, int, int, int]] = field(default_factory=list)
    lines: list[InitiativeLine] = field(default_factory=list)
    kpi_lines: list[KpiLine] = field(default_factory=list)
    methods: list[tuple[str, str]] = field(default_factory=list)


def _in_year(initiatives: QuerySet[Initiative], year: int) -> QuerySet[Initiative]:
    first, last = fiscal_bounds(year)
    return initiatives.filter(start_date__lte=last).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=first)
    )


def _achieved(kpi: Kpi, value: Decimal | None) -> bool:
    if value is None:
        return False
    return value >= kpi.target if kpi.target >= kpi.baseline else value <= kpi.target


def build_report(
    *, user: User, fiscal_year: int, institution: Organization | None, now: datetime.datetime
) -> AnnualReport:
    """``institution``: one institution, read through visible_to; None: the national aggregate
    of counts and hours over every institution (no record's content is shown)."""
    first, last = fiscal_bounds(fiscal_year)
    base = Initiative.objects.all() if institution is None else Initiative.objects.visible_to(user)
    scope = _in_year(base, fiscal_year)
    if institution is not None:
        scope = scope.filter(organization__institution_id=institution.pk)
    label = institution.name if institution is not None else _("All institutions")
    report = AnnualReport(
        title=_("Execution status of the initiatives, %(year)s")
        % {"year": format_fiscal_year(fiscal_year)},
        fiscal_year=fiscal_year,
        scope=label,
        generated_at=now,
        national=institution is None,
        methods=methods(),
    )
    updates_in_year = ProgressUpdate.objects.filter(
        initiative__in=scope, period_end__gte=first, period_end__lte=last
    )
    sums = scope.aggregate(
        saved=Sum("hours_saved_per_year"), eliminated=Sum("hours_eliminated_per_year")
    )
    last_values = KpiValue.objects.filter(
        kpi=OuterRef("pk"), update__period_end__gte=first, update__period_end__lte=last
    ).order_by("-update__period_end", "-pk")
    kpis = list(
        Kpi.objects.filter(initiative__in=scope)
        .select_related("initiative")
        .annotate(last_value=Subquery(last_values.values("value")[:1]))
        .order_by("initiative__title", "initiative_id", "pk")
    )
    achieved_by: dict[int, int] = {}
    count_by: dict[int, int] = {}
    for kpi in kpis:
        count_by[kpi.initiative_id] = count_by.get(kpi.initiative_id, 0) + 1
        if _achieved(kpi, kpi.last_value):
            achieved_by[kpi.initiative_id] = achieved_by.get(kpi.initiative_id, 0) + 1
    report.totals = {
        "initiatives": scope.count(),
        "completed": scope.filter(status="completed").count(),
        "updates": updates_in_year.count(),
        "hours_saved": sums["saved"] or 0,
        "hours_eliminated": sums["eliminated"] or 0,
        "kpis": len(kpis),
        "kpis_achieved": sum(achieved_by.values()),
    }
    report.by_category = [
        (row["category__name"], row["n"], row["saved"] or 0, row["eliminated"] or 0)
        for row in scope.order_by()
        .values("category__name", "category__sort_order")
        .annotate(
            n=Count("pk"),
            saved=Sum("hours_saved_per_year"),
            eliminated=Sum("hours_eliminated_per_year"),
        )
        .order_by("category__sort_order")
    ]
    if institution is None:
        report.by_institution = [
            (
                row["organization__institution__name"],
                row["n"],
                row["saved"] or 0,
                row["eliminated"] or 0,
            )
            for row in scope.order_by()
            .values("organization__institution__name")
            .annotate(
                n=Count("pk"),
                saved=Sum("hours_saved_per_year"),
                eliminated=Sum("hours_eliminated_per_year"),
            )
            .order_by("organization__institution__name")
        ]
        return report
    report.kpi_lines = [
        KpiLine(
            initiative=kpi.initiative.title,
            name=kpi.name,
            unit=kpi.unit_symbol,
            baseline=kpi.baseline,
            target=kpi.target,
            latest=kpi.last_value,
            progress_percent=kpi.progress_percent(kpi.last_value),
            achieved=_achieved(kpi, kpi.last_value),
        )
        for kpi in kpis
    ]
    latest_in_year = updates_in_year.filter(initiative=OuterRef("pk")).order_by(
        "-period_end", "-pk"
    )
    rows = (
        scope.select_related("category", "organization")
        .annotate(
            updates_in_year=Count(
                "updates",
                filter=Q(updates__period_end__gte=first, updates__period_end__lte=last),
                distinct=True,
            ),
            last_health=Subquery(latest_in_year.values("health")[:1]),
            last_done=Subquery(latest_in_year.values("done")[:1]),
            last_date=Max("updates__period_end", filter=Q(updates__period_end__lte=last)),
        )
        .order_by("category__sort_order", "title", "pk")
    )
    for initiative in rows:
        report.lines.append(
            InitiativeLine(
                title=initiative.title,
                category=initiative.category.name,
                owner_unit=initiative.organization.name,
                status=initiative.get_status_display(),
                health=str(HealthChoices(initiative.last_health or initiative.health).label),
                updates=initiative.updates_in_year,
                kpis=count_by.get(initiative.pk, 0),
                kpis_achieved=achieved_by.get(initiative.pk, 0),
                latest_done=(initiative.last_done or "")[:200],
            )
        )
    return report
