"""Benchmark targets. Each app registers its own in ``devtools/<app>/bench.py``
(``register(...)``) and ``suishin bench TARGET`` runs it. The modules are found only when
the command runs, so no web or worker process loads benchmark code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.db import connection

from suishin.core.quantiles import nearest_rank


@dataclass(frozen=True)
class BenchTarget:
    name: str
    help: str
    add_arguments: Callable[[CommandParser], None]
    run: Callable[..., None]


_TARGETS: dict[str, BenchTarget] = {}


def register(target: BenchTarget) -> BenchTarget:
    _TARGETS[target.name] = target
    return target


def targets() -> dict[str, BenchTarget]:
    from suishin.devtools.registry import discover_devtools

    discover_devtools("bench")
    return dict(_TARGETS)


def describe(latencies_ms: list[float]) -> dict[str, Any]:
    return {
        "n": len(latencies_ms),
        "p50": nearest_rank(latencies_ms, 0.5),
        "p95": nearest_rank(latencies_ms, 0.95),
    }


@contextmanager
def bench_database(
    label: str, workdir: Path, keep: bool = False, reuse: bool = False
) -> Iterator[str]:
    """A new database with the full schema, or the one an earlier ``--keep`` run of benchmark
    ``label`` left (``reuse``, PostgreSQL: ``suishin_bench_<label>``); yields a DATABASE_URL
    for other processes."""
    kept_database = f"suishin_bench_{label}"
    from suishin.search import vectors

    # The approximate vector index belongs to its database: beside it.
    original_ann_dir = settings.SUISHIN_ANN_DIR
    settings.SUISHIN_ANN_DIR = (
        settings.VAR_DIR / f"bench-{label}-ann" if keep or reuse else workdir / "ann"
    )
    vectors.clear_cache()
    settings_dict = connection.settings_dict
    test_settings = settings_dict.setdefault("TEST", {})
    original_name, original_test = settings_dict["NAME"], test_settings.get("NAME")
    sqlite = settings_dict["ENGINE"].endswith("sqlite3")
    test_settings["NAME"] = str(workdir / "bench.sqlite3") if sqlite else kept_database
    if reuse:
        connection.close()
        settings_dict["NAME"] = kept_database
    else:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    name = settings_dict["NAME"]
    if sqlite:
        url = f"sqlite:///{name}"
    else:
        user, host = settings_dict.get("USER") or "postgres", settings_dict.get("HOST") or ""
        port = settings_dict.get("PORT") or "5432"
        password = settings_dict.get("PASSWORD") or ""
        credentials = f"{user}:{password}@" if password else f"{user}@"
        url = f"postgres://{credentials}{host}:{port}/{name}"
    try:
        yield url
    finally:
        if keep or reuse:
            connection.close()
            settings_dict["NAME"] = original_name
        else:
            connection.creation.destroy_test_db(original_name, verbosity=0)
        test_settings["NAME"] = original_test
        settings.SUISHIN_ANN_DIR = original_ann_dir
        vectors.clear_cache()
