"""Enqueue the registered periodic jobs (service-level escalation, …) at their intervals."""

from __future__ import annotations

import signal
from threading import Event
from typing import Any

from django.core.management.base import BaseCommand

from suishin.core import scheduler


class Command(BaseCommand):
    help = "Run the scheduler of periodic jobs (one per installation; `serve` starts one)."

    def handle(self, *args: object, **options: Any) -> None:
        stop = Event()
        signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
        signal.signal(signal.SIGINT, lambda signum, frame: stop.set())
        names = ", ".join(f"{job.name} ({job.seconds} s)" for job in scheduler.jobs())
        self.stdout.write(f"scheduler: {names or 'no jobs'}")
        scheduler.run(stop)
