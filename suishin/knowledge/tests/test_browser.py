"""The knowledge module's main flows in a real browser, with an accessibility check."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from suishin.core.tests.test_browser import sign_in
from suishin.testing.a11y import assert_accessible

pytestmark = pytest.mark.browser


def test_a_publisher_writes_an_article_and_sees_each_replacement_before_sharing(
    page: Any,
) -> None:
    sign_in(page, "responder")
    page.goto("/knowledge/")
    expect(page.get_by_role("heading", level=1, name="ナレッジ")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="記事を書く").first.click()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="操作を完了できませんでした")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("件名").fill("迷い犬を深夜に保護したときの引継ぎ先")
    page.get_by_label("質問・事象").fill("深夜に迷い犬を保護しました。引継ぎ先を教えてください。")
    page.get_by_label("状況・環境").fill("飼い主の佐藤一郎さん（090-2222-3333）と連絡が取れない。")
    page.get_by_label("回答・対応").fill("保健所の夜間窓口に引き継ぎ、引継ぎ記録を残してください。")
    page.get_by_role("button", name="保存").click()
    expect(
        page.get_by_role("status").filter(has_text="記事を作成中として保存しました。")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="共有と個人情報").click()
    expect(page.get_by_text("「佐藤一郎」 → ［氏名］")).to_be_visible()
    expect(page.get_by_text("「090-2222-3333」 → ［電話番号］")).to_be_visible()
    assert_accessible(page)


def test_an_officer_flags_an_article_at_the_point_of_use(page: Any) -> None:
    sign_in(page, "officer")
    page.goto("/knowledge/")
    page.locator("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="版の履歴")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("誤り・分かりにくい点").fill("様式の番号が改正後のものと違います。")
    page.get_by_role("button", name="作成者に指摘を送る").click()
    expect(
        page.get_by_role("status").filter(has_text="指摘を記事の作成者に送りました")
    ).to_be_visible()
    expect(page.get_by_text("様式の番号が改正後のものと違います。")).to_be_visible()


def test_an_officer_reads_a_manual_and_its_comparison_table(page: Any) -> None:
    sign_in(page, "officer")
    page.goto("/knowledge/manuals/")
    page.get_by_role("link", name="遺失物取扱要領").click()
    expect(page.get_by_role("heading", level=1, name="遺失物取扱要領")).to_be_visible()
    expect(page.get_by_text("夜間・休日に交番で受理した現金は")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="新旧対照表").click()
    expect(page.get_by_role("columnheader", name="改正後")).to_be_visible()
    expect(page.locator("table.comparison u").first).to_be_visible()
    assert_accessible(page)


def test_the_reviewer_sends_a_revision_back_with_a_comment(page: Any) -> None:
    sign_in(page, "desk_manager")
    page.goto("/knowledge/manuals/")
    page.get_by_role("link", name="遺失物取扱要領：報告様式の見直し").click()
    expect(page.get_by_role("heading", name="審査", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="差し戻す").click()
    expect(
        page.get_by_role("status")
        .or_(page.get_by_role("alert"))
        .filter(has_text="差し戻す理由を記入してください。")
    ).to_be_visible()
    page.get_by_label("意見").fill("報告期限の根拠を追記してください。")
    page.get_by_role("button", name="差し戻す").click()
    expect(page.get_by_text("改正案を起案者に差し戻しました。")).to_be_visible()
    expect(page.get_by_text("「報告期限の根拠を追記してください。」")).to_be_visible()


def test_the_candidates_and_roles_pages_are_accessible(page: Any) -> None:
    sign_in(page, "responder")
    page.goto("/knowledge/gaps/")
    expect(page.get_by_role("heading", level=1, name="改定候補")).to_be_visible()
    assert_accessible(page)
    page.goto("/knowledge/?health=flagged")
    expect(page.get_by_role("heading", name="所属機関の記事の品質")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    sign_in(page, "admin")
    page.goto("/knowledge/roles/")
    expect(page.get_by_role("heading", level=1, name="KCSの役割")).to_be_visible()
    assert_accessible(page)


def test_a_second_publisher_confirms_and_another_institution_reads_only_the_copy(
    page: Any,
) -> None:
    # The demo's responder asked for an article to be shared; the desk manager is told.
    sign_in(page, "desk_manager")
    page.goto("/notifications/")
    page.get_by_role("link", name="機関外への共有の確認依頼が届いています").first.click()
    expect(page.get_by_role("heading", name="確認待ち")).to_be_visible()
    expect(page.get_by_role("heading", name="他の機関に表示される内容")).to_be_visible()
    assert_accessible(page)
    title = page.locator("main p a").first.inner_text().split(" ", 1)[1]
    page.get_by_role("button", name="確認して共有する").click()
    expect(
        page.get_by_role("status").filter(has_text="個人情報を置き換えた内容を共有しました")
    ).to_be_visible()
    assert_accessible(page)
    # 隣県's officer finds the copy, not the article.
    page.context.clear_cookies()
    sign_in(page, "officer_b")
    page.goto("/shared/")
    expect(
        page.get_by_role("heading", level=1, name="他機関から共有されたナレッジ")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_text("2人目の担当者が確認したもの")).to_be_visible()
    assert_accessible(page)
