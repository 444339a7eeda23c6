"""Benchmark targets. Each app registers its own in its ``bench.py`` (``register(...)``) and
``suishin bench TARGET`` runs it; core knows none of them. The modules are found only when
the command runs, so no web or worker process loads benchmark code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management.base import CommandParser

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
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench")
    return dict(_TARGETS)


def describe(latencies_ms: list[float]) -> dict[str, Any]:
    return {
        "n": len(latencies_ms),
        "p50": nearest_rank(latencies_ms, 0.5),
        "p95": nearest_rank(latencies_ms, 0.95),
    }
