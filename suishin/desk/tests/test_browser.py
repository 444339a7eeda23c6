"""The desk's main flows in a real browser, with an accessibility check on each page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from suishin.core.tests.test_browser import sign_in
from suishin.testing.a11y import assert_accessible

pytestmark = pytest.mark.browser


def test_an_officer_finds_the_answer_while_typing_and_closes_the_question(page: Any) -> None:
    sign_in(page, "officer")
    page.get_by_role("link", name="窓口に相談・照会する").first.click()  # the home panel's button
    expect(page.get_by_role("heading", level=1, name="窓口に相談・照会する")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("件名").fill("拾得者が権利を放棄するときの手続")
    suggestion = (
        page.locator("#suggestions")
        .get_by_role("link", name="遺失物の拾得届で拾得者が権利を放棄する場合の手続")
        .first
    )
    suggestion.wait_for()
    expect(page.locator("#suggestions mark").first).to_be_visible()
    assert_accessible(page)
    page.locator("#id_body").fill("交番で財布の拾得届を受理しました。")
    page.locator("#suggestions").get_by_role("button", name="これで解決").first.click()
    expect(page.get_by_role("status").filter(has_text="自己解決として記録しました")).to_be_visible()
    expect(page.get_by_text("候補の情報で自己解決").first).to_be_visible()
    assert_accessible(page)


def test_the_officer_is_warned_while_typing_a_name_or_a_phone_number(page: Any) -> None:
    sign_in(page, "officer")
    page.goto("/desk/new/")
    page.locator("#id_body").fill("相談者の佐藤花子さん（090-8765-4321）から電話がありました。")
    warning = page.locator("#privacy-warning")
    expect(warning).to_contain_text("個人情報と思われる記載があります")
    expect(warning).to_contain_text("電話番号：「090-8765-4321」")
    expect(page.get_by_role("button", name="窓口に送信")).to_be_enabled()
    assert_accessible(page)
    page.locator("#id_body").fill("拾得物の保管期間を教えてください。")
    expect(warning).not_to_contain_text("個人情報")


def test_on_a_phone_suggestions_show_above_the_send_button_and_the_queue_is_cards(
    browser: Any, live_demo: str
) -> None:
    context = browser.new_context(
        base_url=live_demo, locale="ja-JP", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    sign_in(page, "officer")
    page.goto("/desk/new/")
    page.get_by_label("分類").select_option(label="生活安全")
    page.get_by_label("件名").fill("拾得者が権利を放棄するときの手続")
    page.locator("#id_body").fill("交番で財布の拾得届を受理しました。")
    suggestion = page.locator("#suggestions .suggestion").first
    suggestion.wait_for()
    send = page.get_by_role("button", name="窓口に送信")
    assert suggestion.bounding_box()["y"] < send.bounding_box()["y"]
    assert page.locator("#id_body").bounding_box()["y"] < suggestion.bounding_box()["y"]
    assert_accessible(page)
    send.click()
    expect(page.get_by_role("status").filter(has_text="照会を窓口に送信しました。")).to_be_visible()
    context.clear_cookies()
    sign_in(page, "responder")
    page.goto("/desk/queue/")
    subject = page.locator("#queue-rows tbody th").first
    assert subject.bounding_box()["width"] > 300, "the subject is not crushed into a column"
    expect(page.locator("#queue-rows tbody td").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    # The narrowest phones: the inquiry's page, file input and all, stays within 320 px.
    page.set_viewport_size({"width": 320, "height": 700})
    subject.locator("a").click()
    expect(page.locator("input[type=file]").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_a_refused_question_keeps_what_was_typed(page: Any) -> None:
    sign_in(page, "officer")
    page.goto("/desk/new/")
    page.locator("#id_body").fill("件名を書き忘れた照会です。")
    page.get_by_role("button", name="窓口に送信").click()
    expect(page.get_by_role("alert").filter(has_text="操作を完了できませんでした")).to_be_visible()
    assert page.locator("#id_subject").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_body").input_value() == "件名を書き忘れた照会です。"
    assert_accessible(page)


def test_a_new_urgent_question_reaches_the_responder_queue_without_reloading(
    browser: Any, live_demo: str
) -> None:
    responder_context = browser.new_context(base_url=live_demo, locale="ja-JP")
    officer_context = browser.new_context(
        base_url=live_demo, locale="ja-JP", viewport={"width": 375, "height": 740}
    )
    responder, officer = responder_context.new_page(), officer_context.new_page()
    sign_in(responder, "responder")
    responder.goto("/desk/queue/")
    filters = responder.locator("details.filter-panel").first
    expect(filters, "filters start collapsed").not_to_have_attribute("open", "")
    expect(filters.locator("summary"), "and say what they narrow").to_contain_text("状態：")
    assert_accessible(responder)

    sign_in(officer, "officer")  # on a phone-sized patrol terminal
    officer.goto("/desk/new/")
    officer.get_by_label("分類").select_option(label="生活安全")
    officer.get_by_label("至急").check()
    officer.get_by_label("件名").fill("ブラウザ試験：迷い犬を保護した場合の引継ぎ")
    officer.locator("#id_body").fill("深夜に迷い犬を保護しました。引継ぎ先を教えてください。")
    officer.get_by_role("button", name="窓口に送信").click()
    expect(
        officer.get_by_role("status").filter(has_text="照会を窓口に送信しました。")
    ).to_be_visible()
    assert_accessible(officer)

    row = responder.get_by_role("link", name="ブラウザ試験：迷い犬を保護した場合の引継ぎ")
    row.wait_for(timeout=8_000)  # the queue refreshes itself every 5 seconds
    expect(responder.locator("#queue-news")).to_contain_text(
        "新しい照会：ブラウザ試験：迷い犬を保護した場合の引継ぎ"
    )
    # A keyboard user is on that row when the list refreshes itself: the focus stays there.
    responder.get_by_role("link", name="照会一覧へ移動").click()
    row.focus()
    officer.goto("/desk/new/")
    officer.get_by_label("分類").select_option(label="生活安全")
    officer.get_by_label("件名").fill("ブラウザ試験：保護した迷い犬の飼い主が判明した場合")
    officer.locator("#id_body").fill("飼い主が名乗り出ました。返還の手続を教えてください。")
    officer.get_by_role("button", name="窓口に送信").click()
    expect(responder.locator("#queue-news")).to_contain_text(
        "新しい照会：ブラウザ試験：保護した迷い犬の飼い主が判明した場合", timeout=8_000
    )
    assert responder.evaluate("document.activeElement.textContent") == (
        "ブラウザ試験：迷い犬を保護した場合の引継ぎ"
    )
    row.click()
    assert_accessible(responder)
    responder.locator("#id_body").fill("保健所の夜間窓口に引き継いでください。")
    responder.get_by_role("button", name="回答として送信").click()
    expect(responder.get_by_role("status").filter(has_text="投稿しました。")).to_be_visible()
    expect(responder.get_by_text("保健所の夜間窓口に引き継いでください。")).to_be_visible()

    officer.goto("/desk/")
    officer.get_by_role("link", name="ブラウザ試験：迷い犬を保護した場合の引継ぎ").click()
    expect(officer.get_by_text("保健所の夜間窓口に引き継いでください。")).to_be_visible()
    expect(officer.get_by_text("回答済").first).to_be_visible()
    responder_context.close()
    officer_context.close()


def test_the_dashboard_has_a_table_for_every_chart(page: Any) -> None:
    sign_in(page, "responder")
    page.goto("/desk/dashboard/")
    expect(page.get_by_role("heading", level=1, name="窓口の状況")).to_be_visible()
    for caption in ("週別の照会件数", "分類別の照会件数", "組織別の照会件数"):
        figure = page.locator("figure", has=page.get_by_text(caption, exact=True))
        assert figure.locator("canvas").count() == 1
        assert figure.locator("table").count() == 1
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSVをダウンロード").first.click()
    assert download.value.suggested_filename.startswith("desk-week-")


def test_the_administrator_keeps_the_roster_and_settings(page: Any) -> None:
    sign_in(page, "admin")
    page.goto("/desk/settings/")
    expect(page.get_by_role("heading", name="振分けルール")).to_be_visible()
    assert_accessible(page)
    page.goto("/desk/roster/?week=2026-11-23")
    expect(page.get_by_text("勤労感謝の日"), "holidays are marked").to_be_visible()
    page.locator("#id_queue").select_option(label="生活安全企画課")
    page.locator("#id_responder").select_option(label="生活安全企画課 回答担当")
    # 和暦 as the date input offers it: 令和8年11月23日 is 2026-11-23.
    page.locator("#id_start_date_era").select_option(label="令和")
    page.locator("#id_start_date_0").fill("8")
    page.locator("#id_start_date_1").fill("11")
    page.locator("#id_start_date_2").fill("23")
    page.locator("#id_start_time").fill("17:15")
    page.locator("#id_end_time").fill("08:30")
    page.get_by_role("button", name="追加").click()
    expect(page.get_by_role("status").filter(has_text="当番を1件追加しました。")).to_be_visible()
    page.goto("/desk/roster/?week=2026-11-23")
    # A night shift is listed once, on the day it starts, ending 翌 (the next morning); never
    # again on the next day's row as it once was (17:15–08:30 on both).
    expect(page.get_by_text("17:15–翌08:30").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"^17:15–08:30"))).to_have_count(0)
    assert_accessible(page)
