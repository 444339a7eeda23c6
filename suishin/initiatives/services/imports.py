"""Importing an existing list of initiatives from CSV or Excel.

Every row is checked first and every problem reported with its row number; nothing is
imported until the whole file is clean, and then all rows are imported in one transaction
(a refusal on any row leaves nothing half-imported). A row that repeats another row of the
file, or an initiative already registered (same title and owner), is a duplicate.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.control_chars import has_control_characters
from suishin.core.date_range import in_range
from suishin.core.errors import DomainError, InvalidInput
from suishin.core.exports import unquote_cell
from suishin.core.institutions import institution_id_of
from suishin.core.models import User
from suishin.initiatives.models import Initiative
from suishin.initiatives.services.initiatives import categories_for, initiative_create

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# Column → accepted headers (Japanese as printed on the template, or the English names).
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("件名", "title"),
    "category": ("分類", "category"),
    "owner": ("担当者", "owner"),
    "goal": ("目標", "goal"),
    "start_date": ("開始日", "start_date"),
    "end_date": ("終了予定日", "end_date"),
    "budget_yen": ("予算", "budget_yen"),
    "cost_yen_per_year": ("運用経費", "cost_yen_per_year"),
    "hours_saved_per_year": ("削減時間", "hours_saved_per_year"),
    "hours_eliminated_per_year": ("廃止時間", "hours_eliminated_per_year"),
}
REQUIRED = ("title", "category", "owner", "goal", "start_date")
NUMBERS = ("budget_yen", "cost_yen_per_year", "hours_saved_per_year", "hours_eliminated_per_year")


@dataclass
class RowCheck:
    number: int  # as the spreadsheet numbers it (the header is row 1)
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, fields={"file": [message]})


def read_upload(upload: Any) -> list[dict[str, str]]:
    """Rows of an uploaded file; one over the limit is refused by its size before it is read
    into memory."""
    if upload.size > MAX_BYTES:
        raise _refuse(_("The file is too large (at most 5 MB)."))
    return read_table(upload.name, upload.read())


def read_table(name: str, data: bytes) -> list[dict[str, str]]:
    """Rows of a .csv (UTF-8 or Shift_JIS) or .xlsx file as {column: text}."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise _refuse(_("Upload a CSV (.csv) or Excel (.xlsx) file."))
    if len(data) > MAX_BYTES:
        raise _refuse(_("The file is too large (at most 5 MB)."))
    if suffix == ".xlsx":
        table = _xlsx(data)
    else:
        table = _csv(data)
    if not table:
        raise _refuse(_("The file has no rows."))
    header = [str(cell or "").strip() for cell in table[0]]
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        for key, names in COLUMNS.items():
            if title in names:
                columns[index] = key
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in columns.values()]
    if missing:
        raise _refuse(_("These columns are missing: %(columns)s") % {"columns": "、".join(missing)})
    rows = table[1:]
    if len(rows) > MAX_ROWS:
        raise _refuse(_("At most %(n)s rows can be imported at once.") % {"n": MAX_ROWS})
    for line, row in enumerate(table, start=1):
        if any(
            isinstance(cell, str) and has_control_characters(cell, multiline=True) for cell in row
        ):
            raise _refuse(
                _("Row %(line)s holds control characters (such as NUL) that cannot be imported.")
                % {"line": line}
            )
    return [
        {
            key: unquote_cell(str(row[index]).strip())
            if index < len(row) and row[index] is not None
            else ""
            for index, key in columns.items()
        }
        for row in rows
    ]


def _csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    raise _refuse(_("The text could not be read. Save it as UTF-8 or Shift_JIS text."))


def _xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # any damaged or renamed file: one message to the user
        raise _refuse(_("This is not an Excel (.xlsx) workbook that can be read.")) from error
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        if any(cell not in (None, "") for cell in row):
            rows.append(list(row))
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def _date(text: str) -> datetime.date | None:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00:00)?", text):
        return datetime.date.fromisoformat(text[:10])
    match = re.fullmatch(r"(\d{4})[/年.](\d{1,2})[/月.](\d{1,2})日?", text)
    if match:
        return datetime.date(*(int(part) for part in match.groups()))
    raise ValueError(text)


def check_rows(*, actor: User, rows: list[dict[str, str]]) -> list[RowCheck]:
    institution_id = institution_id_of(actor)
    categories = {category.code: category for category in categories_for(institution_id)}
    people = {
        user.username: user
        for user in User.objects.filter(is_active=True, unit__institution_id=institution_id)
    }
    existing = set(
        Initiative.objects.filter(organization__institution_id=institution_id).values_list(
            "title", "owner__username"
        )
    )
    seen: dict[tuple[str, str], int] = {}
    checks = []
    for offset, row in enumerate(rows):
        check = RowCheck(number=offset + 2)
        for key in REQUIRED:
            if not row.get(key):
                check.errors.append(_("%(column)s is empty.") % {"column": COLUMNS[key][0]})
        category = categories.get(row.get("category", ""))
        if row.get("category") and category is None:
            check.errors.append(_("There is no category %(code)s.") % {"code": row["category"]})
        owner = people.get(row.get("owner", ""))
        if row.get("owner") and owner is None:
            check.errors.append(
                _("%(name)s is not a user of your institution.") % {"name": row["owner"]}
            )
        dates: dict[str, datetime.date | None] = {}
        for key in ("start_date", "end_date"):
            try:
                dates[key] = _date(row[key]) if row.get(key) else None
            except ValueError:
                check.errors.append(
                    _("%(column)s is not a date (write 2026-04-01).") % {"column": COLUMNS[key][0]}
                )
                continue
            day = dates[key]
            if day is not None and not in_range(day):
                dates[key] = None
                check.errors.append(
                    _("%(column)s must be a date from 1900 to 2200.") % {"column": COLUMNS[key][0]}
                )
        start, end = dates.get("start_date"), dates.get("end_date")
        if start is not None and end is not None and end < start:
            check.errors.append(_("The end date cannot be before the start date."))
        numbers: dict[str, int] = {}
        for key in NUMBERS:
            text = row.get(key, "").replace(",", "")
            if not text:
                numbers[key] = 0
                continue
            try:
                value = int(float(text))
            except (ValueError, OverflowError):  # not a number, or 1e309
                value = -1
            if value < 0 or value > 10**12:
                check.errors.append(
                    _("%(column)s must be a whole number of 0 or more.")
                    % {"column": COLUMNS[key][0]}
                )
            numbers[key] = max(value, 0)
        if (
            numbers.get("hours_eliminated_per_year")
            and category is not None
            and not category.reduces_work
        ):
            check.errors.append(
                _("Hours of work eliminated belong to initiatives that reduce work (仕事を減らす).")
            )
        identity = (row.get("title", ""), row.get("owner", ""))
        if identity in existing:
            check.errors.append(_("This initiative is already registered (same title and owner)."))
        elif identity in seen:
            check.errors.append(_("This row repeats row %(row)s.") % {"row": seen[identity]})
        seen.setdefault(identity, check.number)
        if not check.errors:
            check.values = {
                "title": row["title"][:200],
                "category": category,
                "owner": owner,
                "goal": row["goal"],
                "start_date": dates["start_date"],
                "end_date": dates.get("end_date"),
                **numbers,
            }
        checks.append(check)
    return checks


@transaction.atomic
def import_rows(*, actor: User, checks: list[RowCheck]) -> list[Initiative]:
    """All rows or none: the caller passes a clean check."""
    if any(check.errors for check in checks):
        raise InvalidInput(_("Correct every row first; nothing was imported."))
    created = []
    for check in checks:
        try:
            created.append(initiative_create(actor=actor, **check.values))
        except DomainError as error:
            raise InvalidInput(
                _("Row %(row)s: %(message)s Nothing was imported.")
                % {"row": check.number, "message": error.message}
            ) from error
    return created
