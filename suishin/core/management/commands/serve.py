"""Start the web process (gunicorn, several workers) on SUISHIN_BIND."""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve pages and API with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("SUISHIN_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("SUISHIN_WORKERS", "3"))
        )

    def handle(self, *args: object, **options: object) -> None:
        argv = [
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
            "--forwarded-allow-ips",
            os.environ.get("SUISHIN_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        self.stdout.write(
            f"Suishin: http://{options['bind']}/  (database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
        )
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn on purpose
