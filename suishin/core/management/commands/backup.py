from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from suishin.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar.gz archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", nargs="?", help="archive path (default: var/backups/…)")

    def handle(self, *args: object, **options: object) -> None:
        from django.conf import settings

        default = settings.VAR_DIR / "backups" / f"suishin-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        destination = Path(str(options["destination"])) if options["destination"] else default
        manifest = backup(destination)
        total = sum(manifest["row_counts"].values())
        self.stdout.write(self.style.SUCCESS(f"backup written to {destination} ({total} rows)"))
