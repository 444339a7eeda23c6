"""Periodic jobs: apps register a task and an interval; ``suishin scheduler`` enqueues each one
when it falls due. Every registered task must be idempotent, so that a second scheduler (two
machines started alike, say) costs work but never doubles an effect."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from threading import Event

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    seconds: int
    enqueue: Callable[[], object]


_JOBS: dict[str, PeriodicJob] = {}


def register_periodic(name: str, seconds: int, enqueue: Callable[[], object]) -> None:
    _JOBS[name] = PeriodicJob(name, seconds, enqueue)


def jobs() -> list[PeriodicJob]:
    return list(_JOBS.values())


def run(stop: Event, *, tick: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
    """Enqueue each job at start and then every ``seconds`` until ``stop`` is set."""
    next_run = dict.fromkeys(_JOBS, 0.0)
    while not stop.is_set():
        now = clock()
        for name, job in list(_JOBS.items()):
            if now >= next_run.get(name, 0.0):
                next_run[name] = now + job.seconds
                try:
                    job.enqueue()
                except Exception:
                    # The next interval tries again; a task queue outage must not stop the loop.
                    logger.exception("could not enqueue periodic job %s", name)
        stop.wait(tick)
