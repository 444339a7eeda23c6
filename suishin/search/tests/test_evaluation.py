"""The evaluation harness: metric definitions and an end-to-end run on a small corpus."""

from __future__ import annotations

import json
import math
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from suishin.devtools.search.evaluation import (
    hit_at,
    ndcg_at,
    recall_at,
    reciprocal_rank_at,
    trigram_query,
)


def test_ndcg_uses_linear_gain_over_the_ideal_ordering() -> None:
    grades = {"a": 2, "b": 1}
    assert ndcg_at(["a", "b"], grades) == pytest.approx(1.0)
    swapped = (1 / math.log2(2) + 2 / math.log2(3)) / (2 / math.log2(2) + 1 / math.log2(3))
    assert ndcg_at(["b", "a"], grades) == pytest.approx(swapped)
    assert ndcg_at(["x"] * 10 + ["a"], grades) == 0.0, "only the first ten count"


def test_recall_mrr_and_hits() -> None:
    grades = {"a": 2, "b": 1, "c": 1}
    ranked = ["x", "b", "y", "a"]
    assert recall_at(ranked, grades) == pytest.approx(2 / 3)
    assert reciprocal_rank_at(ranked, grades) == pytest.approx(0.5)
    assert (hit_at(ranked, grades, 1), hit_at(ranked, grades, 3)) == (0.0, 1.0)


def test_trigram_queries_are_quoted() -> None:
    assert trigram_query('ab"c') == '"ab""" OR "b""c"'
    assert trigram_query("ab") == ""


SQLITE_ONLY = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="evaluations and benchmarks run on a throwaway SQLite database",
)


@SQLITE_ONLY
def test_the_eval_command_runs_every_system_on_custom_files(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    corpus = {
        "1": "遺失物の届出について\n落とし物を拾ったら交番に届けてください。",
        "2": "運転免許証の更新\n更新は誕生日の前後一か月に運転免許センターで行います。",
        "3": "粗大ごみの出し方\n事前に申し込み、収集日に指定の場所へ出してください。",
    }
    queries = {
        "q1": "財布を拾ったときはどうすればいい",
        "q2": "免許の更新はいつ",
        "q3": "大きな家具を捨てたい",
    }
    qrels = {"q1": {"1": 2}, "q2": {"2": 2}, "q3": {"3": 2}}
    for name, content in (
        ("corpus.json", corpus),
        ("queries.json", queries),
        ("qrels.json", qrels),
    ):
        (tmp_path / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    with django_db_blocker.unblock():
        call_command(
            "eval",
            "custom",
            "--data",
            str(tmp_path),
            "--corpus",
            "corpus.json",
            "--queries",
            "queries.json",
            "--qrels",
            "qrels.json",
            "--system",
            "bm25,dense,hybrid,trigram",
            "--vector-cache",
            str(tmp_path / "vectors.sqlite3"),
            stdout=out,
            stderr=StringIO(),
        )
    lines = out.getvalue().splitlines()
    assert lines[0] == "custom: 3 documents, 3 judged queries"
    rows = {line.split()[0]: [float(x) for x in line.split()[1:]] for line in lines[2:]}
    assert set(rows) == {"bm25", "dense", "hybrid", "trigram"}
    assert rows["hybrid"][0] > 0.5, "nDCG@10 of the hybrid system on an easy corpus"


def test_missing_files_and_unknown_systems_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        call_command("eval", "localgovfaq", "--data", str(tmp_path))
    with pytest.raises(CommandError, match="unknown system"):
        call_command("eval", "localgovfaq", "--data", str(tmp_path), "--system", "bm25,magic")


@SQLITE_ONLY
def test_the_bench_command_reports_every_figure(
    django_db_blocker: Any, tmp_path: Path, settings: Any
) -> None:
    settings.SUISHIN_VECTOR_CACHE = str(tmp_path / "vectors.sqlite3")
    out = StringIO()
    with django_db_blocker.unblock():
        call_command(
            "bench",
            "search",
            "--docs",
            "300",
            "--unique-vectors",
            "10",
            "--queries",
            "5",
            stdout=out,
            stderr=StringIO(),
        )
    report = out.getvalue()
    for figure in ("lexical indexing:", "embedding:", "query latency", "p95", "peak memory:"):
        assert figure in report
