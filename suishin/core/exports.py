"""The one way to write a CSV or Excel export: no cell can carry a live formula.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula
(and a leading tab or carriage return can hide one), so a title someone typed as
``=HYPERLINK("http://evil.example/","x")`` would become a link or a command on the reader's
desk. Following OWASP's CSV-injection rule, such text is prefixed with an apostrophe in CSV and
stored as quoted text in Excel; numbers stay numbers (a negative amount is a number, not text).
Every export writes through this module, so the rule cannot be forgotten by the next one.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

from suishin.core.formats import excel_format, format_number

# With the full-width forms a Japanese input method types, which some spreadsheets also run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# Text that is only a number ("-12", "+3.5", "-1,200") is harmless and stays as written, so a
# figure exported as text still reads as the number it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
# Spaces a spreadsheet may trim before it reads the cell.
_LEADING_SPACE = " \u3000"
# Written as they are: a spreadsheet shows them as numbers, dates or nothing.
_NOT_TEXT = (int, float, Decimal, datetime.date, datetime.time, type(None))
# What a spreadsheet user on Japanese Windows needs to open a UTF-8 CSV correctly.
BYTE_ORDER_MARK = "\ufeff"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read the text as a formula. A leading apostrophe is counted
    too, so that quoting can always be undone exactly."""
    start = text.lstrip(_LEADING_SPACE)
    if start.startswith("'"):
        return True
    return start.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(start)


def cell_value(value: Any) -> Any:
    """Numbers, dates and None as they are; anything else (translated labels, choices) as text."""
    return value if isinstance(value, _NOT_TEXT) else str(value)


def safe_cell(value: Any) -> Any:
    """The value as a CSV cell that no spreadsheet will evaluate."""
    value = cell_value(value)
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def unquote_cell(text: str) -> str:
    """The text an export wrote, as it was before `safe_cell`: imports read their own exports."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


class _Line:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """Each row as one CSV line, the first preceded by a byte-order mark."""
    writer = csv.writer(_Line())
    yield BYTE_ORDER_MARK
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    return "".join(csv_lines(rows))


def csv_response(
    filename: str, rows: Iterable[Sequence[Any]], *, stream: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A CSV download. Built whole by default, so that a failure midway is an error and not a
    file cut short; ``stream`` for exports too long to hold in memory (the audit trail)."""
    response: HttpResponse | StreamingHttpResponse
    if stream:
        response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def append_row(sheet: Any, row: Sequence[Any]) -> None:
    """Append a row to an openpyxl worksheet; formula-like text is stored as quoted text.

    openpyxl turns any string beginning with ``=`` into a formula. The cell is written as a
    plain string with Excel's quote prefix instead, so Excel shows exactly what was typed and
    does not evaluate it even when someone edits the cell.
    """
    sheet.append([_sheet_cell(sheet, value) for value in row])


def _sheet_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell.cell import Cell

    value = cell_value(value)
    number_format = excel_format(value)
    if number_format is not None:  # a number stays a number, shown 1,500,000
        cell = Cell(sheet, value=value)
        cell.number_format = number_format
        return cell
    if not (isinstance(value, str) and is_formula_like(value)):
        return value
    cell = Cell(sheet, value=value)
    cell.data_type = "s"  # openpyxl reads a leading "=" as a formula
    cell.quotePrefix = True
    return cell


def finish_table(sheet: Any, *, header_row: int = 1, landscape: bool = False) -> None:
    """Make a sheet holding one table ready to use and to print: the header bold, frozen and
    filterable; columns as wide as their text (a full-width character counts double); A4,
    one page wide, the header repeated on every printed page, 「n / N」 in the footer."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    if sheet.max_row < header_row:
        return
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    last = get_column_letter(sheet.max_column)
    sheet.auto_filter.ref = f"A{header_row}:{last}{sheet.max_row}"
    for index, column in enumerate(sheet.iter_cols(min_row=header_row), start=1):
        widest = max((_display_width(cell.value) for cell in column), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), 60)
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = "&P / &N"


def _display_width(value: Any) -> int:
    text = format_number(value) if excel_format(value) else str(value if value is not None else "")
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def new_workbook() -> Any:
    """An empty openpyxl workbook; fill it with `append_row` and finish with `xlsx_bytes`."""
    from openpyxl import Workbook  # loaded only when a workbook is made

    return Workbook()


def xlsx_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
