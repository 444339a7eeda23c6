"""Every CSV and Excel export, fed text that a spreadsheet would run as a formula, writes it as
inert text; numbers stay numbers; and no module writes a CSV or a workbook except through the
shared export writer."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from suishin.core.choices import RoleChoices
from suishin.core.exports import FORMULA_STARTS, csv_text, safe_cell, unquote_cell
from suishin.core.models import AuditEntry, Organization
from suishin.core.services.users import user_set_roles
from suishin.desk.models import InquiryCategory
from suishin.desk.services.configuration import category_create
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.initiatives.services.imports import read_table
from suishin.initiatives.tests.factories import make_initiative
from suishin.testing.access import body_text
from suishin.testing.personas import World

HOSTILE = [
    '=HYPERLINK("http://evil.example/","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    " =1+1",
    "－１２",
]


def _live(cell: str) -> bool:
    start = cell.lstrip(" \u3000")
    return start.startswith(FORMULA_STARTS) and not re.fullmatch(r"[+-]?[0-9,]+(\.[0-9]+)?", start)


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def _assert_inert(cells: list[str], expected: list[str]) -> None:
    assert not [cell for cell in cells if _live(cell)], "a cell would run as a formula"
    for value in expected:
        assert "'" + value in cells, f"{value!r} is not in the export as quoted text"


def test_the_writer_quotes_formulas_and_keeps_numbers() -> None:
    for value in HOSTILE:
        assert safe_cell(value) == "'" + value
        assert unquote_cell(safe_cell(value)) == value
    assert safe_cell(-1200) == -1200 and safe_cell("-1,200") == "-1,200"
    assert safe_cell("+81") == "+81" and safe_cell("-3.5") == "-3.5"
    assert safe_cell("生活安全") == "生活安全"
    # A leading apostrophe is quoted too, so that reading back is exact.
    assert safe_cell("'引用") == "''引用" and unquote_cell("''引用") == "'引用"
    # Not only str: translated labels and other objects are written as their text.
    from django.utils.functional import lazy

    assert safe_cell(lazy(lambda: "=1+1", str)()) == "'=1+1"
    assert safe_cell(None) is None and safe_cell(12.5) == 12.5
    lines = list(csv.reader(io.StringIO(csv_text([["=1+1", -5, "a-b"]]).lstrip("\ufeff"))))
    assert lines == [["'=1+1", "-5", "a-b"]]


def test_the_desk_figures_export_quotes_category_and_unit_names(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    Organization.objects.filter(pk__in=[world.box_a.pk, world.station_a.pk]).update(name=HOSTILE[0])
    category = category_create(
        actor=world.users["admin_a"], institution=world.pref_a, name=HOSTILE[1]
    )
    make_inquiry(world.users["officer_a"], desk, category=category)
    assert InquiryCategory.objects.filter(name=HOSTILE[1]).exists()
    client = client_for("responder_a")
    url = reverse("desk:dashboard_export")
    _assert_inert(_csv_cells(body_text(client.get(url + "?table=category"))), [HOSTILE[1]])
    _assert_inert(_csv_cells(body_text(client.get(url + "?table=unit"))), [HOSTILE[0]])
    _assert_inert(_csv_cells(body_text(client.get(url + "?table=week"))), [])
    _assert_inert(_csv_cells(body_text(client.get(url + "?table=gaps"))), [])
    tables = AuditEntry.objects.filter(action="desk.figures_exported").values_list(
        "detail__table", flat=True
    )
    assert sorted(tables) == ["category", "gaps", "unit", "week"]


def test_the_initiatives_export_quotes_titles_and_reads_back_as_written(
    world: World, client_for: Any
) -> None:
    for value in HOSTILE[:4]:
        make_initiative(world, title=value, goal="=1+1目標")
    text = body_text(client_for("admin_a").get(reverse("initiatives:initiative_export")))
    cells = _csv_cells(text)
    _assert_inert(cells, [*HOSTILE[:4], "=1+1目標"])
    assert "800000" in cells  # amounts stay numbers
    exported = AuditEntry.objects.filter(action="initiative.exported").get()
    assert exported.actor_username == "admin_a" and exported.detail == {"format": "csv", "rows": 4}
    # The import reads its own export back to the titles as they were typed.
    rows = read_table("initiatives.csv", text.encode())
    assert sorted(row["title"] for row in rows) == sorted(HOSTILE[:4])


def test_the_audit_export_quotes_unit_names(world: World, client_for: Any) -> None:
    # admin_a's unit name is copied into each entry admin_a writes.
    Organization.objects.filter(pk=world.division_a.pk).update(name=HOSTILE[3])
    admin = world.users["admin_a"]
    admin.refresh_from_db()
    user_set_roles(actor=admin, user=world.users["officer_b"], roles=[RoleChoices.OFFICER])
    response = client_for("auditor_a").get(reverse("core:audit_export"))
    assert response.status_code == 200
    _assert_inert(_csv_cells(body_text(response)), [HOSTILE[3]])


def test_the_annual_report_workbook_stores_formulas_as_text(world: World, client_for: Any) -> None:
    for value in HOSTILE[:4]:
        make_initiative(world, title=value, start_date=date(2025, 4, 1))
    user_set_roles(
        actor=None,
        user=world.users["admin_a"],
        roles=[RoleChoices.OFFICER, RoleChoices.SECRETARIAT],
    )
    url = reverse("initiatives:annual_report") + "?year=2025&format=xlsx"
    data = client_for("admin_a").get(url).content
    workbook = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert set(HOSTILE[:4]) <= texts
    assert all(cell.quotePrefix for cell in cells if cell.value in HOSTILE)
    numbers = [cell.value for cell in cells if cell.data_type == "n" and cell.value is not None]
    assert numbers, "figures are written as numbers"


def test_no_module_writes_a_csv_or_a_workbook_but_the_export_writer() -> None:
    root = Path(__file__).resolve().parents[1]
    writer = root / "core" / "exports.py"
    writers = re.compile(
        r"\bcsv\.(writer|DictWriter)\b|from csv import|\bWorkbook\b|xlsxwriter|"
        r"load_workbook\(|content_type=.text/csv"
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path != writer
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    # The initiatives import reads workbooks; it writes none.
    assert offenders == ["initiatives/services/imports.py"]


@pytest.mark.parametrize("value", HOSTILE)
def test_every_formula_start_is_quoted(value: str) -> None:
    assert not _live(safe_cell(value))
