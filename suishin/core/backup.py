"""Backup and restore of the whole installation: database and uploaded files, one archive.

SQLite is copied with its online backup API (consistent while the site runs); PostgreSQL with
pg_dump. The archive's manifest records every table's row count and the audit-chain head, and
a restore is accepted only when the restored database matches them and the chain verifies.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump / pg_restore are the supported PostgreSQL tools
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection

from suishin.core.models import AuditEntry
from suishin.core.services.audit import audit_verify

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.count()
    return dict(sorted(counts.items()))


def _audit_head() -> dict[str, Any]:
    head = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
    return dict(head) if head else {"sequence": 0, "entry_hash": ""}


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--host", str(db.get("HOST") or "127.0.0.1"), "--port", str(db.get("PORT") or 5432)]
    args += ["--username", str(db.get("USER") or "postgres"), "--dbname", str(db["NAME"])]
    env: dict[str, str] = {}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found; install the PostgreSQL client tools")
    return path


def _files_root() -> Path:
    return Path(default_storage.location)  # type: ignore[attr-defined]


def backup(destination: Path) -> dict[str, Any]:
    """Write a .tar.gz archive at ``destination``; returns the manifest."""
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        if connection.vendor == "sqlite":
            dump = work_dir / "database.sqlite3"
            source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
            target = sqlite3.connect(str(dump))
            with target:
                source.backup(target)
            source.close()
            target.close()
        elif connection.vendor == "postgresql":
            dump = work_dir / "database.pgdump"
            args, env = _pg_env()
            command = [_pg_tool("pg_dump"), "--format=custom", "--file", str(dump), *args]
            subprocess.run(command, check=True, env=env)  # noqa: S603 - arguments come from settings
        else:
            raise BackupError(f"unsupported database: {connection.vendor}")
        manifest = {
            "format": FORMAT_VERSION,
            "vendor": connection.vendor,
            "database_file": dump.name,
            "row_counts": row_counts(),
            "audit_head": _audit_head(),
        }
        (work_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        destination.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(destination, "w:gz") as archive:
            archive.add(work_dir / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            if _files_root().exists():
                archive.add(_files_root(), arcname="files")
    return manifest


def restore(source: Path) -> dict[str, Any]:
    """Restore an archive into the configured (fresh) database and file store, then verify."""
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(work_dir, filter="data")
        manifest = json.loads((work_dir / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION or manifest.get("vendor") != connection.vendor:
            raise BackupError(
                f"archive is for {manifest.get('vendor')} (format {manifest.get('format')}); "
                f"this installation uses {connection.vendor}"
            )
        dump = work_dir / manifest["database_file"]
        if connection.vendor == "sqlite":
            connection.close()
            source_db = sqlite3.connect(str(dump))
            target_db = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
            with target_db:
                source_db.backup(target_db)
            source_db.close()
            target_db.close()
        else:
            args, env = _pg_env()
            connection.close()
            command = [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                *args,
                str(dump),
            ]
            subprocess.run(command, check=True, env=env)  # noqa: S603 - arguments come from settings
        if (work_dir / "files").exists():
            shutil.copytree(work_dir / "files", _files_root(), dirs_exist_ok=True)
    counts = row_counts()
    mismatched = {
        table: (expected, counts.get(table))
        for table, expected in manifest["row_counts"].items()
        if counts.get(table) != expected
    }
    if mismatched:
        raise BackupError(f"row counts differ after restore: {mismatched}")
    if _audit_head() != manifest["audit_head"]:
        raise BackupError("the audit chain head differs from the archive's")
    # The copy ends where the backup was taken: it must match every checkpoint up to there.
    result = audit_verify(restored=True)
    if not result.ok:
        raise BackupError(f"restored audit chain is broken at {result.first_break}")
    return manifest
