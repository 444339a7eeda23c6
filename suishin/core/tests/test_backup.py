"""Backup and restore into a fresh database, end to end through the `suishin` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def run(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "suishin.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


def _environment(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "SUISHIN_"))}
    env.update(
        {"SUISHIN_VAR_DIR": str(var_dir), "SUISHIN_TESTING": "0", "SUISHIN_LOG_LEVEL": "WARNING"}
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@pytest.fixture
def installations(tmp_path: Path) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """A source installation and an empty target, on the database engine under test."""
    if connection.vendor != "postgresql":
        yield _environment(tmp_path / "source", None), _environment(tmp_path / "target", None)
        return
    import psycopg

    names = [f"suishin_backup_{uuid.uuid4().hex[:8]}_{role}" for role in ("source", "target")]
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            _environment(tmp_path / "source", f"{PG_SERVER}/{names[0]}"),
            _environment(tmp_path / "target", f"{PG_SERVER}/{names[1]}"),
        )
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


COUNT_ROWS = (
    "from suishin.core.backup import row_counts; import json; print(json.dumps(row_counts()))"
)


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_the_chain(
    installations: tuple[dict[str, str], dict[str, str]], tmp_path: Path
) -> None:
    source, target = installations
    run(source, "migrate", "--noinput")
    run(source, "demo")
    archive = tmp_path / "backup.tar.gz"
    assert "backup written" in run(source, "backup", str(archive)).stdout
    source_counts = json.loads(run(source, "shell", "-v", "0", "-c", COUNT_ROWS).stdout)
    assert source_counts["core_auditentry"] > 50

    restored = run(target, "restore", str(archive))
    assert "row counts match and the audit chain verifies" in restored.stdout
    assert json.loads(run(target, "shell", "-v", "0", "-c", COUNT_ROWS).stdout) == source_counts
    assert "intact" in run(target, "audit", "verify").stdout


def test_a_restore_that_does_not_match_its_manifest_is_refused(
    installations: tuple[dict[str, str], dict[str, str]], tmp_path: Path
) -> None:
    source, target = installations
    run(source, "migrate", "--noinput")
    archive = tmp_path / "backup.tar.gz"
    run(source, "backup", str(archive))
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    manifest = json.loads((unpacked / "manifest.json").read_text())
    manifest["row_counts"]["core_auditentry"] += 1
    (unpacked / "manifest.json").write_text(json.dumps(manifest))
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for item in unpacked.iterdir():
            tar.add(item, arcname=item.name)
    result = run(target, "restore", str(tampered), check=False)
    assert result.returncode != 0
    assert "row counts differ" in result.stderr
