"""`suishin bench sqlite-writers` runs its writers and reports writes and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "sqlite", reason="it measures SQLite only")
def test_the_sqlite_writers_bench_counts_writes_and_errors(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DATABASE_URL")}
    env["SUISHIN_VAR_DIR"] = str(tmp_path)
    command = [sys.executable, "-m", "suishin.cli", "bench", "sqlite-writers"]
    finished = subprocess.run(  # noqa: S603 - our own command
        [*command, "--processes=3", "--seconds=1", "--reconnect"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    summary = json.loads(finished.stdout)
    assert summary["processes"] == 3 and summary["reconnect"] is True
    assert summary["writes"] > 0
    assert summary["errors"] == 0, summary["errors_by_kind"]
