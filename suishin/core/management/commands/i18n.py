"""Compile translation catalogues without GNU gettext, and check they are complete and current."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def _catalogues() -> list[Path]:
    return sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))


class Command(BaseCommand):
    help = "Translation catalogues: `compile` writes .mo files, `check` fails if any is stale or incomplete."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["compile", "check"])

    def handle(self, *args: object, **options: object) -> None:
        problems = []
        for po_path in _catalogues():
            catalogue = polib.pofile(str(po_path))
            mo_path = po_path.with_suffix(".mo")
            if options["action"] == "compile":
                catalogue.save_as_mofile(str(mo_path))
                self.stdout.write(f"compiled {mo_path}")
                continue
            missing = [
                entry.msgid for entry in catalogue if not entry.translated() and not entry.obsolete
            ]
            if missing:
                problems.append(f"{po_path}: {len(missing)} untranslated, e.g. {missing[0]!r}")
            fresh = po_path.with_suffix(".check.mo")
            catalogue.save_as_mofile(str(fresh))
            stale = not mo_path.exists() or mo_path.read_bytes() != fresh.read_bytes()
            fresh.unlink()
            if stale:
                problems.append(f"{mo_path} is out of date: run `make messages`")
        if problems:
            raise CommandError("\n".join(problems))
        if options["action"] == "check":
            self.stdout.write(self.style.SUCCESS("translation catalogues complete and compiled"))
