"""`suishin eval localgovfaq|jsquad|custom --data DIR --system bm25,dense,hybrid,trigram`

Indexes a benchmark into a throwaway database through the real engine and prints retrieval
quality and latency per system, side by side. Benchmark files are read where they lie.
Other apps' evaluations (``suishin eval masking``) are registered in
``suishin.devtools.evaluations``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import override_settings

from suishin.devtools.evaluations import evaluations
from suishin.devtools.search import evaluation
from suishin.devtools.search.evaluation import throwaway_database

SYSTEMS = ("bm25", "dense", "hybrid", "trigram")
BENCHMARKS = ("localgovfaq", "jsquad", "custom")


class Command(BaseCommand):
    help = "Measure search quality on a benchmark (LocalgovFAQ, JSQuAD, or any corpus/queries/qrels JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("benchmark", choices=[*BENCHMARKS, *sorted(evaluations())])
        parser.add_argument(
            "--data", help="folder with the benchmark files (a labelled file for masking)"
        )
        parser.add_argument(
            "--system",
            default="bm25,dense,hybrid,trigram",
            help="comma-separated: " + ",".join(SYSTEMS),
        )
        parser.add_argument("--queries", help="custom: queries JSON {id: text}")
        parser.add_argument("--qrels", help="custom: qrels JSON {query id: {doc id: grade}}")
        parser.add_argument("--corpus", help="custom: corpus JSON {doc id: text}")
        parser.add_argument("--limit", type=int, help="evaluate only the first N judged queries")
        parser.add_argument(
            "--vector-cache", help="file that remembers passage vectors between runs"
        )

    def handle(self, *args: object, **options: Any) -> None:
        if options["benchmark"] not in BENCHMARKS:
            evaluations()[options["benchmark"]].run(self, options)
            return
        if not options["data"]:
            raise CommandError("--data is required for the search benchmarks")
        systems = [s.strip() for s in options["system"].split(",") if s.strip()]
        unknown = set(systems) - set(SYSTEMS)
        if unknown:
            raise CommandError(f"unknown system(s): {', '.join(sorted(unknown))}")
        data = Path(options["data"])
        benchmark = self._load(options, data)
        cache = (
            options["vector_cache"]
            or settings.SUISHIN_VECTOR_CACHE
            or str(settings.VAR_DIR / "cache" / "vectors.sqlite3")
        )
        with (
            override_settings(SUISHIN_VECTOR_CACHE=cache),
            tempfile.TemporaryDirectory() as workdir,
        ):
            reports = self._run(benchmark, systems, Path(workdir), options["limit"])
        self._print(benchmark, reports)

    def _load(self, options: dict[str, Any], data: Path) -> evaluation.Benchmark:
        try:
            if options["benchmark"] == "localgovfaq":
                return evaluation.load_localgovfaq(data)
            if options["benchmark"] == "jsquad":
                return evaluation.load_jsquad(data)
            if not (options["corpus"] and options["queries"] and options["qrels"]):
                raise CommandError("custom needs --corpus, --queries and --qrels")
            return evaluation.load_generic(
                data / options["corpus"], data / options["queries"], data / options["qrels"]
            )
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"cannot read the benchmark files in {data}: {error}") from error

    def _run(
        self, benchmark: evaluation.Benchmark, systems: list[str], workdir: Path, limit: int | None
    ) -> list[evaluation.SystemReport]:
        # A throwaway SQLite database with the real schema: the evaluation never touches live data.
        if connection.settings_dict["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "run the evaluation with the embedded SQLite settings (unset DATABASE_URL)"
            )
        with throwaway_database(workdir / "eval.sqlite3"):
            return self._measure(benchmark, systems, limit)

    def _measure(
        self, benchmark: evaluation.Benchmark, systems: list[str], limit: int | None
    ) -> list[evaluation.SystemReport]:
        from django.contrib.auth.models import AnonymousUser

        from suishin.core.choices import ClassificationChoices, OrganizationKindChoices
        from suishin.core.models import Organization, User
        from suishin.search import selectors
        from suishin.search.models import SearchDocument
        from suishin.search.services.index import (
            RawDocument,
            search_embed_pending,
            search_index_raw,
        )

        organization = Organization.objects.create(
            code="eval",
            name="eval",
            kind=OrganizationKindChoices.PREFECTURAL_GOVERNMENT,
            path="/1/",
        )
        user = User.objects.create(username="eval", unit=organization)
        type_key = f"eval.{benchmark.name}"
        self.stderr.write(f"indexing {len(benchmark.documents)} documents …")
        search_index_raw(
            [
                RawDocument(
                    type_key,
                    doc_id,
                    title,
                    parts,
                    organization.pk,
                    user.pk,
                    ClassificationChoices.PUBLIC,
                )
                for doc_id, (title, parts) in benchmark.documents.items()
            ]
        )
        id_map = dict(SearchDocument.objects.values_list("pk", "object_id"))
        if {"dense", "hybrid"} & set(systems):
            self.stderr.write("embedding (cached vectors are reused) …")
            search_embed_pending()
        anonymous = AnonymousUser()
        reports = []
        for system in systems:
            if system == "trigram":
                retrieve = self._trigram(benchmark)
            else:

                def retrieve(query: str, mode: str = system) -> list[str]:
                    ranked, _words = selectors.rank(
                        anonymous, query, types=[type_key], mode=mode, depth=100
                    )
                    return [id_map[doc_id] for doc_id, _score in ranked[:100]]

            self.stderr.write(f"running {system} …")
            reports.append(evaluation.evaluate(system, benchmark, retrieve, limit=limit))
        return reports

    def _trigram(self, benchmark: evaluation.Benchmark):
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE VIRTUAL TABLE eval_trigram USING fts5(doc_id UNINDEXED, title, body, tokenize='trigram')"
            )
            cursor.executemany(
                "INSERT INTO eval_trigram (doc_id, title, body) VALUES (%s, %s, %s)",
                [
                    (
                        doc_id,
                        evaluation.trigram_text(title),
                        evaluation.trigram_text(" ".join(text for text, _ in parts)),
                    )
                    for doc_id, (title, parts) in benchmark.documents.items()
                ],
            )

        def retrieve(query: str) -> list[str]:
            match = evaluation.trigram_query(query)
            if not match:
                return []
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT doc_id FROM eval_trigram WHERE eval_trigram MATCH %s ORDER BY bm25(eval_trigram, 0, 2.0, 1.0) LIMIT 100",
                    [match],
                )
                return [row[0] for row in cursor.fetchall()]

        return retrieve

    def _print(
        self, benchmark: evaluation.Benchmark, reports: list[evaluation.SystemReport]
    ) -> None:
        judged = reports[0].queries if reports else 0
        self.stdout.write(
            f"{benchmark.name}: {len(benchmark.documents)} documents, {judged} judged queries"
        )
        header = f"{'system':<10}{'nDCG@10':>9}{'Recall@10':>11}{'MRR@10':>9}{'Hit@1':>8}{'Hit@3':>8}{'Hit@10':>8}{'p50 ms':>9}{'p95 ms':>9}"
        self.stdout.write(header)
        for r in reports:
            self.stdout.write(
                f"{r.system:<10}{r.ndcg10:>9.4f}{r.recall10:>11.4f}{r.mrr10:>9.4f}{r.hit1:>8.4f}{r.hit3:>8.4f}{r.hit10:>8.4f}"
                f"{r.latency_p50_ms:>9.1f}{r.latency_p95_ms:>9.1f}"
            )
