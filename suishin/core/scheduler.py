"""Periodic jobs: apps register a task and an interval in their ``schedule.py`` (found by
core/registry.py); ``suishin scheduler`` enqueues each one when it falls due. Every registered
task must be idempotent, so that a second scheduler (two machines started alike, say) costs
work but never doubles an effect."""

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
    # Seconds after the scheduler starts before the first run: a heavy daily job should not
    # compete with the first pages served after a restart.
    first_after: int = 0


_JOBS: dict[str, PeriodicJob] = {}


def register_periodic(
    name: str, seconds: int, enqueue: Callable[[], object], *, first_after: int = 0
) -> None:
    _JOBS[name] = PeriodicJob(name, seconds, enqueue, first_after)


def jobs() -> list[PeriodicJob]:
    return list(_JOBS.values())


def run(stop: Event, *, tick: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
    """Enqueue each job at start (or ``first_after`` seconds later) and then every ``seconds``
    until ``stop`` is set."""
    next_run: dict[str, float] = {}
    while not stop.is_set():
        now = clock()
        for name, job in list(_JOBS.items()):
            next_run.setdefault(name, now + job.first_after)
            if now >= next_run[name]:
                next_run[name] = now + job.seconds
                try:
                    job.enqueue()
                except Exception:
                    # The next interval tries again; a task queue outage must not stop the loop.
                    logger.exception("could not enqueue periodic job %s", name)
        stop.wait(tick)
