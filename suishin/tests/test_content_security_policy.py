"""Every HTML page carries a Content-Security-Policy that allows no inline script or style, and
no page breaks it: the browser signs in as several personas and follows every link it finds."""

from __future__ import annotations

from collections import deque
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from suishin.core.tests.test_browser import sign_in
from suishin.testing.browser import csp_refusals
from suishin.testing.personas import World

# Links that change something or leave the page as a download.
SKIPPED = ("/logout/", "export", "format=", "/files/", "/download", ".csv", ".pdf", ".xlsx")
PAGES_PER_PERSONA = 45


def test_every_html_answer_carries_the_policy(world: World, client_for: Any) -> None:
    policy = settings.SUISHIN_CSP
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert Client().get("/login/")["Content-Security-Policy"] == policy
    officer = client_for("officer_a")
    for address in ("/", "/notices/", "/desk/", "/knowledge/", "/initiatives/", "/no-such-page/"):
        assert officer.get(address)["Content-Security-Policy"] == policy, address
    # JSON and files are not pages: the API answers without it, uploads keep their sandbox.
    assert "Content-Security-Policy" not in officer.get("/api/v1/me")


def _same_site_links(page: Any, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(urljoin(base_url, href))
        address = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.netloc == urlsplit(base_url).netloc and not any(s in address for s in SKIPPED):
            found.append(address)
    return found


@pytest.mark.browser
@pytest.mark.parametrize("persona", ["officer", "responder", "secretariat", "admin"])
def test_no_page_breaks_the_policy(browser: Any, live_demo: str, persona: str) -> None:
    context = browser.new_context(base_url=live_demo, locale="ja-JP", timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.set_default_timeout(15_000)
    visited: list[str] = []
    with csp_refusals(page) as refusals:
        sign_in(page, persona)
        queue = deque(["/"])
        seen = {"/"}
        while queue and len(visited) < PAGES_PER_PERSONA:
            address = queue.popleft()
            response = page.goto(address)
            visited.append(address)
            assert response is not None and response.ok, address
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue  # /healthz and the like: not a page
            assert response.headers.get("content-security-policy") == settings.SUISHIN_CSP
            page.wait_for_load_state("networkidle")
            for link in _same_site_links(page, live_demo):
                if link.split("#")[0] not in seen:
                    seen.add(link.split("#")[0])
                    queue.append(link.split("#")[0])
    context.close()
    assert len(visited) >= 15, visited
    assert not refusals, refusals
