"""Initiatives: KPIs checked against their units, progress updates that save all or nothing,
the explained priority score, and reminders when an update is due."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from suishin.core.choices import RoleChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import Notification
from suishin.core.services.users import user_set_roles
from suishin.initiatives import selectors
from suishin.initiatives.choices import InitiativeStatusChoices
from suishin.initiatives.models import Initiative, InitiativeCategory, KpiValue, ProgressUpdate
from suishin.initiatives.priority import priority_of
from suishin.initiatives.services.initiatives import (
    initiative_update_reminders,
    kpi_add,
    progress_update_create,
)
from suishin.initiatives.tests.factories import make_initiative
from suishin.testing.personas import World


def _kpi(world: World, initiative: Initiative, unit: str = "percent", **fields: Any) -> Any:
    values = {
        "name": "即日回答率",
        "unit": unit,
        "baseline": Decimal("40"),
        "baseline_date": date(2026, 4, 1),
        "target": Decimal("90"),
        "target_date": date(2027, 3, 31),
        **fields,
    }
    return kpi_add(actor=world.users["officer_a"], initiative=initiative, **values)


def test_kpi_values_must_fit_their_unit_and_dates_their_order(world: World) -> None:
    initiative = make_initiative(world)
    with pytest.raises(InvalidInput, match="0から100"):
        _kpi(world, initiative, target=Decimal("120"))
    with pytest.raises(InvalidInput, match="負"):
        _kpi(world, initiative, unit="count", baseline=Decimal("-1"))
    with pytest.raises(InvalidInput):
        _kpi(world, initiative, target_date=date(2026, 3, 1))
    assert not initiative.kpis.exists()


def test_a_progress_update_saves_everything_or_nothing(world: World) -> None:
    initiative = make_initiative(world)
    rate = _kpi(world, initiative)
    cases = _kpi(
        world, initiative, name="照会件数", unit="count", baseline=Decimal(0), target=Decimal(500)
    )
    officer = world.users["officer_a"]
    today = timezone.localdate()
    with pytest.raises(InvalidInput):
        progress_update_create(
            actor=officer,
            initiative=initiative,
            period_end=today,
            done="試行した。",
            health="green",
            values={rate.pk: Decimal("55"), cases.pk: Decimal("-3")},
        )
    with pytest.raises(InvalidInput):
        progress_update_create(
            actor=officer,
            initiative=initiative,
            period_end=today + timedelta(days=1),
            done="未来の報告",
            health="green",
            values={},
        )
    assert not ProgressUpdate.objects.exists() and not KpiValue.objects.exists()
    update = progress_update_create(
        actor=officer,
        initiative=initiative,
        period_end=today,
        done="3署で試行した。",
        health="amber",
        values={rate.pk: Decimal("55"), cases.pk: Decimal("120")},
    )
    initiative.refresh_from_db()
    assert initiative.health == "amber"
    assert initiative.status == InitiativeStatusChoices.IN_PROGRESS
    assert initiative.next_update_due > today
    assert update.values.count() == 2
    with pytest.raises(InvalidInput):
        progress_update_create(
            actor=officer,
            initiative=initiative,
            period_end=today,
            done="重複",
            health="green",
            values={},
        )
    with pytest.raises(AccessDenied):
        progress_update_create(
            actor=world.users["auditor_a"],
            initiative=initiative,
            period_end=today - timedelta(days=1),
            done="x",
            health="green",
            values={},
        )
    trend = selectors.kpi_trends(initiative)[0]
    assert trend.points == [(today, Decimal("55.00"))]


def test_hours_eliminated_belong_to_initiatives_that_reduce_work(world: World) -> None:
    with pytest.raises(InvalidInput):
        make_initiative(world, hours_eliminated_per_year=300)
    reduce = InitiativeCategory.objects.get(institution__isnull=True, code="減")
    initiative = make_initiative(world, category=reduce, hours_eliminated_per_year=300)
    assert initiative.hours_eliminated_per_year == 300


def test_the_priority_score_is_explained_and_sorts_the_list(world: World, client_for: Any) -> None:
    score = priority_of(
        hours_saved=1200, hours_eliminated=0, cost_yen_per_year=800_000, budget_yen=0
    )
    assert (score.benefit_hours, score.cost_hours, score.score) == (
        Decimal("1200.0"),
        Decimal("200.0"),
        Decimal("6.00"),
    )
    reduce = InitiativeCategory.objects.get(institution__isnull=True, code="減")
    low = make_initiative(world, title="低い取組", hours_saved_per_year=10)
    high = make_initiative(
        world,
        title="高い取組",
        category=reduce,
        hours_saved_per_year=0,
        hours_eliminated_per_year=2000,
    )
    ordered = list(selectors.initiatives_for(world.users["officer_a"]).values_list("pk", flat=True))
    assert ordered == [high.pk, low.pk]
    page = client_for("officer_a").get(high.get_absolute_url()).content.decode()
    assert "優先度：15<" in page, "a whole score without trailing zeros"
    make_initiative(
        world, title="大きな取組", category=reduce, hours_saved_per_year=0,
        hours_eliminated_per_year=2_000_000,
    )  # fmt: skip
    listed = client_for("officer_a").get(reverse("initiatives:initiative_list")).content.decode()
    assert '<td class="number">15,000</td>' in listed, "thousands separated"
    assert 'href="#priority-method"' in listed and "優先度の算出方法" in listed


def test_owners_are_reminded_once_and_the_secretariat_told_when_overdue(world: World) -> None:
    initiative = make_initiative(world)
    user_set_roles(
        actor=None,
        user=world.users["admin_a"],
        roles=[RoleChoices.OFFICER, RoleChoices.SECRETARIAT],
    )
    today = timezone.localdate()
    Initiative.objects.filter(pk=initiative.pk).update(next_update_due=today)
    assert initiative_update_reminders() == (1, 0)
    assert initiative_update_reminders() == (0, 0)
    Initiative.objects.filter(pk=initiative.pk).update(next_update_due=today - timedelta(days=15))
    assert initiative_update_reminders() == (1, 1)
    assert initiative_update_reminders() == (0, 0)
    assert Notification.objects.filter(
        recipient=world.users["admin_a"], kind="initiative.update_overdue"
    ).exists()


def test_the_list_filters_and_needs_a_bounded_number_of_queries(
    world: World, client_for: Any
) -> None:
    client = client_for("officer_a")
    make_initiative(world)
    url = reverse("initiatives:initiative_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(8):
        make_initiative(world, title=f"取組{number}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    Initiative.objects.filter(title="取組0").update(
        next_update_due=timezone.localdate() - timedelta(days=3)
    )
    page = client.get(url + "?overdue=on").content.decode()
    assert "取組0" in page and "取組1" not in page
    other = client_for("officer_b").get(url).content.decode()
    assert "取組0" not in other and "相談・照会窓口の全署展開" not in other


def test_the_portfolio_counts_by_category_and_health_and_lists_overdue_updates(
    world: World, client_for: Any
) -> None:
    reduce = InitiativeCategory.objects.get(institution__isnull=True, code="減")
    late = make_initiative(world, title="報告が遅れている取組")
    cut = make_initiative(
        world,
        title="印刷の廃止",
        category=reduce,
        hours_saved_per_year=0,
        hours_eliminated_per_year=900,
    )
    rate = _kpi(world, cut, baseline=Decimal("0"), target=Decimal("80"))
    progress_update_create(
        actor=world.users["officer_a"],
        initiative=cut,
        period_end=timezone.localdate(),
        done="半分の会議で印刷をやめた。",
        health="amber",
        values={rate.pk: Decimal("40")},
    )
    Initiative.objects.filter(pk=late.pk).update(
        next_update_due=timezone.localdate() - timedelta(days=10)
    )
    result = selectors.portfolio(
        world.users["officer_a"], world.pref_a.pk, selectors.InitiativeFilter()
    )
    assert result.totals["hours_saved"] == 1200 and result.totals["hours_eliminated"] == 900
    assert result.totals["overdue"] == 1
    assert [row.initiative.title for row in result.overdue] == ["報告が遅れている取組"]
    assert sorted(result.by_category) == [("仕事を減らす", 0, 1, 0), ("相談・照会体制", 1, 0, 0)]
    progress = {row.initiative.title: row.kpi_progress for row in result.rows}
    assert progress["印刷の廃止"] == 50
    assert result.kpi_trend == [(timezone.localdate().replace(day=1), 50)]
    page = client_for("officer_a").get(reverse("initiatives:portfolio")).content.decode()
    assert "報告が遅れている取組" in page and 'id="table-health"' in page
    assert (
        "印刷の廃止"
        not in client_for("officer_b").get(reverse("initiatives:portfolio")).content.decode()
    )


def test_the_annual_report_for_an_institution_and_for_the_nation(
    world: World, client_for: Any
) -> None:
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from suishin.initiatives.report import build_report
    from suishin.testing.documents import embedded_fonts

    initiative = make_initiative(world, start_date=date(2025, 4, 1))
    rate = _kpi(world, initiative, baseline_date=date(2025, 4, 1), target_date=date(2026, 3, 31))
    progress_update_create(
        actor=world.users["officer_a"],
        initiative=initiative,
        period_end=date(2026, 3, 31),
        done="全署に広げた。",
        health="green",
        values={rate.pk: Decimal("92")},
    )
    report = build_report(
        user=world.users["admin_a"], fiscal_year=2025, institution=world.pref_a, now=timezone.now()
    )
    assert report.totals["initiatives"] == 1 and report.totals["kpis_achieved"] == 1
    assert report.totals["hours_saved"] == 1200
    assert report.lines[0].latest_done == "全署に広げた。"
    assert [name for name, _text in report.methods][0] == "取組"
    # Not in the fiscal year before it started.
    assert (
        build_report(
            user=world.users["admin_a"],
            fiscal_year=2024,
            institution=world.pref_a,
            now=timezone.now(),
        ).totals["initiatives"]
        == 0
    )

    user_set_roles(
        actor=None,
        user=world.users["admin_a"],
        roles=[RoleChoices.OFFICER, RoleChoices.SECRETARIAT],
    )
    client = client_for("admin_a")
    url = reverse("initiatives:annual_report")
    page = client.get(url + "?year=2025").content.decode()
    assert "取組の実施状況" in page and "算出方法" in page
    assert "即日回答率" in page and "40%" in page and "92%" in page and "104%" in page
    pdf = client.get(url + "?year=2025&format=pdf")
    reader = PdfReader(io.BytesIO(pdf.content))
    assert embedded_fonts(reader) and all("IPAexGothic" in f for f in embedded_fonts(reader))
    text = "".join(page.extract_text() for page in reader.pages)
    # Hours with separators; the KPI's baseline, target, latest value and progress.
    assert "1,200" in text and "即日回答率" in text and "104" in text and "達成" in text
    assert "作成日時" in text and f"1 / {len(reader.pages)}" in text
    xlsx = client.get(url + "?year=2025&format=xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert "取組" in workbook.sheetnames and "KPI" in workbook.sheetnames
    kpis = workbook["KPI"]
    assert [c.value for c in kpis[1]][:4] == ["取組", "KPI", "単位", "基準値"]
    assert [c.value for c in kpis[2]][1:7] == ["即日回答率", "%", 40, 90, 92, 104]
    assert kpis["D2"].number_format == "#,##0", "40, never 40."
    # Ready to use and to print: frozen header, filter, A4, header row on every page.
    assert kpis.freeze_panes == "A2" and kpis.auto_filter.ref.startswith("A1:")
    assert int(kpis.page_setup.paperSize) == int(kpis.PAPERSIZE_A4) == 9  # A4
    assert kpis.print_title_rows == "$1:$1"
    assert kpis.column_dimensions["B"].width >= 10
    totals = workbook["総括"]
    hours = [row for row in totals.iter_rows(values_only=True) if row[0] == "削減時間（時間／年）"]
    assert hours == [("削減時間（時間／年）", 1200)], "a number, not text"
    national = client_for("national_secretariat").get(url + "?year=2025").content.decode()
    assert "すべての機関" in national and "県A警察" in national
    assert "相談・照会窓口の全署展開" not in national  # counts only, no record's content
    assert client_for("officer_a").get(url).status_code == 403


def test_milestones_keep_to_the_initiative_period(world: World, client_for: Any) -> None:
    from suishin.initiatives.services.initiatives import milestone_add, milestone_reach

    initiative = make_initiative(world, end_date=date(2027, 3, 31))
    officer = world.users["officer_a"]
    with pytest.raises(InvalidInput):
        milestone_add(
            actor=officer, initiative=initiative, title="早すぎ", due_date=date(2026, 1, 1)
        )
    with pytest.raises(InvalidInput):
        milestone_add(
            actor=officer, initiative=initiative, title="遅すぎ", due_date=date(2027, 6, 1)
        )
    milestone = milestone_add(
        actor=officer, initiative=initiative, title="3署で試行", due_date=date(2026, 6, 1)
    )
    with pytest.raises(InvalidInput):
        milestone_reach(
            actor=officer, milestone=milestone, reached_on=timezone.localdate() + timedelta(days=1)
        )
    page = client_for("officer_a").get(initiative.get_absolute_url()).content.decode()
    assert "3署で試行" in page and "遅れ" in page  # planned date passed, not reached
    client_for("officer_a").post(
        reverse("initiatives:initiative_milestone", args=[initiative.pk]),
        {"milestone": milestone.pk},
    )
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()


def test_an_institution_adds_its_own_category(world: World, client_for: Any) -> None:
    from suishin.initiatives.services.initiatives import categories_for, category_add

    with pytest.raises(AccessDenied):
        category_add(actor=world.users["officer_a"], code="県A-1", name="駐在所の再編")
    with pytest.raises(InvalidInput):
        category_add(actor=world.users["admin_a"], code="1(1)ア", name="重複")
    client_for("admin_a").post(
        reverse("initiatives:category_list"), {"code": "県A-1", "name": "駐在所の再編"}
    )
    assert "駐在所の再編" in [c.name for c in categories_for(world.pref_a.pk)]
    assert "駐在所の再編" not in [c.name for c in categories_for(world.pref_b.pk)]


@pytest.mark.parametrize("start", ["9999-06-01", "0001-01-01", "2201-01-01"])
def test_a_start_date_outside_1900_to_2200_is_refused_through_the_api(
    world: World, client_for: Any, start: str
) -> None:
    payload = {
        "title": "遠い将来の取組",
        "category": "1(2)ア",
        "owner": "officer_a",
        "goal": "目標",
        "start_date": start,
        "update_every_months": 12,
    }
    response = client_for("admin_a").post(
        "/api/v1/initiatives", data=payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["start_date"] == [
        "1900年1月1日から2200年12月31日までの日付を入力してください。"
    ]
    assert not Initiative.objects.filter(title="遠い将来の取組").exists()


def test_a_start_date_outside_1900_to_2200_is_refused_on_the_form(
    world: World, client_for: Any
) -> None:
    officer = world.users["officer_a"]
    make_initiative(world)  # gives officer_a the owner role
    category = InitiativeCategory.objects.get(institution__isnull=True, code="1(2)ア")
    form = {
        "title": "遠い将来の取組",
        "category": category.pk,
        "owner": officer.pk,
        "goal": "目標",
        "start_date_0": "9999",
        "start_date_1": "6",
        "start_date_2": "1",
        "budget_yen": "0",
        "cost_yen_per_year": "0",
        "hours_saved_per_year": "0",
        "hours_eliminated_per_year": "0",
        "update_every_months": "12",
        "classification": "2",
    }
    response = client_for("officer_a").post(reverse("initiatives:initiative_create"), form)
    assert response.status_code == 200
    assert "1900年1月1日から2200年12月31日までの日付を入力してください。" in (
        response.content.decode()
    )
    assert not Initiative.objects.filter(title="遠い将来の取組").exists()


def test_a_date_before_the_meiji_era_already_stored_is_shown_in_the_western_calendar(
    world: World, client_for: Any
) -> None:
    from suishin.core.choices import DateStyleChoices
    from suishin.core.services.users import user_update_preferences

    initiative = make_initiative(world)
    # Data from before the range rule: written straight to the table, as a restore would.
    Initiative.objects.filter(pk=initiative.pk).update(start_date=date(1, 1, 1))
    user_update_preferences(
        actor=world.users["officer_a"], date_style=DateStyleChoices.JAPANESE_ERA, language="ja"
    )
    for address in (initiative.get_absolute_url(), reverse("initiatives:initiative_list")):
        response = client_for("officer_a").get(address)
        assert response.status_code == 200
    assert (
        "1年1月1日" in client_for("officer_a").get(initiative.get_absolute_url()).content.decode()
    )


def test_a_kpi_unit_is_labelled_as_a_unit_of_measure() -> None:
    from suishin.initiatives.forms import KpiForm

    assert str(KpiForm().fields["unit"].label) == "単位"


def test_a_kpi_is_named_with_its_unit_once(world: World, client_for: Any) -> None:
    """「月平均時間外勤務（時間）」, not 「（時間（時間））」: the unit's full label is for the
    select; after a name only its symbol is written."""
    from suishin.initiatives.forms import ProgressForm

    initiative = make_initiative(world)
    kpi = _kpi(world, initiative, unit="hours", name="月平均時間外勤務", baseline=Decimal("32"))
    page = client_for("officer_a").get(initiative.get_absolute_url()).content.decode()
    assert "月平均時間外勤務（時間）" in page
    assert "（時間（時間））" not in page and "時間（時間）" not in page
    form = ProgressForm(prefix="progress", kpis=[kpi])
    assert str(form.fields[f"kpi_{kpi.pk}"].label) == "月平均時間外勤務（時間）"
