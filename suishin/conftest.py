from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from suishin.testing.personas import World, build_world, sign_in


@pytest.fixture(autouse=True, scope="session")
def _api_schemas_built() -> None:
    """Build every API schema before any test freezes time: pydantic cannot build a schema
    for freezegun's stand-in datetime class."""
    import suishin.urls  # noqa: F401


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language: a request in English leaves English active
    on the thread, and the next test's messages would be read in it."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings: Any, tmp_path: Any) -> None:
    """Each test signs its audit checkpoints into its own file: its database starts empty."""
    settings.SUISHIN_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Callable[[str], Client]:
    """client_for("officer_a") -> a Client signed in as that persona."""

    def make(name: str) -> Client:
        return sign_in(Client(), world.user(name))

    return make


@pytest.fixture(scope="session")
def live_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a gunicorn server running the demo installation."""
    from suishin.testing.browser import chromium_available, running_server

    if not chromium_available():
        pytest.skip(
            "browser tests skipped: Chromium not found at /usr/bin/chromium (apt-get install chromium)"
        )
    with running_server(tmp_path_factory.mktemp("live-demo")) as base_url:
        yield base_url


# Module scope: Playwright's synchronous API keeps an event loop running while it is open, and
# Django refuses new database connections beside a running loop; it must be closed before the
# rest of the suite runs.
@pytest.fixture(scope="module")
def browser(live_demo: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from suishin.testing.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_demo: str) -> Iterator[Any]:
    """A browser page; every browser test also fails if any page it visits breaks the
    Content-Security-Policy (Chromium reports each refusal on the console)."""
    from suishin.testing.browser import csp_refusals

    context = browser.new_context(base_url=live_demo, locale="ja-JP", timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.set_default_timeout(10_000)
    with csp_refusals(page) as refusals:
        yield page
    context.close()
    assert not refusals, f"Content-Security-Policy refusals: {refusals}"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with every per-process cache empty: a test that freezes time can build
    the same cache keys as one before it, against other data."""
    from suishin.core.process_caches import reset_process_caches

    reset_process_caches()
    yield
