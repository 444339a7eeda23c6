"""`suishin bench search --docs N`: build a synthetic Japanese corpus of N documents in a
throwaway database and report indexing rate, embedding rate, query latency (hybrid, with the
query embedding) and peak memory.

Embedding every document of a large corpus would take hours on a CPU, so the embedding rate is
measured on a sample and the vectors of that sample are reused, cyclically, for the rest
(``--unique-vectors``). Lexical indexing always runs for every document.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from suishin.core.quantiles import nearest_rank
from suishin.devtools.benchmarks import BenchTarget, register
from suishin.devtools.search.evaluation import throwaway_database


class SearchBench:
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--docs", type=int, default=10_000)
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument(
            "--unique-vectors", type=int, default=1000, help="documents actually embedded"
        )
        parser.add_argument(
            "--database",
            help="keep the corpus in this SQLite file and reuse it on the next run with the "
            "same --docs, so that query latency is measured again without rebuilding",
        )

    def handle(self, command: BaseCommand, options: dict[str, Any]) -> None:
        self.stdout, self.stderr = command.stdout, command.stderr
        if connection.settings_dict["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "run the benchmark with the embedded SQLite settings (unset DATABASE_URL)"
            )
        if not settings.SUISHIN_VECTOR_CACHE:
            settings.SUISHIN_VECTOR_CACHE = str(settings.VAR_DIR / "cache" / "vectors.sqlite3")
        with tempfile.TemporaryDirectory(dir=settings.VAR_DIR) as workdir:
            kept = options.get("database")
            path = Path(kept).resolve() if kept else Path(workdir) / "bench.sqlite3"
            with throwaway_database(path, keep=bool(kept)):
                self._run(options)

    def _run(self, options: dict[str, Any]) -> None:
        from suishin.core.choices import ClassificationChoices, OrganizationKindChoices
        from suishin.core.models import Organization, User
        from suishin.devtools.search import synthetic
        from suishin.search.embeddings import get_embedder
        from suishin.search.models import SearchDocument
        from suishin.search.services.index import RawDocument, search_index_raw

        docs, unique = options["docs"], min(options["unique_vectors"], options["docs"])
        if SearchDocument.objects.filter(type_key="bench.doc").count() == docs:
            self.stderr.write(f"  reusing the corpus of {docs} documents in the kept database")
            self._measure(options, reused=True)
            return
        if SearchDocument.objects.exists():
            raise CommandError("the kept database holds another corpus: remove it or pick --docs")
        institutions = [
            Organization.objects.create(
                code=f"bench{i}",
                name=f"県{i}",
                kind=OrganizationKindChoices.PREFECTURAL_POLICE,
                path=f"/{i + 1}/",
            )
            for i in range(3)
        ]
        for organization in institutions:
            organization.institution = organization
            organization.save(update_fields=["institution"])
        author = User.objects.create(username="bench", unit=institutions[0])

        started = time.perf_counter()
        batch = 2000
        for start in range(0, docs, batch):
            items = []
            for index in range(start, min(docs, start + batch)):
                title, body = synthetic.document(index)
                items.append(
                    RawDocument(
                        "bench.doc",
                        str(index),
                        title,
                        [(body, 1.0)],
                        institutions[index % 3].pk,
                        author.pk,
                        ClassificationChoices.INTERNAL,
                    )
                )
            search_index_raw(items)
            self.stderr.write(f"  indexed {min(docs, start + batch)}/{docs}")
        lexical_seconds = time.perf_counter() - started
        self.stdout.write(
            f"lexical indexing: {docs / lexical_seconds:,.0f} documents/s ({lexical_seconds:.1f} s)"
        )

        sample = [synthetic.document(i) for i in range(unique)]
        ids = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
        embed_rate = attach_reused_vectors(ids, sample)
        self.stdout.write(f"embedding: {embed_rate:.1f} documents/s ({get_embedder().name})")
        User.objects.create(username="bench-reader", unit=institutions[0])
        self._measure(options, reused=False)

    def _measure(self, options: dict[str, Any], *, reused: bool) -> None:
        from suishin.core.models import User
        from suishin.devtools.search import synthetic
        from suishin.search import selectors

        user = User.objects.get(username="bench-reader")
        selectors.search(user, synthetic.query(0))  # warm the vector index and the tokenizer
        latencies = []
        for i in range(options["queries"]):
            started = time.perf_counter()
            selectors.search(user, synthetic.query(i), k=10)
            latencies.append((time.perf_counter() - started) * 1000)
        latencies.sort()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        unique = min(options["unique_vectors"], options["docs"])
        self.stdout.write(
            f"documents: {options['docs']}  (vectors: {unique} embedded, reused for the rest"
            f"{'; corpus reused from the kept database' if reused else ''})"
        )
        self.stdout.write(
            f"query latency (hybrid, {len(latencies)} queries, incl. query embedding): "
            f"p50 {statistics.median(latencies):.1f} ms, p95 {nearest_rank(latencies, 0.95):.1f} ms"
        )
        self.stdout.write(f"peak memory: {peak_mb:,.0f} MB")


def attach_reused_vectors(document_ids: list[int], sample: list[tuple[str, str]]) -> float:
    """Embed ``sample`` (title, body pairs) for real and give every document one of those
    vectors, cyclically, with a little noise; return the measured embedding rate (documents/s).
    A CPU embeds tens of documents a second: a corpus of 100,000 would take hours."""
    from suishin.search.choices import VectorSlotChoices
    from suishin.search.embeddings import cached_passages, get_embedder, to_blob
    from suishin.search.models import DocumentVector

    embedder = get_embedder()
    unique = len(sample)
    full_texts = [f"{title}\n{body}"[:1000] for title, body in sample]
    started = time.perf_counter()
    probe = full_texts[: min(100, unique)]
    embedder.passages(probe)
    embed_rate = len(probe) / (time.perf_counter() - started)
    slots = {
        VectorSlotChoices.FULL: cached_passages(embedder, full_texts),
        VectorSlotChoices.TITLE: cached_passages(embedder, [title for title, _body in sample]),
    }
    rng = np.random.default_rng(7)
    written_from = timezone.now() - timedelta(days=30)
    for start in range(0, len(document_ids), 5000):
        rows = []
        for offset, doc_id in enumerate(document_ids[start : start + 5000]):
            for slot, vectors in slots.items():
                base = vectors[(start + offset) % unique]
                noisy = base + rng.normal(0, 0.02, base.shape).astype(np.float32)
                rows.append(
                    DocumentVector(
                        document_id=doc_id,
                        slot=slot,
                        model_name=embedder.name,
                        content_hash="bench",
                        vector=to_blob(noisy / np.linalg.norm(noisy)),
                    )
                )
        DocumentVector.objects.bulk_create(rows, batch_size=2000)
        # A real collection's vectors were written over months, not in the last minutes: dated
        # back, a minute apart per chunk, they fall in the approximate index's build instead of
        # its exact delta of recent writes.
        DocumentVector.objects.filter(document_id__in=document_ids[start : start + 5000]).update(
            updated_at=written_from + timedelta(minutes=start // 5000)
        )
    return embed_rate


_bench = SearchBench()
register(
    BenchTarget(
        name="search",
        help="search on a synthetic corpus (--docs N)",
        add_arguments=_bench.add_arguments,
        run=_bench.handle,
    )
)
