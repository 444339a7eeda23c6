"""`suishin bench desk` builds its desk, measures every page and a loaded server."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the suite runs the benchmark once, on SQLite"
)
@pytest.mark.parametrize("load", ["python", "wrk"])
def test_the_desk_bench_reports_every_figure(
    load: str, django_db_blocker: Any, tmp_path: Path, settings: Any
) -> None:
    if load == "wrk" and shutil.which("wrk") is None:
        pytest.skip("wrk is not installed: the load from wrk is not checked")
    settings.SUISHIN_VECTOR_CACHE = str(tmp_path / "vectors.sqlite3")
    out = StringIO()
    with django_db_blocker.unblock():
        call_command(
            "bench",
            "desk",
            "--inquiries=120",
            "--messages=600",
            "--samples=4",
            "--unique-vectors=5",
            "--duration=1",
            "--workers=1",
            "--clients=2",
            f"--load={load}",
            stdout=out,
            stderr=StringIO(),
        )
    report = out.getvalue()
    assert "inquiries: 120; messages: 600" in report
    for page in (
        "suggestions while typing",
        "queue page (changed)",
        "queue page (kept)",
        "queue refresh (changed)",
        "queue refresh (unchanged)",
        "inquiry page",
        "my inquiries (changed)",
        "submission",
    ):
        assert page in report
    assert "requests/s, errors 0" in report
    assert ("load from wrk" if load == "wrk" else "load from Python threads") in report


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the refusal is about SQLite")
def test_keeping_or_reusing_the_bench_database_needs_postgresql() -> None:
    for option in ("--keep", "--reuse"):
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("bench", "desk", option, stdout=StringIO(), stderr=StringIO())
