"""While the database cannot be reached, every page answers a Japanese 503 page and every API
call the JSON error format, both with Retry-After, and nothing is logged as an unhandled
exception; once it is back, the same server answers normally without a restart."""

from __future__ import annotations

import http.cookiejar
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.test import Client

from suishin.devtools.core.demo import DEMO_PASSWORD
from suishin.testing.personas import World, sign_in

PAGES = ["/", "/desk/", "/knowledge/", "/initiatives/", "/notices/", "/search/?q=遺失物"]
API = ["/api/v1/me", "/api/v1/notices", "/api/v1/desk/inquiries"]


def _assert_unavailable_page(status: int, headers: Any, body: str) -> None:
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "ただいま利用できません" in body and "保存されていません" in body


def _assert_unavailable_api(status: int, headers: Any, body: str) -> None:
    import json

    assert status == 503
    assert headers["Retry-After"] == "30"
    assert headers["Content-Type"].startswith("application/json")
    error = json.loads(body)["error"]
    assert error["code"] == "service_unavailable" and "保存されていません" in error["message"]


def test_a_database_error_answers_503_pages_and_json_and_logs_no_traceback(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """On either database: the first query of a signed-in request fails as a lost connection."""
    client = sign_in(Client(raise_request_exception=False), world.users["officer_a"])
    database = connections["default"]
    import psycopg

    # As Django raises it: the driver's connection error (no SQL state) as the cause.
    lost = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    lost.__cause__ = psycopg.OperationalError("Connection refused")
    with caplog.at_level(logging.INFO), mock.patch.object(database, "cursor", side_effect=lost):
        for address in PAGES:
            response = client.get(address)
            _assert_unavailable_page(response.status_code, response, response.content.decode())
        for address in API:
            response = client.get(address)
            _assert_unavailable_api(response.status_code, response, response.content.decode())
        response = client.post(
            "/api/v1/notices", data={"title": "t", "body": "b"}, content_type="application/json"
        )
        _assert_unavailable_api(response.status_code, response, response.content.decode())
    assert not [record for record in caplog.records if record.exc_info]
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    warnings = [
        record.getMessage() for record in caplog.records if record.levelno == logging.WARNING
    ]
    assert sum("database unavailable" in text for text in warnings) == len(PAGES) + len(API) + 1
    # Back again: the same client reads the page.
    assert client.get("/").status_code == 200


def test_other_server_errors_still_answer_500(world: World) -> None:
    client = sign_in(Client(raise_request_exception=False), world.users["officer_a"])
    with mock.patch("suishin.core.views.home.render", side_effect=RuntimeError("bug")):
        response = client.get("/")
    assert response.status_code == 500 and "Retry-After" not in response
    assert "システムエラー" in response.content.decode()


# --- A real server whose PostgreSQL connection is cut and restored --------------------------


def _postgres() -> dict[str, Any] | None:
    database: dict[str, Any] = dict(settings.DATABASES["default"])
    return database if str(database["ENGINE"]).endswith("postgresql") else None


@pytest.fixture
def outage_database() -> Iterator[tuple[str, int, str]]:
    """A fresh PostgreSQL database of its own (the server migrates it): host, port, name."""
    import psycopg

    database = _postgres()
    if database is None:
        pytest.skip("the cut-connection test needs PostgreSQL (CI runs it on its second pass)")
    host, port = database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)
    name = f"suishin_outage_{uuid.uuid4().hex[:8]}"
    admin = f"host={host} port={port} user={database['USER']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield host, port, name
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _Browser:
    """Cookies and CSRF like a browser, over urllib."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> tuple[int, Any, str]:
        try:
            address = self.base_url + urllib.parse.quote(path, safe="/?=&")
            with self.opener.open(address, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def sign_in(self, username: str) -> None:
        _status, _headers, page = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token[1], "username": username, "password": DEMO_PASSWORD}
        ).encode()
        request = urllib.request.Request(self.base_url + "/login/", data=form)  # noqa: S310 - loopback only
        request.add_header("Referer", self.base_url + "/login/")
        with self.opener.open(request, timeout=30) as response:
            assert "/login/" not in response.url, "the demo officer could not sign in"


def test_a_server_whose_database_is_cut_answers_503_and_recovers_without_restart(
    outage_database: tuple[str, int, str], tmp_path: Path
) -> None:
    from suishin.testing.browser import running_server
    from suishin.testing.proxy import CuttableProxy

    host, port, name = outage_database
    with CuttableProxy(host, port) as proxy:
        url = f"postgres://postgres@127.0.0.1:{proxy.port}/{name}"
        with running_server(tmp_path, database_url=url) as base_url:
            browser = _Browser(base_url)
            browser.sign_in("officer")
            assert browser.get("/")[0] == 200
            proxy.cut()
            for address in PAGES:
                _assert_unavailable_page(*browser.get(address))
            for address in API:
                _assert_unavailable_api(*browser.get(address))
            assert browser.get("/healthz")[0] == 503
            proxy.restore()
            # Pooled connections notice the cut on their next use and reconnect.
            for address in ["/", *PAGES, *API]:
                assert browser.get(address)[0] == 200, address
            assert browser.get("/healthz")[0] == 200
        log = (tmp_path / "server.log").read_text()
    # Requests are not unhandled exceptions (a background task cut off mid-way may still log
    # its own failure: it runs again at its next interval).
    requests = [line for line in log.splitlines() if '"logger": "django.request"' in line]
    assert requests == [] and "Internal Server Error" not in log
    assert log.count("database unavailable") >= len(PAGES) + len(API)


def test_only_an_unreachable_database_is_a_503() -> None:
    import psycopg
    from django.db import InterfaceError

    from suishin.core.views.errors import database_unreachable

    def wrapped(cause: BaseException, message: str = "failed") -> OperationalError:
        error = OperationalError(message)
        error.__cause__ = cause
        return error

    class Deadlock(psycopg.errors.DeadlockDetected):
        sqlstate = "40P01"

    class Refused(psycopg.OperationalError):
        sqlstate = "08006"

    assert database_unreachable(wrapped(Refused("connection failure")))
    assert database_unreachable(wrapped(psycopg.OperationalError("server closed the connection")))
    assert database_unreachable(InterfaceError("connection already closed"))
    assert database_unreachable(OperationalError("database is locked"))
    assert not database_unreachable(wrapped(Deadlock("deadlock detected")))
    assert not database_unreachable(OperationalError("no such table: core_notice"))
    assert not database_unreachable(RuntimeError("bug"))


def test_a_refused_form_answers_the_sites_own_page(world: World) -> None:
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "officer_a"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "送信を受け付けられませんでした" in page and "<style" not in page
    assert "Content-Security-Policy" in response
