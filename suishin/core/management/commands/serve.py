"""Start the web process (gunicorn, several workers) on SUISHIN_BIND, and by default a task
worker and the scheduler of periodic jobs beside it, so that a single-machine installation
needs one command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from suishin.core.serving import bind_address, served_address

# How long the worker and scheduler get to finish what they are doing when the server stops.
GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Serve pages and API with gunicorn (and run a task worker beside it unless --no-worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=bind_address())
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("SUISHIN_WORKERS", "3"))
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="run the task worker and scheduler separately (`suishin worker`, `suishin scheduler`)",
        )

    def handle(self, *args: object, **options: Any) -> None:
        web = [
            sys.executable,
            "-m",
            "gunicorn",
            "suishin.wsgi:application",
            "--bind",
            str(options["bind"]),
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            # The longest request line gunicorn accepts: a search of 500 Japanese characters is
            # 4,500 bytes once encoded, past the default 4,094, and gunicorn would answer with
            # its own English 414 page. Longer text (a question's body) goes by POST.
            "--limit-request-line",
            "8190",
            "--forwarded-allow-ips",
            os.environ.get("SUISHIN_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        # The same value gunicorn gets as --bind, which outranks GUNICORN_CMD_ARGS and any
        # gunicorn.conf.py: what is printed is what is served.
        self.stdout.write(f"Suishin: {served_address(str(options['bind']))}  (database: {engine})")
        sys.stdout.flush()
        if options["no_worker"]:
            os.execv(sys.executable, web)  # noqa: S606 - replaces this process with gunicorn on purpose
        helpers = [
            subprocess.Popen([sys.executable, "-m", "suishin.cli", command])  # noqa: S603
            for command in ("worker", "scheduler")
        ]
        server = subprocess.Popen(web)  # noqa: S603

        def stop(signum: int, frame: object) -> None:
            server.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            server.wait()
        finally:
            for helper in helpers:
                helper.terminate()
            for helper in helpers:
                try:
                    helper.wait(timeout=GRACE_SECONDS)
                except subprocess.TimeoutExpired:
                    # A worker deep in a long task (embedding a large batch) is stopped hard:
                    # every task is idempotent and is simply done again.
                    helper.kill()
                    helper.wait()
