"""`suishin bench TARGET [options]`: run one app's benchmark (`suishin bench --help` lists them)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from suishin.devtools import benchmarks


class Command(BaseCommand):
    help = "Run a benchmark: " + "; ".join(
        f"{name}: {target.help}" for name, target in sorted(benchmarks.targets().items())
    )

    def add_arguments(self, parser: CommandParser) -> None:
        targets = parser.add_subparsers(dest="target", required=True)
        for name, target in sorted(benchmarks.targets().items()):
            target.add_arguments(targets.add_parser(name, help=target.help))

    def handle(self, *args: object, **options: Any) -> None:
        benchmarks.targets()[options["target"]].run(self, options)
