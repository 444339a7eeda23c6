"""Main flows in a real browser, with an axe-core check on every page visited."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import quote

import pyotp
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from suishin.devtools.core.demo import DEMO_PASSWORD, demo_totp_secret
from suishin.testing.a11y import assert_accessible

pytestmark = pytest.mark.browser


def sign_in(page: Any, username: str) -> None:
    """Sign in through the pages, with the second factor where the account needs one. Each step
    waits for the next page, and a code already used in this 30-second step (an earlier sign-in
    of the same account; the server refuses a replay) is retried with the next step's code."""
    page.goto("/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: url.endswith("/login/verify/") or "/login/" not in url)
    if page.url.endswith("/login/verify/"):
        totp = pyotp.TOTP(demo_totp_secret(username))
        for _attempt in range(3):
            page.get_by_label("6桁の確認コード").fill(totp.now())
            page.get_by_role("button", name="確認する").click()
            try:
                page.wait_for_url(lambda url: "/login/" not in url, timeout=5000)
                break
            except PlaywrightTimeoutError:
                time.sleep(totp.interval - time.time() % totp.interval + 1)
    page.wait_for_url(re.compile(r"/$"))
    assert "/login/" not in page.url, f"{username} could not sign in"


def test_sign_in_page_is_japanese_and_accessible(page: Any) -> None:
    page.goto("/login/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.title() == "ログイン | 推進"
    assert_accessible(page)


def test_a_wrong_password_shows_an_accessible_error(page: Any) -> None:
    page.goto("/login/")
    page.get_by_label("ユーザー名").fill("officer")
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    expect(
        page.get_by_role("alert").filter(has_text="ユーザー名またはパスワードが正しくありません。")
    ).to_be_visible()
    assert_accessible(page)


def test_an_officer_reads_home_notices_and_settings(page: Any) -> None:
    sign_in(page, "officer")
    expect(page.get_by_role("heading", name="新着のお知らせ")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="お知らせ", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="お知らせ")).to_be_visible()
    assert page.get_by_role("link", name="人事異動内示に関する連絡（限定）").count() == 0, (
        "classification 3, not named"
    )
    assert_accessible(page)
    page.get_by_role("link", name="相談・照会窓口の試行運用開始").click()
    expect(page.get_by_role("navigation", name="現在位置")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="設定").first.click()
    page.get_by_label("和暦（令和7年6月11日）").check()
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("status").filter(has_text="設定を保存しました。")).to_be_visible()
    assert_accessible(page)
    page.goto("/notices/")
    assert page.locator("time").first.inner_text().startswith("令和")


def test_the_secretariat_posts_a_notice_and_a_refused_file_loses_nothing(
    page: Any, tmp_path: Any
) -> None:
    sign_in(page, "secretariat")
    page.goto("/notices/new/")
    assert_accessible(page)
    page.get_by_role("button", name="掲載する").click()
    summary = page.get_by_role("alert")
    expect(summary.filter(has_text="操作を完了できませんでした")).to_be_visible()
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    program = tmp_path / "tool.exe"
    program.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 4)
    page.get_by_label("件名").fill("ブラウザからの掲載")
    page.locator("#id_body").fill("本文です。")
    page.set_input_files("#id_attachments", str(program))
    page.get_by_role("button", name="掲載する").click()
    expect(page.get_by_text("＊「tool.exe」は許可されていないファイル形式です。")).to_be_visible()
    assert page.get_by_label("件名").input_value() == "ブラウザからの掲載", "what was typed is kept"
    page.goto("/notices/")
    assert page.get_by_role("link", name="ブラウザからの掲載").count() == 0, "nothing half-created"

    memo = tmp_path / "memo.txt"
    memo.write_text("添付メモ", encoding="utf-8")
    page.goto("/notices/new/")
    page.get_by_label("件名").fill("ブラウザからの掲載")
    page.locator("#id_body").fill("本文です。")
    page.set_input_files("#id_attachments", str(memo))
    page.get_by_role("button", name="掲載する").click()
    expect(page.get_by_role("status").filter(has_text="お知らせを掲載しました。")).to_be_visible()
    expect(page.get_by_role("link", name="memo.txt")).to_be_visible()
    assert_accessible(page)


def test_the_auditor_signs_in_with_a_second_factor_and_reviews_the_trail(page: Any) -> None:
    sign_in(page, "auditor")
    expect(page.get_by_role("heading", name="監査：直近7日間")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="監査ログ", exact=True).first.click()
    assert_accessible(page)
    page.get_by_role("link", name="監査ログの改ざん検証").click()
    expect(page.get_by_role("status").filter(has_text="監査ログの連鎖は正常です")).to_be_visible()
    page.locator("#id_date_from_0").fill("2026")
    page.locator("#id_date_from_1").fill("13")
    page.locator("#id_date_from_2").fill("1")
    page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_text("＊月は1から12までの数で入力してください。")).to_be_visible()
    assert_accessible(page)
    # A refused filter exports nothing rather than the whole trail.
    page.get_by_role("link", name="CSVで出力").click()
    expect(
        page.get_by_role("alert").filter(has_text="出力する前に、絞り込みの条件を直してください。")
    ).to_be_visible()
    page.locator("#id_date_from_1").fill("12")
    page.get_by_role("button", name="絞り込む").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSVで出力").click()
    assert download.value.suggested_filename.startswith("audit-")


def test_the_menu_works_by_keyboard_on_a_phone_sized_screen(browser: Any, live_demo: str) -> None:
    context = browser.new_context(
        base_url=live_demo, viewport={"width": 375, "height": 740}, locale="ja-JP"
    )
    page = context.new_page()
    sign_in(page, "officer")
    menu_button = page.get_by_role("button", name="メニュー")
    expect(menu_button).to_be_visible()
    expect(page.get_by_role("navigation", name="メインメニュー")).to_be_hidden()
    menu_button.focus()
    page.keyboard.press("Enter")
    drawer = page.get_by_role("dialog", name="メニュー")
    expect(drawer).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent.trim()") == "メニュー"
    context.close()


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(page: Any) -> None:
    sign_in(page, "officer")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_finds_notices_as_the_officer_types(page: Any) -> None:
    sign_in(page, "officer")
    page.get_by_role("link", name="検索").first.click()
    page.locator("#id_q").fill("窓口 試行")
    result = page.get_by_role("link", name="相談・照会窓口の試行運用開始")
    result.wait_for()
    expect(page.locator("mark").first).to_be_visible()
    assert page.get_by_role("link", name="人事異動内示に関する連絡（限定）").count() == 0
    assert_accessible(page)


def test_the_longest_search_and_question_pass_the_web_server(page: Any) -> None:
    """500 Japanese characters are 4,500 bytes in a URL, past gunicorn's default request line;
    a question's 10,000-character body goes by POST. Neither meets the server's English 414."""
    sign_in(page, "officer")
    words = ("遺失物の保管期間と拾得者への通知" * 40)[:500]
    response = page.goto("/search/?q=" + quote(words))
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1, name="検索")).to_be_visible()
    page.goto("/desk/new/")
    with page.expect_response(lambda r: "/desk/suggest/" in r.url) as answer:
        page.locator("#id_body").fill("拾得物" * 3_300)
    assert answer.value.status == 200 and answer.value.request.method == "POST"
