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
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text that is only a number ("-12", "+3.5", "-1,200") is harmless and stays as written, so a
# figure exported as text still reads as the number it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# What a spreadsheet user on Japanese Windows needs to open a UTF-8 CSV correctly.
BYTE_ORDER_MARK = "\ufeff"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def safe_cell(value: Any) -> Any:
    """The value as a CSV cell that no spreadsheet will evaluate."""
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


def csv_response(filename: str, rows: Iterable[Sequence[Any]]) -> StreamingHttpResponse:
    """A CSV download, streamed row by row so that a long export never sits in memory."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def append_row(sheet: Any, row: Sequence[Any]) -> None:
    """Append a row to an openpyxl worksheet; formula-like text is stored as quoted text.

    openpyxl turns any string beginning with ``=`` into a formula. The cell is written as a
    plain string with Excel's quote prefix instead, so Excel shows exactly what was typed and
    does not evaluate it even when someone edits the cell.
    """
    sheet.append(list(row))
    line = sheet.max_row
    for column, value in enumerate(row, start=1):
        if isinstance(value, str) and is_formula_like(value):
            cell = sheet.cell(row=line, column=column)
            cell.value = value
            cell.data_type = "s"  # openpyxl marked it "f" (formula) when it was appended
            cell.quotePrefix = True


def new_workbook() -> Any:
    """An empty openpyxl workbook; fill it with `append_row` and finish with `xlsx_bytes`."""
    from openpyxl import Workbook  # loaded only when a workbook is made

    return Workbook()


def xlsx_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
