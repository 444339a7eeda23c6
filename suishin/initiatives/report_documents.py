"""The annual report as files an office keeps: a PDF (A4, the Japanese font embedded, page
numbers, 作成日時 in the reader's date style) and an Excel workbook whose figures stay
numbers (shown 1,500,000), each sheet ready to filter and to print."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from suishin.core import pdf
from suishin.core.exports import append_row, finish_table, new_workbook, xlsx_bytes
from suishin.core.formats import format_number
from suishin.initiatives.report import AnnualReport, InitiativeLine, KpiLine


def _total_rows(report: AnnualReport) -> list[tuple[str, object]]:
    t = report.totals
    return [
        (_("Initiatives"), t["initiatives"]),
        (_("Completed"), t["completed"]),
        (_("Updates"), t["updates"]),
        (_("Hours saved a year"), t["hours_saved"]),
        (_("Hours of work eliminated a year"), t["hours_eliminated"]),
        (_("KPIs achieved"), t["kpis_achieved"]),
        (_("KPIs"), t["kpis"]),
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


def _initiative_header(*, with_unit: bool) -> list[str]:
    owner = [_("Owner unit")] if with_unit else []
    return [
        _("Initiative"),
        _("Category"),
        *owner,
        _("Status"),
        _("Health"),
        _("Updates"),
        _("KPIs"),
        _("KPIs achieved"),
        _("Latest progress"),
    ]


def _initiative_row(line: InitiativeLine, *, with_unit: bool) -> list[object]:
    owner: list[object] = [line.owner_unit] if with_unit else []
    return [
        line.title,
        line.category,
        *owner,
        line.status,
        line.health,
        line.updates,
        line.kpis,
        line.kpis_achieved,
        line.latest_done,
    ]


def _kpi_header() -> list[str]:
    return [
        _("Initiative"),
        _("KPI"),
        pgettext("unit of measure", "Unit"),
        _("Baseline"),
        _("Target"),
        _("Latest value"),
        _("Progress toward the target (%)"),
        _("Achieved"),
    ]


def _kpi_row(line: KpiLine) -> list[object]:
    return [
        line.initiative,
        line.name,
        line.unit,
        line.baseline,
        line.target,
        line.latest if line.latest is not None else "",
        line.progress_percent if line.progress_percent is not None else "",
        _("Achieved") if line.achieved else _("Not yet"),
    ]


def report_pdf(report: AnnualReport, *, date_style: str) -> bytes:
    """A4 portrait; tables repeat their header on each page, figures right-aligned."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    style = pdf.styles(size=9)

    def cells(row: list[object], numeric: list[int]) -> list[object]:
        return [
            pdf.paragraph(format_number(value), style.number if i in numeric else style.body)
            for i, value in enumerate(row)
        ]

    def table(
        header: list[str], rows: list[list[object]], shares: list[float], numeric: list[int]
    ) -> object:
        width = A4[0] - 30 * mm
        return pdf.grid(
            [cells(list(header), []), *[cells(row, numeric) for row in rows]],
            [share * width for share in shares],
        )

    flow: list[object] = [
        pdf.paragraph(report.title, style.heading),
        pdf.paragraph(report.scope, style.body),
        Spacer(1, 4 * mm),
        pdf.paragraph(_("Totals"), style.subheading),
        table(
            [_("Figure"), _("Value")],
            [[name, value] for name, value in _total_rows(report)],
            [0.6, 0.4],
            [1],
        ),
    ]
    for title, header, rows in _group_tables(report):
        flow += [
            Spacer(1, 4 * mm),
            pdf.paragraph(title, style.subheading),
            table(header, rows, [0.4, 0.2, 0.2, 0.2], [1, 2, 3]),
        ]
    if report.lines:
        flow += [
            Spacer(1, 4 * mm),
            pdf.paragraph(_("Initiatives"), style.subheading),
            table(
                _initiative_header(with_unit=False),
                [_initiative_row(line, with_unit=False) for line in report.lines],
                [0.2, 0.12, 0.08, 0.08, 0.07, 0.07, 0.08, 0.3],
                [4, 5, 6],
            ),
        ]
    if report.kpi_lines:
        flow += [
            Spacer(1, 4 * mm),
            pdf.paragraph(_("KPIs"), style.subheading),
            table(
                _kpi_header(),
                [_kpi_row(line) for line in report.kpi_lines],
                [0.18, 0.16, 0.06, 0.12, 0.12, 0.12, 0.12, 0.12],
                [3, 4, 5, 6],
            ),
        ]
    flow += [Spacer(1, 4 * mm), pdf.paragraph(_("How the figures were computed"), style.subheading)]
    flow += [pdf.paragraph(f"{name}：{text}", style.body) for name, text in report.methods]
    return pdf.build(flow, title=report.title, created=report.generated_at, date_style=date_style)


def report_xlsx(report: AnnualReport, *, date_style: str) -> bytes:
    """The same report as an Excel workbook: one sheet per table, and the methods."""
    from openpyxl.styles import Font

    workbook = new_workbook()
    summary = workbook.active
    summary.title = _("Totals")[:31]
    append_row(summary, [report.title])
    append_row(summary, [report.scope, pdf.created_label(report.generated_at, date_style)])
    append_row(summary, [])
    append_row(summary, [_("Figure"), _("Value")])
    for row in _total_rows(report):
        append_row(summary, list(row))
    summary["A1"].font = Font(bold=True, size=14)
    finish_table(summary, header_row=4)

    def sheet(title: str, header: list[str], rows: list[list[object]]) -> None:
        target = workbook.create_sheet(title[:31])
        append_row(target, header)
        for row in rows:
            append_row(target, row)
        finish_table(target, landscape=len(header) > 5)

    for title, header, rows in _group_tables(report):
        sheet(title, header, rows)
    if report.lines:
        sheet(
            _("Initiatives"),
            _initiative_header(with_unit=True),
            [_initiative_row(line, with_unit=True) for line in report.lines],
        )
    if report.kpi_lines:
        sheet(_("KPIs"), _kpi_header(), [_kpi_row(line) for line in report.kpi_lines])
    sheet(
        _("How the figures were computed"),
        [_("Figure"), _("Method")],
        [list(row) for row in report.methods],
    )
    return xlsx_bytes(workbook)
