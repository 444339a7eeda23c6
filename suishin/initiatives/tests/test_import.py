"""Importing a list of initiatives: every row checked, nothing imported until all are clean."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from suishin.core.errors import InvalidInput
from suishin.initiatives.models import Initiative
from suishin.initiatives.services.imports import check_rows, import_rows, read_table
from suishin.initiatives.tests.factories import make_initiative
from suishin.testing.personas import World

HEADER = "件名,分類,担当者,目標,開始日,終了予定日,予算,運用経費,削減時間,廃止時間\n"
GOOD = (
    '決裁の電子化,1(1)イ,officer_a,紙の決裁をなくす。,2026-04-01,2027-03-31,0,"1,000,000",2400,0\n'
    "統計報告の廃止,減,officer_a,署の統計報告を廃止する。,2026/4/1,,0,0,0,600\n"
)


def test_a_clean_file_is_imported_in_one_go(world: World) -> None:
    rows = read_table("list.csv", (HEADER + GOOD).encode("cp932"))
    checks = check_rows(actor=world.users["admin_a"], rows=rows)
    assert [check.errors for check in checks] == [[], []]
    created = import_rows(actor=world.users["admin_a"], checks=checks)
    assert [i.title for i in created] == ["決裁の電子化", "統計報告の廃止"]
    assert created[0].cost_yen_per_year == 1_000_000


def test_every_row_problem_is_reported_and_nothing_imported(world: World, client_for: Any) -> None:
    make_initiative(world)  # 相談・照会窓口の全署展開, owned by officer_a
    bad = (
        HEADER
        + GOOD
        + "相談・照会窓口の全署展開,1(2)ア,officer_a,重複,2026-04-01,,,,,\n"
        + "決裁の電子化,1(1)イ,officer_a,ファイル内の重複,2026-04-01,,,,,\n"
        + "日付の誤り,9(9)ZZ,nobody,目標,2026-13-40,2025-01-01,-5,,abc,100\n"
        + ",1(1)イ,officer_b,,,,,,,\n"
    )
    checks = check_rows(actor=world.users["admin_a"], rows=read_table("list.csv", bad.encode()))
    problems = {check.number: check.errors for check in checks if check.errors}
    assert set(problems) == {4, 5, 6, 7}
    assert any("既に登録" in text for text in problems[4])
    assert any("2行目と重複" in text for text in problems[5])
    assert len(problems[6]) >= 4  # category, owner, date, numbers
    assert any("件名" in text for text in problems[7])
    with pytest.raises(InvalidInput):
        import_rows(actor=world.users["admin_a"], checks=checks)
    response = client_for("admin_a").post(
        reverse("initiatives:initiative_import"),
        {"file": SimpleUploadedFile("list.csv", bad.encode())},
    )
    page = response.content.decode()
    assert "4行に問題があります。何も取り込んでいません。" in page
    assert Initiative.objects.count() == 1


def test_bad_files_are_refused_with_a_reason(world: World) -> None:
    with pytest.raises(InvalidInput, match="CSV"):
        read_table("list.pdf", b"%PDF")
    with pytest.raises(InvalidInput, match="列"):
        read_table("list.csv", "名前,日付\n".encode())
    with pytest.raises(InvalidInput, match="Excel"):
        read_table("list.xlsx", b"PK\x03\x04 not a workbook")


def test_an_excel_file_is_read_like_a_csv(world: World, client_for: Any) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        [
            "決裁の電子化",
            "1(1)イ",
            "officer_a",
            "紙の決裁をなくす。",
            "2026-04-01",
            None,
            0,
            0,
            2400,
            0,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for("admin_a")
    url = reverse("initiatives:initiative_import")
    upload = SimpleUploadedFile("list.xlsx", buffer.getvalue())
    checked = client.post(url, {"file": upload, "dry_run": "on"}).content.decode()
    assert "1行を取り込めます" in checked
    assert not Initiative.objects.exists()
    upload = SimpleUploadedFile("list.xlsx", buffer.getvalue())
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert Initiative.objects.get().title == "決裁の電子化"


def test_the_export_reads_back_through_the_import(world: World, client_for: Any) -> None:
    make_initiative(world)
    exported = client_for("admin_a").get(reverse("initiatives:initiative_export")).getvalue()
    assert exported.startswith("\ufeff".encode())
    rows = read_table("initiatives.csv", exported)
    assert rows[0]["title"] == "相談・照会窓口の全署展開" and rows[0]["owner"] == "officer_a"
    # Read back, the same rows are duplicates of what is registered.
    checks = check_rows(actor=world.users["admin_a"], rows=rows)
    assert any("既に登録" in text for text in checks[0].errors)
    assert (
        "相談・照会窓口"
        not in client_for("officer_b")
        .get(reverse("initiatives:initiative_export"))
        .getvalue()
        .decode()
    )


def test_dates_and_numbers_out_of_range_are_reported_by_the_check(world: World) -> None:
    rows = (
        HEADER
        + "遠すぎる取組,1(1)イ,officer_a,目標,9999-06-01,,0,1e309,0,0\n"
        + "古すぎる取組,1(1)イ,officer_a,目標,1899/12/31,,0,0,0,0\n"
    )
    checks = check_rows(actor=world.users["admin_a"], rows=read_table("list.csv", rows.encode()))
    first, second = (check.errors for check in checks)
    assert any("開始日は1900年から2200年までの日付" in text for text in first)
    assert any("0以上の整数" in text or "運用経費" in text for text in first)
    assert any("開始日は1900年から2200年までの日付" in text for text in second)


def test_a_file_with_control_characters_is_refused_with_its_row(world: World) -> None:
    rows = HEADER + GOOD + "取組\x00名,1(1)イ,officer_a,目標,2026-04-01,,0,0,0,0\n"
    with pytest.raises(InvalidInput, match="4行目"):
        read_table("list.csv", rows.encode())
