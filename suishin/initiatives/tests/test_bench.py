"""`suishin bench initiatives` builds its data and reports both figures."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the suite runs the benchmark once, on SQLite"
)
def test_the_initiatives_bench_reports_every_figure(django_db_blocker: Any) -> None:
    out = StringIO()
    with django_db_blocker.unblock():
        call_command(
            "bench",
            "initiatives",
            "--initiatives=40",
            "--updates=200",
            "--institutions=3",
            "--others=5",
            "--samples=2",
            stdout=out,
        )
    text = out.getvalue()
    assert "portfolio (50 initiatives in all, 200 updates)" in text
    assert "annual reports: 3 institutions and the national aggregate" in text
