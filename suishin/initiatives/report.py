"""The annual execution-status report (おおむね1年に1回の報告), for a fiscal year (April–March):
per institution from the initiatives its readers may open, or as a national aggregate of
counts for the agency. Every figure says how it was computed (``METHODS``); the PDF and the
Excel file are two renderings of the same ``AnnualReport``."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.html import escape
from django.utils.translation import gettext as _

from suishin.core.exports import append_row, new_workbook, xlsx_bytes
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
        Kpi.objects.filter(initiative__in=scope).annotate(
            last_value=Subquery(last_values.values("value")[:1])
        )
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


# --- Renderings ----------------------------------------------------------------------------


def _total_rows(report: AnnualReport) -> list[tuple[str, object]]:
    t = report.totals
    return [
        (_("Initiatives"), t["initiatives"]),
        (_("Completed"), t["completed"]),
        (_("Updates"), t["updates"]),
        (_("Hours saved a year"), t["hours_saved"]),
        (_("Hours of work eliminated a year"), t["hours_eliminated"]),
        (_("KPIs achieved"), f"{t['kpis_achieved']} / {t['kpis']}"),
    ]


def _group_tables(report: AnnualReport) -> list[tuple[str, list[str], list[list[object]]]]:
    """The counts and hours by category and, for the national aggregate, by institution:
    (title, header, rows) of each table, for the PDF and the workbook alike."""

    def header(first: str) -> list[str]:
        hours = [_("Hours saved a year"), _("Hours of work eliminated a year")]
        return [first, _("Initiatives"), *hours]

    tables = [(_("By category"), header(_("Category")), [list(r) for r in report.by_category])]
    if report.by_institution:
        rows = [list(row) for row in report.by_institution]
        tables.append((_("By institution"), header(_("Institution")), rows))
    return tables


def report_pdf(report: AnnualReport) -> bytes:
    """A4 portrait in Japanese (the viewer's Mincho font, Adobe-Japan1)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "HeiseiMin-W3"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=15, leading=22)
    subheading = ParagraphStyle("subheading", parent=body, fontSize=11.5, leading=18)

    def p(text: object, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    def table(rows: list[list[object]], widths: list[float]) -> Table:
        grid = Table([[p(cell) for cell in row] for row in rows], colWidths=widths, repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                ]
            )
        )
        return grid

    width = A4[0] - 30 * mm
    flow: list[object] = [
        p(report.title, heading),
        p(f"{report.scope}　{_('Generated at')} {report.generated_at:%Y-%m-%d %H:%M}"),
        Spacer(1, 4 * mm),
        p(_("Totals"), subheading),
        table(
            [[_("Figure"), _("Value")], *[[a, b] for a, b in _total_rows(report)]],
            [width * 0.6, width * 0.4],
        ),
    ]
    for title, header, rows in _group_tables(report):
        flow += [
            Spacer(1, 4 * mm),
            p(title, subheading),
            table(
                [list[object](header), *rows], [width * 0.4, width * 0.2, width * 0.2, width * 0.2]
            ),
        ]
    if report.lines:
        flow += [
            Spacer(1, 4 * mm),
            p(_("Initiatives"), subheading),
            table(
                [
                    [
                        _("Initiative"),
                        _("Category"),
                        _("Status"),
                        _("Health"),
                        _("Updates"),
                        _("KPIs achieved"),
                        _("Latest progress"),
                    ],
                    *[
                        [
                            line.title,
                            line.category,
                            line.status,
                            line.health,
                            line.updates,
                            f"{line.kpis_achieved}/{line.kpis}",
                            line.latest_done,
                        ]
                        for line in report.lines
                    ],
                ],
                [w * width for w in (0.2, 0.13, 0.09, 0.09, 0.08, 0.09, 0.32)],
            ),
        ]
    flow += [Spacer(1, 4 * mm), p(_("How the figures were computed"), subheading)]
    flow += [p(f"{name}：{text}") for name, text in report.methods]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=report.title,
    ).build(flow)
    return buffer.getvalue()


def report_xlsx(report: AnnualReport) -> bytes:
    """The same report as an Excel workbook: one sheet per table, and the methods."""
    from openpyxl.styles import Font

    workbook = new_workbook()
    summary = workbook.active
    summary.title = _("Totals")[:31]
    append_row(summary, [report.title])
    append_row(summary, [report.scope, f"{report.generated_at:%Y-%m-%d %H:%M}"])
    append_row(summary, [])
    for row in _total_rows(report):
        append_row(summary, list(row))
    summary["A1"].font = Font(bold=True, size=14)

    def sheet(title: str, header: list[str], rows: list[list[object]]) -> None:
        target = workbook.create_sheet(title[:31])
        append_row(target, header)
        for cell in target[1]:
            cell.font = Font(bold=True)
        for row in rows:
            append_row(target, row)

    for title, header, rows in _group_tables(report):
        sheet(title, header, rows)
    if report.lines:
        sheet(
            _("Initiatives"),
            [
                _("Initiative"),
                _("Category"),
                _("Owner unit"),
                _("Status"),
                _("Health"),
                _("Updates"),
                _("KPIs"),
                _("KPIs achieved"),
                _("Latest progress"),
            ],
            [
                [
                    line.title,
                    line.category,
                    line.owner_unit,
                    line.status,
                    line.health,
                    line.updates,
                    line.kpis,
                    line.kpis_achieved,
                    line.latest_done,
                ]
                for line in report.lines
            ],
        )
    sheet(
        _("How the figures were computed"),
        [_("Figure"), _("Method")],
        [list(row) for row in report.methods],
    )
    return xlsx_bytes(workbook)
