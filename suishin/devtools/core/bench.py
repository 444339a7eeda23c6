"""`suishin bench sqlite-writers`: many processes writing through the services at once on the
embedded SQLite database, counting "database is locked" errors (the target is none).

A fresh database in a temporary folder is migrated and given one organization and one
secretariat user; then each process posts notices (the notice, its search document and its
audit entry in one transaction) and edits them, as fast as it can, for the given time. Every
write is counted; a write that fails is counted by its error and never retried, so the figure
is what a user would have seen.
"""

from __future__ import annotations

import json
import multiprocessing
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from suishin.devtools.benchmarks import BenchTarget, register

# Core's other benchmark, the masking detector's speed and memory, registers itself.
from suishin.devtools.core import masking_bench  # noqa: F401


def _add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--processes", type=int, default=20, help="writers (default 20)")
    parser.add_argument("--seconds", type=float, default=30, help="how long (default 30)")
    parser.add_argument(
        "--reconnect",
        action="store_true",
        help="open a new connection for every pair of writes, as short-lived requests do",
    )


def _use_database(path: Path) -> None:
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    settings.DATABASES["default"]["NAME"] = str(path)
    connections["default"].settings_dict["NAME"] = str(path)


def _prepare(path: Path) -> None:
    from django.core.management import call_command

    from suishin.core.choices import OrganizationKindChoices, RoleChoices
    from suishin.core.services.organizations import organization_create
    from suishin.core.services.users import user_create

    _use_database(path)
    call_command("migrate", verbosity=0, interactive=False)
    unit = organization_create(
        actor=None, code="bench", name="ベンチ警察", kind=OrganizationKindChoices.PREFECTURAL_POLICE
    )
    user_create(
        actor=None,
        username="bench",
        password="bench-password-2026",  # noqa: S106 - a throwaway database
        unit=unit,
        roles=[RoleChoices.SECRETARIAT],
    )


def _writer(path: str, seconds: float, index: int, reconnect: bool, results: Any) -> None:
    from django.db import OperationalError, connections

    from suishin.core.choices import ClassificationChoices
    from suishin.core.models import User
    from suishin.core.services.notices import notice_create, notice_update

    _use_database(Path(path))
    user = User.objects.get(username="bench")
    counts: Counter[str] = Counter()
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        number += 1
        try:
            notice = notice_create(
                actor=user,
                title=f"周知 {index}-{number}",
                body="交番での遺失物の取扱いについて周知します。" * 5,
                classification=ClassificationChoices.INTERNAL,
            )
            notice_update(
                actor=user,
                notice=notice,
                title=f"周知 {index}-{number}（訂正）",
                body=notice.body,
                classification=notice.classification,
            )
            counts["writes"] += 2
        except OperationalError as error:
            counts[f"OperationalError: {error}"] += 1
        if reconnect:
            connections.close_all()  # as a web request ends: the next one opens its own
    connections.close_all()
    results.put(dict(counts))


def _run(command: BaseCommand, options: dict[str, Any]) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        command.stderr.write("sqlite-writers measures the embedded SQLite database only.")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "writers.sqlite3"
        _prepare(path)
        _use_database(path)
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        writers = [
            context.Process(
                target=_writer,
                args=(str(path), options["seconds"], i, options["reconnect"], results),
            )
            for i in range(options["processes"])
        ]
        began = time.perf_counter()
        for process in writers:
            process.start()
        totals: Counter[str] = Counter()
        for _ in writers:
            totals.update(results.get())
        for process in writers:
            process.join()
        elapsed = time.perf_counter() - began
    errors = {kind: n for kind, n in totals.items() if kind != "writes"}
    summary = {
        "processes": options["processes"],
        "reconnect": options["reconnect"],
        "seconds": round(elapsed, 1),
        "writes": totals["writes"],
        "writes_per_second": round(totals["writes"] / elapsed, 1),
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
    }
    command.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))


register(
    BenchTarget(
        name="sqlite-writers",
        help="concurrent writers on SQLite: writes and 'database is locked' errors",
        add_arguments=_add_arguments,
        run=_run,
    )
)
