"""`suishin bench desk`: a desk of N inquiries and M messages in a throwaway database (run it on
PostgreSQL: DATABASE_URL=postgres://…), then

- server time of the desk pages (suggestions while typing, queue, inquiry page, submission),
  measured in process with Django's test client: p50 and p95;
- sustained throughput of a multi-process server (gunicorn) under a mix of desk pages, with
  the load generated on the same machine.

Inquiries are written in bulk (the services would take hours for 100,000), their search
documents through the search index's bulk path, and vectors as the search benchmark does:
a sample is embedded for real and reused for the rest.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from suishin.devtools.benchmarks import BenchTarget, bench_database, describe, register
from suishin.devtools.desk.load import DeskMix, python_load, wrk_load

CATEGORY_DIVISIONS = ["生活安全", "刑事", "交通", "警備", "地域", "警務", "情報通信", "会計"]
MESSAGE_TEXTS = [
    "担当課で確認しています。",
    "関係規程を確認のうえ回答します。",
    "補足です。現場の状況は落ち着いています。",
    "要領の該当条項に基づき処理してください。",
    "課長補佐に確認済み（内部メモ）。",
]


QUEUE_FILTERS = [{}, {"status": "open"}, {"urgency": "urgent", "status": "open"}]


class DeskBench:
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--inquiries", type=int, default=100_000)
        parser.add_argument("--messages", type=int, default=500_000)
        parser.add_argument("--samples", type=int, default=200, help="requests per page")
        parser.add_argument("--unique-vectors", type=int, default=1000)
        parser.add_argument("--duration", type=int, default=30, help="seconds of load")
        parser.add_argument("--workers", type=int, default=4, help="server processes")
        parser.add_argument("--clients", type=int, default=24, help="concurrent clients")
        parser.add_argument(
            "--load",
            choices=["auto", "wrk", "python"],
            default="auto",
            help="load generator: wrk when installed (it costs the two cores little), "
            "else Python threads",
        )
        parser.add_argument(
            "--keep", action="store_true", help="keep the benchmark database (PostgreSQL) to study"
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="measure the database an earlier --keep run left instead of building one",
        )

    def handle(self, command: BaseCommand, options: dict[str, Any]) -> None:
        self.out = command.stdout
        self.err = command.stderr
        import tempfile

        if (options["keep"] or options["reuse"]) and connection.vendor != "postgresql":
            raise CommandError("--keep and --reuse need PostgreSQL (DATABASE_URL=postgres://…).")
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        with (
            tempfile.TemporaryDirectory(dir=settings.VAR_DIR) as workdir,
            bench_database(
                "desk", Path(workdir), keep=options["keep"], reuse=options["reuse"]
            ) as database_url,
        ):
            world = self._kept_world() if options["reuse"] else self._build(options)
            # Pages measured in process render static URLs from the collected files.
            call_command("collectstatic", "--noinput", verbosity=0)
            self._server_time(world, options)
            self._throughput(world, options, database_url, Path(workdir))

    # --- data -----------------------------------------------------------------------------
    def _build(self, options: dict[str, Any]) -> dict[str, Any]:
        from django.contrib.auth.hashers import make_password
        from django.utils import timezone

        from suishin.core.choices import ClassificationChoices
        from suishin.core.choices import OrganizationKindChoices as Kind
        from suishin.core.choices import RoleChoices as Role
        from suishin.core.services.organizations import organization_create
        from suishin.core.services.users import user_create
        from suishin.desk.choices import InquiryStatusChoices, MessageKindChoices
        from suishin.desk.models import Inquiry, InquiryMessage
        from suishin.desk.selectors import categories_for
        from suishin.desk.services.configuration import (
            duty_shift_create,
            queue_create,
            routing_rule_create,
        )
        from suishin.devtools.search import synthetic
        from suishin.devtools.search.bench import attach_reused_vectors
        from suishin.search.models import SearchDocument
        from suishin.search.services.index import RawDocument, search_index_raw

        started = time.perf_counter()
        total, messages_wanted = options["inquiries"], options["messages"]

        def org(code: str, name: str, kind: str, parent: Any = None) -> Any:
            return organization_create(actor=None, code=code, name=name, kind=kind, parent=parent)

        pref = org("bench-pref", "ベンチ県警察", Kind.PREFECTURAL_POLICE)
        hq = org("bench-hq", "ベンチ県警察本部", Kind.POLICE_HEADQUARTERS, pref)
        divisions = [
            org(f"bench-div{i}", f"{name}担当課", Kind.DIVISION, hq)
            for i, name in enumerate(CATEGORY_DIVISIONS)
        ]
        boxes = []
        for i in range(20):
            station = org(f"bench-st{i}", f"第{i}警察署", Kind.POLICE_STATION, pref)
            boxes += [
                org(f"bench-st{i}-{j}", f"第{i}署交番{j}", Kind.POLICE_BOX, station)
                for j in range(2)
            ]
        password_hash = make_password("Bench-Password-2026")

        def person(username: str, unit: Any, *roles: str) -> Any:
            return user_create(
                actor=None,
                username=username,
                password="",
                password_hash=password_hash,
                unit=unit,
                roles=roles,
            )

        officers = [person(f"officer{i}", boxes[i % len(boxes)], Role.OFFICER) for i in range(200)]
        responders = [
            person(f"responder{i}", divisions[i % len(divisions)], Role.OFFICER, Role.RESPONDER)
            for i in range(2 * len(divisions))
        ]
        categories = {c.name: c for c in categories_for(pref.pk)}
        queues = []
        now = timezone.now()
        for division, name in zip(divisions, CATEGORY_DIVISIONS, strict=True):
            queue = queue_create(actor=None, division=division)
            queues.append(queue)
            routing_rule_create(
                actor=None, institution=pref, queue=queue, category=categories[name]
            )
        routing_rule_create(actor=None, institution=pref, queue=queues[5])
        for index, responder in enumerate(responders):
            duty_shift_create(
                actor=None,
                queue=queues[index % len(queues)],
                responder=responder,
                starts_at=now - timedelta(hours=1),
                ends_at=now + timedelta(hours=12),
            )
        self.err.write(f"  organizations and people: {time.perf_counter() - started:.1f} s")

        # auto_now_add would stamp every generated row with "now"; the history needs its dates.
        created_field = Inquiry._meta.get_field("created_at")
        created_field.auto_now_add = False
        rng = random.Random(2026)  # noqa: S311 - benchmark data
        category_list = [categories[name] for name in CATEGORY_DIVISIONS]
        per_inquiry = max(1, messages_wanted // max(1, total))
        span = timedelta(days=365)
        open_from = int(total * 0.98)
        try:
            for start in range(0, total, 5000):
                rows = []
                for index in range(start, min(total, start + 5000)):
                    officer = officers[index % len(officers)]
                    category_index = index % len(category_list)
                    created = now - span + span * index / total
                    title, body = synthetic.document(index)
                    answered = index < open_from
                    responded = created + timedelta(minutes=rng.randint(3, 300))
                    rows.append(
                        Inquiry(
                            organization=officer.unit,
                            classification=ClassificationChoices.INTERNAL,
                            created_by=officer,
                            created_at=created,
                            category=category_list[category_index],
                            urgency="urgent" if index % 7 == 0 else "normal",
                            status=(
                                InquiryStatusChoices.RESOLVED
                                if answered
                                else rng.choice(
                                    [InquiryStatusChoices.NEW, InquiryStatusChoices.IN_PROGRESS]
                                )
                            ),
                            queue=queues[category_index],
                            assignee=responders[category_index + len(divisions) * (index % 2)],
                            assigned_at=created,
                            clock_started_at=created,
                            first_response_due=created + timedelta(minutes=240),
                            resolution_due=created + timedelta(days=3),
                            first_responded_at=responded if answered else None,
                            answered_at=responded if answered else None,
                            resolved_at=responded + timedelta(hours=2) if answered else None,
                            subject=title[:200],
                            body=body,
                            last_activity_at=responded,
                        )
                    )
                Inquiry.objects.bulk_create(rows, batch_size=1000)
                self.err.write(f"  inquiries {min(total, start + 5000)}/{total}")
        finally:
            created_field.auto_now_add = True

        kinds = [
            MessageKindChoices.REPLY,
            MessageKindChoices.FOLLOW_UP,
            MessageKindChoices.REPLY,
            MessageKindChoices.NOTE,
            MessageKindChoices.EVENT,
        ]
        inquiry_rows = Inquiry.objects.order_by("pk").values_list(
            "pk", "created_at", "assignee_id", "created_by_id"
        )
        batch: list[InquiryMessage] = []
        written = 0
        for pk, created, assignee_id, asker_id in inquiry_rows.iterator(chunk_size=5000):
            for n in range(per_inquiry):
                kind = kinds[n % len(kinds)]
                batch.append(
                    InquiryMessage(
                        inquiry_id=pk,
                        kind=kind,
                        author_id=asker_id if kind == MessageKindChoices.FOLLOW_UP else assignee_id,
                        body=MESSAGE_TEXTS[n % len(MESSAGE_TEXTS)],
                        created_at=created + timedelta(minutes=10 * (n + 1)),
                    )
                )
            if len(batch) >= 20_000:
                InquiryMessage.objects.bulk_create(batch, batch_size=5000)
                written += len(batch)
                batch = []
                self.err.write(f"  messages {written}")
        InquiryMessage.objects.bulk_create(batch, batch_size=5000)
        written += len(batch)
        build_seconds = time.perf_counter() - started

        started = time.perf_counter()
        answered_rows = list(
            Inquiry.objects.filter(answered_at__isnull=False)
            .order_by("pk")
            .values_list("pk", "subject", "body", "organization_id", "created_by_id")
        )
        for start in range(0, len(answered_rows), 2000):
            search_index_raw(
                [
                    RawDocument(
                        "desk.inquiry",
                        str(pk),
                        subject,
                        [(body, 2.0), (MESSAGE_TEXTS[0] + MESSAGE_TEXTS[1], 1.0)],
                        organization_id,
                        asker_id,
                        ClassificationChoices.INTERNAL,
                        url=f"/desk/{pk}/",
                    )
                    for pk, subject, body, organization_id, asker_id in answered_rows[
                        start : start + 2000
                    ]
                ]
            )
            self.err.write(
                f"  indexed {min(len(answered_rows), start + 2000)}/{len(answered_rows)}"
            )
        if connection.vendor == "postgresql":
            # What autovacuum does after a bulk load: fresh planner statistics (the search
            # engine reads its term frequencies from them).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        documents = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
        unique = min(options["unique_vectors"], len(documents))
        attach_reused_vectors(documents, [synthetic.document(i) for i in range(unique)])
        index_seconds = time.perf_counter() - started

        self.out.write(
            f"database: {connection.vendor}; inquiries: {total:,}; messages: {written:,}; "
            f"answered and indexed: {len(answered_rows):,}"
        )
        self.out.write(
            f"build: {build_seconds:.0f} s; search index and vectors: {index_seconds:.0f} s"
        )
        open_ids = list(
            Inquiry.objects.filter(answered_at__isnull=True).values_list("pk", flat=True)[:500]
        )
        all_ids = [pk for pk, *_rest in answered_rows[-5000:]] + open_ids
        return {
            "officers": officers,
            "responders": responders,
            "categories": category_list,
            "inquiry_ids": all_ids,
            "password": "Bench-Password-2026",
        }

    def _kept_world(self) -> dict[str, Any]:
        """The people and inquiries of a database an earlier run built (see ``_build``)."""
        from suishin.core.models import User
        from suishin.desk.models import Inquiry, InquiryCategory

        officers = list(User.objects.filter(username__startswith="officer"))
        officers.sort(key=lambda user: int(user.username.removeprefix("officer")))
        responders = list(User.objects.filter(username__startswith="responder"))
        responders.sort(key=lambda user: int(user.username.removeprefix("responder")))
        if not officers or not responders:
            raise CommandError(
                "No benchmark database to reuse: run once with --keep (database suishin_bench_desk)."
            )
        categories = {
            category.name: category
            for category in InquiryCategory.objects.filter(institution__isnull=True)
        }
        answered = Inquiry.objects.filter(answered_at__isnull=False).order_by("-pk")
        open_ids = list(
            Inquiry.objects.filter(answered_at__isnull=True).values_list("pk", flat=True)[:500]
        )
        self.out.write(
            f"database: {connection.vendor}, kept by an earlier run; inquiries: "
            f"{Inquiry.objects.count():,}"
        )
        return {
            "officers": officers,
            "responders": responders,
            "categories": [categories[name] for name in CATEGORY_DIVISIONS],
            "inquiry_ids": list(answered.values_list("pk", flat=True)[:5000])[::-1] + open_ids,
            "password": "Bench-Password-2026",
        }

    # --- server time, in process ----------------------------------------------------------
    def _server_time(self, world: dict[str, Any], options: dict[str, Any]) -> None:
        from django.core.cache import cache
        from django.test import Client

        from suishin.devtools.search import synthetic
        from suishin.testing.personas import sign_in

        samples = options["samples"]
        rng = random.Random(7)  # noqa: S311 - benchmark sampling
        officer = sign_in(Client(), world["officers"][0])
        responder = sign_in(Client(), world["responders"][0])

        def timed(call: Any) -> float:
            started = time.perf_counter()
            response = call()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code not in (200, 204, 302):
                raise RuntimeError(f"unexpected status {response.status_code}")
            return elapsed

        def signature() -> str:
            page = responder.get("/desk/queue/", HTTP_HX_REQUEST="true").content.decode()
            found = re.search(r'name="since" value="([^"]+)"', page)
            return found.group(1) if found else ""

        fresh_signatures: dict[int, str] = {}

        def changed(call: Any) -> Any:
            def after_a_change(i: int) -> Any:
                cache.clear()
                return call(i)

            return after_a_change

        typed_bodies = _typed_bodies()
        pages: dict[str, Any] = {
            "suggestions while typing": lambda i: officer.post(
                "/desk/suggest/?context=ask",
                {"subject": synthetic.query(i)},
                HTTP_HX_REQUEST="true",
            ),
            # The masking warning on what an officer has typed so far (about 600 characters).
            "privacy warning": lambda i: officer.post(
                "/desk/privacy-check/",
                {"subject": synthetic.query(i), "body": typed_bodies[i % len(typed_bodies)]},
                HTTP_HX_REQUEST="true",
            ),
            # "Changed": the desk changed since the rows were last drawn, so they are drawn
            # again (the kept rows are dropped before each request); "kept": nothing changed.
            "queue page (changed)": changed(
                lambda i: responder.get("/desk/queue/", QUEUE_FILTERS[i % 3])
            ),
            "queue page (kept)": lambda i: responder.get("/desk/queue/", QUEUE_FILTERS[i % 3]),
            "queue refresh (changed)": changed(
                lambda i: responder.get("/desk/queue/", HTTP_HX_REQUEST="true")
            ),
            "queue refresh (unchanged)": lambda i: responder.get(
                "/desk/queue/", {"since": fresh_signatures.get(i, "")}, HTTP_HX_REQUEST="true"
            ),
            "inquiry page": lambda i: responder.get(f"/desk/{rng.choice(world['inquiry_ids'])}/"),
            "my inquiries (changed)": changed(lambda i: officer.get("/desk/")),
            "submission": lambda i: sign_in(Client(), world["officers"][i % 200]).post(
                "/desk/new/",
                {
                    "category": world["categories"][i % 8].pk,
                    "urgency": "normal",
                    "subject": synthetic.query(i),
                    "body": "ベンチマークの照会です。手続を教えてください。",
                    "classification": "2",
                },
            ),
        }
        self.out.write(f"server time, {samples} requests per page (in process):")
        for name, call in pages.items():
            for i in range(5):
                call(10_000 + i)  # warm caches, the tokenizer and the vector matrix
            count = samples // 2 if name == "submission" else samples
            latencies = []
            for i in range(count):
                if name == "queue refresh (unchanged)":
                    # The stamp changes every minute: read it just before, outside the timing.
                    fresh_signatures[i] = signature()
                latencies.append(timed(lambda i=i, call=call: call(i)))
            figures = describe(latencies)
            self.out.write(
                f"  {name:26s} p50 {figures['p50']:6.1f} ms   p95 {figures['p95']:6.1f} ms"
            )

    # --- throughput, multi-process server -------------------------------------------------
    def _throughput(
        self, world: dict[str, Any], options: dict[str, Any], database_url: str, workdir: Path
    ) -> None:
        from suishin.core.auth_backend import BACKEND_PATH
        from suishin.core.middleware import SESSION_MFA_DONE
        from suishin.core.sessions import SessionStore

        def session_for(user: Any) -> str:
            store = SessionStore()
            store["_auth_user_id"] = str(user.pk)
            store["_auth_user_backend"] = BACKEND_PATH
            store["_auth_user_hash"] = user.get_session_auth_hash()
            store[SESSION_MFA_DONE] = True
            store.create()
            return str(store.session_key)

        cookies = {
            "responder": [session_for(user) for user in world["responders"][:8]],
            "officer": [session_for(user) for user in world["officers"][:16]],
        }
        port = 18000 + os.getpid() % 1000
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SUISHIN_ANN_DIR": str(settings.SUISHIN_ANN_DIR),
            "SUISHIN_LOG_LEVEL": "WARNING",
        }
        log = (workdir / "server.log").open("w")
        # The server runs with production settings: static files collected and hashed by its own
        # storage (the measuring process may use another, as the test suite does).
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "suishin.cli", "collectstatic", "--noinput"],
            env=env,
            check=True,
            capture_output=True,
        )
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "suishin.cli",
                "serve",
                "--no-worker",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(options["workers"]),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310 - loopback
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError((workdir / "server.log").read_text()) from None
                    time.sleep(0.3)
            mix = DeskMix(port, settings.SESSION_COOKIE_NAME, cookies, world["inquiry_ids"])
            generator = options["load"]
            if generator == "auto":
                generator = "wrk" if shutil.which("wrk") else "python"
            result = (wrk_load if generator == "wrk" else python_load)(
                mix, options["clients"], options["duration"], workdir
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        self.out.write(
            f"throughput ({options['workers']} server processes, {options['clients']} clients, "
            f"{result.seconds:.0f} s, load from {result.generator}; mix: 60% queue refresh, "
            "20% inquiry page, 10% queue page, 10% my inquiries): "
            f"{result.requests / result.seconds:.0f} requests/s, errors {result.errors}, "
            f"latency p50 {result.p50_ms:.0f} ms, p95 {result.p95_ms:.0f} ms"
        )


_bench = DeskBench()
register(
    BenchTarget(
        name="desk",
        help="the inquiry desk's pages and throughput (--inquiries N --messages M)",
        add_arguments=_bench.add_arguments,
        run=_bench.handle,
    )
)


def _typed_bodies(count: int = 50, length: int = 600) -> list[str]:
    """Questions as officers type them, personal data included: corpus passages run together."""
    from suishin.devtools.core.masking_eval import load_corpus

    passages = [p.text for p in load_corpus()]
    bodies = []
    for start in range(count):
        body = ""
        for text in passages[start * 7 :]:
            body += text
            if len(body) >= length:
                break
        bodies.append(body[:length])
    return bodies
