"""Operations: health check, JSON log lines with the request id, SQLite under concurrent writers."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from io import StringIO

import pytest
from django.db import connection, connections
from django.test import Client

from suishin.core.logging import RequestContextFilter
from suishin.core.models import AuditEntry
from suishin.core.services.audit import audit_log, audit_verify


def test_healthz_reports_database_and_task_queue(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["tasks"]["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_every_response_carries_a_request_id_and_keeps_a_well_formed_incoming_one(db: None) -> None:
    assert len(Client().get("/healthz")["X-Request-ID"]) == 32
    assert (
        Client().get("/healthz", headers={"X-Request-ID": "lb-1234abcd"})["X-Request-ID"]
        == "lb-1234abcd"
    )
    assert (
        Client().get("/healthz", headers={"X-Request-ID": "<script>"})["X-Request-ID"] != "<script>"
    )


def test_log_lines_are_json_with_the_request_id() -> None:
    from pythonjsonlogger.json import JsonFormatter

    from suishin.core import context

    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s")
    )
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("suishin.test")
    logger.addHandler(handler)
    token = context.bind(context.RequestContext(request_id="abc12345", ip_address="192.0.2.9"))
    try:
        logger.warning("照会を受け付けました")
    finally:
        context.reset(token)
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert line["message"] == "照会を受け付けました"
    assert line["request_id"] == "abc12345"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite connection settings")
def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path) -> None:
    from django.conf import settings

    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    probe = sqlite3.connect(tmp_path / "probe.sqlite3")
    probe.executescript(options["init_command"])
    assert probe.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    probe.close()


@pytest.fixture
def _audit_table_emptied_after(transactional_db: None) -> Iterator[None]:
    """The test runner empties every table after a transactional test, and PostgreSQL refuses
    to empty an audit table that has entries: empty it first, as its owner would."""
    yield
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_truncate"
            )
            cursor.execute("TRUNCATE core_auditentry")
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_no_truncate")


@pytest.mark.usefixtures("_audit_table_emptied_after")
def test_concurrent_writers_never_see_a_locked_database_and_the_chain_stays_whole() -> None:
    """Eight threads append to the audit chain at once (each append reads the head, then
    writes): every write succeeds, and the chain has no fork or gap."""
    errors: list[BaseException] = []
    per_thread = 15

    def writer() -> None:
        try:
            for _ in range(per_thread):
                audit_log(actor=None, action="test.concurrent")
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]
    assert AuditEntry.objects.filter(action="test.concurrent").count() == 8 * per_thread
    assert audit_verify().ok
