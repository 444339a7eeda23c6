"""Quality evaluations beside the search benchmarks. An app registers one in
``devtools/<app>/evaluations.py`` (``register(...)``) and ``suishin eval NAME`` runs it; like the benchmark
targets, the modules are found only when the command runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand


@dataclass(frozen=True)
class Evaluation:
    name: str
    help: str
    # run(command, options): prints its figures on command.stdout
    run: Callable[[BaseCommand, dict[str, Any]], None]


_EVALUATIONS: dict[str, Evaluation] = {}


def register(evaluation: Evaluation) -> Evaluation:
    _EVALUATIONS[evaluation.name] = evaluation
    return evaluation


def evaluations() -> dict[str, Evaluation]:
    from suishin.devtools.registry import discover_devtools

    discover_devtools("evaluations")
    return dict(_EVALUATIONS)
