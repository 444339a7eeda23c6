"""Retrieval evaluation on public benchmark files (read from outside the repository).

Metrics follow the published LocalgovFAQ table: nDCG@10 with linear gain rel/log2(i+1) over the
graded qrels (as Elasticsearch's rank-eval API computes it), Recall@10 over documents graded
>= 1, MRR@10, Hit@1/3/10, and per-query latency. Every system indexes and searches through the
real engine; the one outside baseline (SQLite FTS5 trigram) is built beside it.
"""

from __future__ import annotations

import json
import math
import statistics
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from suishin.core.quantiles import nearest_rank


@dataclass
class Benchmark:
    """Documents (id -> (title, [(text, weight)])), queries (id -> text), qrels (id -> {doc: grade})."""

    name: str
    documents: dict[str, tuple[str, list[tuple[str, float]]]]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def _json(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def load_localgovfaq(
    directory: Path, *, answer_weight: float = 1.0, question_weight: float = 2.0
) -> Benchmark:
    """Each FAQ entry is 'Question: …\\nAnswer: …': the question is the title and weighs more."""
    documents = {}
    for doc_id, text in _json(directory / "corpus.json").items():
        question, _, answer = text.partition("\nAnswer:")
        question = question.removeprefix("Question:").strip()
        documents[doc_id] = (
            question,
            [(question, question_weight), (answer.strip(), answer_weight)],
        )
    return Benchmark(
        "localgovfaq",
        documents,
        {k: v for k, v in _json(directory / "queries-dev.json").items()},
        {
            k: {d: int(g) for d, g in v.items()}
            for k, v in _json(directory / "qrels-dev.json").items()
        },
    )


def load_jsquad(directory: Path) -> Benchmark:
    """JSQuAD as question -> paragraph retrieval: the paragraph holding the answer is relevant."""
    documents: dict[str, tuple[str, list[tuple[str, float]]]] = {}
    queries: dict[str, str] = {}
    qrels: dict[str, dict[str, int]] = {}
    data = _json(directory / "valid-v1.3.json")["data"]
    for article_index, article in enumerate(data):
        for paragraph_index, paragraph in enumerate(article["paragraphs"]):
            doc_id = f"{article_index}-{paragraph_index}"
            context = paragraph["context"]
            documents[doc_id] = (article["title"], [(context, 1.0)])
            for qa in paragraph["qas"]:
                queries[qa["id"]] = qa["question"]
                qrels[qa["id"]] = {doc_id: 1}
    return Benchmark("jsquad", documents, queries, qrels)


def load_generic(corpus: Path, queries: Path, qrels: Path, name: str = "custom") -> Benchmark:
    documents = {}
    for doc_id, text in _json(corpus).items():
        first, _, rest = text.partition("\n")
        documents[doc_id] = (first[:200], [(text, 1.0)])
    return Benchmark(
        name,
        documents,
        _json(queries),
        {k: {d: int(g) for d, g in v.items()} for k, v in _json(qrels).items()},
    )


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    dcg = sum(grades.get(doc, 0) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    relevant = {doc for doc, g in grades.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    for i, doc in enumerate(ranked[:k]):
        if grades.get(doc, 0) >= 1:
            return 1.0 / (i + 1)
    return 0.0


def hit_at(ranked: list[str], grades: dict[str, int], k: int) -> float:
    return 1.0 if any(grades.get(doc, 0) >= 1 for doc in ranked[:k]) else 0.0


@dataclass
class SystemReport:
    system: str
    queries: int = 0
    ndcg10: float = 0.0
    recall10: float = 0.0
    mrr10: float = 0.0
    hit1: float = 0.0
    hit3: float = 0.0
    hit10: float = 0.0
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    per_query: dict[str, list[str]] = field(default_factory=dict, repr=False)


def evaluate(
    system: str,
    benchmark: Benchmark,
    retrieve: Callable[[str], list[str]],
    *,
    limit: int | None = None,
) -> SystemReport:
    """Run every judged query through ``retrieve`` (query text -> ranked document ids)."""
    report = SystemReport(system)
    latencies: list[float] = []
    sums = dict.fromkeys(("ndcg10", "recall10", "mrr10", "hit1", "hit3", "hit10"), 0.0)
    judged = [qid for qid in benchmark.queries if benchmark.qrels.get(qid)]
    for qid in judged[:limit]:
        started = time.perf_counter()
        ranked = retrieve(benchmark.queries[qid])
        latencies.append((time.perf_counter() - started) * 1000)
        grades = benchmark.qrels[qid]
        report.per_query[qid] = ranked[:10]
        sums["ndcg10"] += ndcg_at(ranked, grades)
        sums["recall10"] += recall_at(ranked, grades)
        sums["mrr10"] += reciprocal_rank_at(ranked, grades)
        sums["hit1"] += hit_at(ranked, grades, 1)
        sums["hit3"] += hit_at(ranked, grades, 3)
        sums["hit10"] += hit_at(ranked, grades, 10)
    report.queries = len(latencies)
    if latencies:
        for name, total in sums.items():
            setattr(report, name, total / len(latencies))
        ordered = sorted(latencies)
        report.latency_p50_ms = statistics.median(ordered)
        report.latency_p95_ms = nearest_rank(ordered, 0.95) or 0.0
    return report


def trigram_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def trigram_query(text: str) -> str:
    """OR of the query's character trigrams, each quoted (FTS5 trigram needs 3+ characters)."""
    normalized = "".join(trigram_text(text).split())
    grams = list(dict.fromkeys(normalized[i : i + 3] for i in range(max(0, len(normalized) - 2))))
    return " OR ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


@contextmanager
def throwaway_database(path: Path, *, keep: bool = False) -> Iterator[None]:
    """Point the default connection at a new SQLite database with the full schema, then back.
    Evaluations and benchmarks never touch live data. With ``keep``, an existing file at
    ``path`` is reused (migrated to the current schema) and left in place afterwards, so that a
    large benchmark corpus is built once and measured again after a change."""
    from django.conf import settings
    from django.db import connection

    from suishin.search import vectors

    settings_dict = connection.settings_dict
    test_settings = settings_dict.setdefault("TEST", {})
    original_name, original_test_name = settings_dict["NAME"], test_settings.get("NAME")
    original_ann_dir = settings.SUISHIN_ANN_DIR
    # The approximate vector index belongs to its database: beside it, never the live one.
    settings.SUISHIN_ANN_DIR = path.with_name(f"{path.stem}-ann")
    vectors.clear_cache()
    test_settings["NAME"] = str(path)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=keep)
    try:
        yield
    finally:
        if keep:
            connection.close()
            settings_dict["NAME"] = original_name
        else:
            connection.creation.destroy_test_db(original_name, verbosity=0)
        test_settings["NAME"] = original_test_name
        settings.SUISHIN_ANN_DIR = original_ann_dir
        vectors.clear_cache()
