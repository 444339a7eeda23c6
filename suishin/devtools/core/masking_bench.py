"""`suishin bench masking`: time and memory of the personal-data detector on articles of 2,000
characters, with the fast detector (warnings while typing, health scores) and with GiNZA (text
that leaves the institution).

The articles are built from the development corpus (labels removed), 2,000 characters each, so
they are as dense with personal data as the text officers write. Each detector is run once to
load its models, then timed on every article; memory is the process's peak resident size
after loading, read from the operating system.
"""

from __future__ import annotations

import resource
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from suishin.devtools.benchmarks import BenchTarget, describe, register

ARTICLE_CHARS = 2000


def _add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--articles", type=int, default=50, help="articles to time (default 50)")


def _articles(count: int) -> list[str]:
    from suishin.devtools.core import masking_eval

    text = "".join(passage.text for passage in masking_eval.load_corpus())
    articles = []
    for index in range(count):
        start = (index * 997) % max(1, len(text) - ARTICLE_CHARS)
        articles.append(text[start : start + ARTICLE_CHARS])
    return articles


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(command: BaseCommand, options: dict[str, Any]) -> None:
    from suishin.core.masking import find_personal_data
    from suishin.core.masking.persons import pipeline

    articles = _articles(options["articles"])
    command.stdout.write(
        f"{len(articles)} articles of {ARTICLE_CHARS} characters; "
        f"peak memory before the detector: {_peak_mb():.0f} MB"
    )
    command.stdout.write(f"{'detector':<8}{'load s':>8}{'p50 ms':>9}{'p95 ms':>9}{'peak MB':>9}")
    for label, ner in (("rules", False), ("ginza", True)):
        began = time.perf_counter()
        find_personal_data("読み込み", ner=ner)
        if ner:
            pipeline()  # GiNZA is loaded the first time a text has a word left to read
        loaded = time.perf_counter() - began
        latencies = []
        for article in articles:
            began = time.perf_counter()
            find_personal_data(article, ner=ner)
            latencies.append((time.perf_counter() - began) * 1000)
        stats = describe(latencies)
        command.stdout.write(
            f"{label:<8}{loaded:>8.2f}{stats['p50']:>9.1f}{stats['p95']:>9.1f}{_peak_mb():>9.0f}"
        )


register(
    BenchTarget(
        name="masking",
        help="Personal-data detector: time per 2,000-character article and peak memory.",
        add_arguments=_add_arguments,
        run=_run,
    )
)
