"""`suishin bench initiatives`: initiatives and progress updates in a throwaway database (run it
on PostgreSQL: DATABASE_URL=postgres://…), then

- server time of the portfolio page of the largest institution (Django's test client, in
  process): p50 and p95 over several filter sets;
- the time to generate the annual execution-status report for every institution and the
  national aggregate, each as PDF and Excel.

Initiatives, KPIs and updates are written in bulk (the services would take hours); the pages
and reports read them through the real selectors.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from suishin.devtools.benchmarks import BenchTarget, describe, register

FILTERS = ["", "?sort=title", "?health=red", "?overdue=on", "?status=in_progress&sort=due"]


class _Bench:
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--initiatives", type=int, default=5000, help="in the largest institution"
        )
        parser.add_argument("--updates", type=int, default=60000, help="of the largest institution")
        parser.add_argument("--institutions", type=int, default=47)
        parser.add_argument(
            "--others", type=int, default=100, help="initiatives of each other institution"
        )
        parser.add_argument("--samples", type=int, default=50, help="requests per filter set")

    def handle(self, command: BaseCommand, options: dict[str, Any]) -> None:
        from django.conf import settings

        from suishin.devtools.benchmarks import bench_database

        # The test client's host name, in this process only.
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        with tempfile.TemporaryDirectory() as workdir, bench_database("initiatives", Path(workdir)):
            started = time.perf_counter()
            world = self._build(options)
            command.stdout.write(f"built in {time.perf_counter() - started:.1f} s")
            self._portfolio(command, world, options)
            self._reports(command, world)

    def _build(self, options: dict[str, Any]) -> dict[str, Any]:
        from suishin.core.choices import OrganizationKindChoices as Kind
        from suishin.core.choices import RoleChoices as Role
        from suishin.core.services.organizations import organization_create
        from suishin.core.services.users import user_create
        from suishin.initiatives.models import (
            Initiative,
            InitiativeCategory,
            Kpi,
            KpiValue,
            ProgressUpdate,
        )

        chooser = random.Random(6)  # noqa: S311 - benchmark data, not security
        categories = list(InitiativeCategory.objects.filter(institution__isnull=True))
        today = timezone.localdate()
        institutions = []
        secretariat = None
        for number in range(options["institutions"]):
            institution = organization_create(
                actor=None,
                code=f"pref-{number}",
                name=f"県{number:02d}警察",
                kind=Kind.PREFECTURAL_POLICE,
            )
            unit = organization_create(
                actor=None,
                code=f"pref-{number}-keimu",
                name="警務課",
                kind=Kind.DIVISION,
                parent=institution,
            )
            owner = user_create(
                actor=None,
                username=f"owner{number}",
                password="Bench-Password-Long-2026",  # noqa: S106 - a throwaway benchmark database
                unit=unit,
                roles=[Role.OFFICER, Role.INITIATIVE_OWNER],
            )
            if number == 0:
                secretariat = user_create(
                    actor=None,
                    username="secretariat0",
                    password="Bench-Password-Long-2026",  # noqa: S106 - a throwaway benchmark database
                    unit=unit,
                    roles=[Role.OFFICER, Role.SECRETARIAT],
                )
            institutions.append((institution, unit, owner))
        rows = []
        for number, (_institution, unit, owner) in enumerate(institutions):
            count = options["initiatives"] if number == 0 else options["others"]
            for index in range(count):
                start = today - timedelta(days=chooser.randint(30, 700))
                rows.append(
                    Initiative(
                        title=f"取組{number}-{index}",
                        category=chooser.choice(categories),
                        owner=owner,
                        goal="業務の効率化を図る。",
                        status=chooser.choice(
                            ["planned", "in_progress", "in_progress", "completed"]
                        ),
                        health=chooser.choice(["green", "green", "amber", "red"]),
                        start_date=start,
                        hours_saved_per_year=chooser.randint(0, 5000),
                        cost_yen_per_year=chooser.randint(0, 5_000_000),
                        next_update_due=today + timedelta(days=chooser.randint(-60, 30)),
                        organization=unit,
                        created_by=owner,
                    )
                )
        Initiative.objects.bulk_create(rows, batch_size=2000)
        initiatives = list(
            Initiative.objects.values_list("pk", "start_date", "organization__institution_id")
        )
        Kpi.objects.bulk_create(
            [
                Kpi(
                    initiative_id=pk,
                    name="達成率",
                    unit="percent",
                    baseline=Decimal(10),
                    baseline_date=start,
                    target=Decimal(90),
                    target_date=start + timedelta(days=730),
                )
                for pk, start, _inst in initiatives
            ],
            batch_size=2000,
        )
        kpi_of = dict(Kpi.objects.values_list("initiative_id", "pk"))
        largest = [(pk, start) for pk, start, inst in initiatives if inst == institutions[0][0].pk]
        per = max(1, options["updates"] // max(1, len(largest)))
        updates = []
        for pk, start in largest:
            for month in range(per):
                updates.append(
                    ProgressUpdate(
                        initiative_id=pk,
                        period_end=start + timedelta(days=30 * (month + 1)),
                        done="計画どおり実施した。",
                        health="green",
                        created_by=institutions[0][2],
                    )
                )
        ProgressUpdate.objects.bulk_create(updates, batch_size=5000)
        values = [
            KpiValue(
                update_id=update_pk,
                kpi_id=kpi_of[initiative_pk],
                value=Decimal(chooser.randint(10, 95)),
            )
            for update_pk, initiative_pk in ProgressUpdate.objects.values_list(
                "pk", "initiative_id"
            )
        ]
        KpiValue.objects.bulk_create(values, batch_size=5000)
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return {
            "secretariat": secretariat,
            "institutions": institutions,
            "initiatives": len(rows),
            "updates": len(updates),
        }

    def _portfolio(
        self, command: BaseCommand, world: dict[str, Any], options: dict[str, Any]
    ) -> None:
        from django.test import Client

        from suishin.testing.personas import sign_in

        client = sign_in(Client(), world["secretariat"])
        warm = client.get("/initiatives/portfolio/")
        if warm.status_code != 200:
            raise RuntimeError(f"unexpected status {warm.status_code}")
        timings = []
        for query in FILTERS:
            for _ in range(options["samples"]):
                started = time.perf_counter()
                response = client.get("/initiatives/portfolio/" + query)
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"unexpected status {response.status_code}")
        summary = describe(timings)
        command.stdout.write(
            f"portfolio ({world['initiatives']} initiatives in all, {world['updates']} updates): "
            f"n={summary['n']} p50={summary['p50']:.1f} ms p95={summary['p95']:.1f} ms"
        )

    def _reports(self, command: BaseCommand, world: dict[str, Any]) -> None:
        from suishin.core.choices import DateStyleChoices
        from suishin.initiatives.report import build_report
        from suishin.initiatives.report_documents import report_pdf, report_xlsx

        year = timezone.localdate().year - (1 if timezone.localdate().month < 4 else 0)
        started = time.perf_counter()
        for institution, _unit, owner in world["institutions"]:
            report = build_report(
                user=owner, fiscal_year=year, institution=institution, now=timezone.now()
            )
            report_pdf(report, date_style=DateStyleChoices.JAPANESE_ERA)
            report_xlsx(report, date_style=DateStyleChoices.JAPANESE_ERA)
        national = build_report(
            user=world["secretariat"], fiscal_year=year, institution=None, now=timezone.now()
        )
        report_pdf(national, date_style=DateStyleChoices.JAPANESE_ERA)
        report_xlsx(national, date_style=DateStyleChoices.JAPANESE_ERA)
        elapsed = time.perf_counter() - started
        command.stdout.write(
            f"annual reports: {len(world['institutions'])} institutions and the national aggregate, "
            f"PDF and Excel each, in {elapsed:.1f} s"
        )


_bench = _Bench()
register(
    BenchTarget(
        name="initiatives",
        help="Portfolio page and annual reports over many initiatives and updates.",
        add_arguments=_bench.add_arguments,
        run=_bench.handle,
    )
)
