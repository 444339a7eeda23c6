"""A walk of the everyday pages by the people who use them most, on a desk and on a phone:
every page axe-clean, nothing running off the side of the screen, and the other
prefecture's officer kept out of 県A's records."""

from __future__ import annotations

from typing import Any

import pytest

from suishin.core.tests.test_browser import sign_in
from suishin.testing.a11y import assert_accessible

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# What each persona opens in a working day.
WALKS = {
    "officer": ["/", "/desk/", "/desk/new/", "/knowledge/", "/notifications/", "/search/?q=遺失物"],
    "responder": ["/", "/desk/queue/", "/desk/roster/", "/knowledge/manuals/", "/notifications/"],
    "secretariat": ["/", "/initiatives/", "/initiatives/portfolio/", "/initiatives/cases/"],
    "officer_b": ["/", "/desk/", "/knowledge/", "/initiatives/cases/", "/search/?q=遺失物"],
}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("persona", sorted(WALKS))
def test_everyday_pages_are_accessible_and_fit_the_screen(
    browser: Any, live_demo: str, persona: str, viewport: str
) -> None:
    size = VIEWPORTS[viewport]
    context = browser.new_context(
        base_url=live_demo, locale="ja-JP", timezone_id="Asia/Tokyo", viewport=size
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, persona)
    for address in WALKS[persona]:
        response = page.goto(address)
        assert response is not None and response.status == 200, address
        assert_accessible(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"{address} runs {width - size['width']} px off the screen"
    context.close()


def test_the_other_prefecture_finds_no_door_into_a_records(browser: Any, live_demo: str) -> None:
    """Addresses of 県A's records, taken from 県A's own pages, answer 404 to 県B's officer."""
    context = browser.new_context(base_url=live_demo, locale="ja-JP")
    page = context.new_page()
    sign_in(page, "responder")
    page.goto("/desk/queue/?status=all")
    inquiry = page.locator("#queue-rows tbody a").first.get_attribute("href")
    page.goto("/knowledge/manuals/")
    manual = page.locator("main table a, main ul a").first.get_attribute("href")
    context.clear_cookies()
    sign_in(page, "officer_b")
    for address in (inquiry, manual):
        assert address
        response = page.goto(address)
        assert response is not None and response.status == 404, address
    context.close()
