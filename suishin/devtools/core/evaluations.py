"""``suishin eval masking``: recall and precision of the personal-data detector per kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from suishin.devtools.core import masking_eval
from suishin.devtools.evaluations import Evaluation, register

MASKING_SYSTEMS = {"rules": False, "ginza": True}


def _print(
    command: BaseCommand, title: str, report: masking_eval.MaskingReport, *, examples: bool
) -> None:
    command.stdout.write(f"{title}: {report.passages} passages, {report.seconds:.2f} s")
    command.stdout.write(
        f"{'kind':<13}{'labelled':>9}{'found':>7}{'recall':>9}{'predicted':>11}{'precision':>11}"
    )
    rows = [*report.scores.items(), ("all", masking_eval.totals(report))]
    for kind, score in rows:
        command.stdout.write(
            f"{kind:<13}{score.labelled:>9}{score.found:>7}{score.recall:>9.3f}"
            f"{score.predicted:>11}{score.precision:>11.3f}"
        )
    if not examples:
        # Held-out files are for measuring only: what was missed there is not shown, so that
        # nobody tunes the detector to them.
        command.stdout.write(
            f"  ({len(report.missed)} missed, {len(report.spurious)} spurious; not listed)"
        )
        return
    for text, entity in report.missed:
        command.stdout.write(f"  missed {entity.kind}: {entity.text} | {text}")
    for text, finding in report.spurious:
        command.stdout.write(f"  spurious {finding.kind}: {finding.text} | {text}")


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    if options.get("data"):
        files = [(str(options["data"]), Path(options["data"]), True)]
    else:
        files = [
            ("development corpus", masking_eval.CORPUS, True),
            *((f"held-out {path.name}", path, False) for path in masking_eval.HELD_OUT_FILES),
        ]
    requested = [s.strip() for s in str(options.get("system") or "").split(",") if s.strip()]
    systems = [s for s in requested if s in MASKING_SYSTEMS] or ["rules"]
    for system in systems:
        command.stdout.write(f"== detector: {system}")
        for title, path, examples in files:
            try:
                passages = masking_eval.load_corpus(path)
            except (OSError, ValueError) as error:
                raise CommandError(f"cannot read {path}: {error}") from error
            report = masking_eval.evaluate(passages, ner=MASKING_SYSTEMS[system])
            _print(command, title, report, examples=examples)


register(
    Evaluation(
        "masking",
        "Personal-data detection: recall and precision per kind on the labelled corpora "
        "(--system rules,ginza).",
        run,
    )
)
