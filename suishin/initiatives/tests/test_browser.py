"""The promotion structure in a real browser, with an accessibility check."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from suishin.core.tests.test_browser import sign_in
from suishin.testing.a11y import assert_accessible

pytestmark = pytest.mark.browser


def test_the_secretariat_records_a_decision_and_the_owner_closes_an_action(page: Any) -> None:
    sign_in(page, "secretariat")
    page.goto("/initiatives/bodies/")
    expect(page.get_by_role("link", name="非違事案対策高度化ワーキンググループ")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="警察運営イノベーション推進委員会").click()
    expect(page.get_by_role("cell", name="警務部長", exact=True).first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="第1回 警察運営イノベーション推進委員会").click()
    page.get_by_role("button", name="決定事項を記録する").click()
    expect(page.get_by_text("決定事項を入力してください。").first).to_be_visible()
    page.locator("#id_decision-text").fill("次回までに試行署を決める。")
    page.get_by_role("button", name="決定事項を記録する").click()
    expect(page.get_by_text("次回までに試行署を決める。")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, "owner")
    panel = page.get_by_role("region", name="会議からの対応事項")
    expect(panel.get_by_text("試行結果の報告資料を作成する")).to_be_visible()
    assert_accessible(page)
    panel.get_by_role("button", name="完了").click()
    expect(page.get_by_role("status").filter(has_text="対応事項を完了にしました。")).to_be_visible()


def test_an_owner_reports_progress_and_sees_the_kpi_trend(page: Any) -> None:
    sign_in(page, "owner")
    page.goto("/initiatives/?sort=priority")
    expect(page.get_by_role("heading", level=1, name="取組")).to_be_visible()
    assert_accessible(page)
    page.locator("tbody tr", has_text="警務課 取組担当").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="優先度", exact=False)).to_be_visible()
    expect(page.locator("figure.chart canvas").first).to_be_visible()
    # The chart draws the target as a dashed line: its series is the table's 目標値 column.
    target = page.locator("figure.chart table th[data-dashed]").first
    expect(target).to_have_text("目標値")
    datasets = page.evaluate(
        "() => { const c = document.querySelector('figure.chart canvas');"
        " const chart = window.Chart.getChart(c);"
        " return chart.data.datasets.map(d => [d.label, !!d.borderDash]); }"
    )
    assert ["目標値", True] in datasets, datasets
    assert_accessible(page)
    page.get_by_role("button", name="報告を保存する").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()


def test_the_portfolio_is_accessible_with_its_chart(page: Any) -> None:
    sign_in(page, "secretariat")
    page.goto("/initiatives/portfolio/")
    expect(page.get_by_role("heading", level=1, name="取組状況一覧", exact=False)).to_be_visible()
    expect(page.locator("canvas[data-chart-for='table-health']")).to_be_visible()
    expect(page.get_by_role("button", name="印刷する")).to_be_visible()
    assert_accessible(page)
    # On the narrowest phones the summary figures wrap instead of running off the screen.
    page.set_viewport_size({"width": 320, "height": 700})
    for address in ("/initiatives/portfolio/", "/initiatives/report/"):
        page.goto(address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, address


def test_another_prefecture_finds_and_reads_a_shared_case(page: Any) -> None:
    sign_in(page, "officer_b")
    page.goto("/initiatives/cases/")
    expect(page.get_by_role("heading", level=1, name="横展開の事例")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("検索する語").fill("即日回答")
    page.get_by_role("button", name="検索", exact=True).click()
    page.get_by_role("link", name="相談・照会窓口の全署展開").first.click()
    expect(page.get_by_text("組織が採用")).to_be_visible()
    assert_accessible(page)
