"""Finding personal data in Japanese text and replacing it with typed placeholders.

Used before anything leaves its institution (a shared article, a 横展開 case, a notice) and
while people type. The text is normalised once (``normalize``); Presidio runs the Japanese
recognisers of this package over it (``engine``); each finding is traced back to the
characters actually written, so the placeholder covers exactly those. A placeholder is never
detected again, so masking twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking.numbers import my_number_is_valid

__all__ = [
    "PLACEHOLDERS",
    "Finding",
    "apply_masks",
    "find_personal_data",
    "mask",
    "my_number_is_valid",
]

PLACEHOLDERS: dict[str, str] = {
    Kind.NAME: "［氏名］",
    Kind.ADDRESS: "［住所］",
    Kind.PHONE: "［電話番号］",
    Kind.EMAIL: "［メールアドレス］",
    Kind.BIRTH_DATE: "［生年月日］",
    Kind.MY_NUMBER: "［個人番号］",
    Kind.LICENCE: "［免許証番号］",
    Kind.PLATE: "［車両番号］",
    Kind.CASE_NUMBER: "［事件番号］",
}
_PLACEHOLDER = re.compile("|".join(re.escape(text) for text in PLACEHOLDERS.values()))


@dataclass(frozen=True, order=True)
class Finding:
    """One piece of personal data: where it is in the original text, what kind, the text."""

    start: int
    end: int
    kind: str
    text: str
    reason: str = ""

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.kind]

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end


def find_personal_data(
    text: str,
    *,
    known: Iterable[tuple[str, str]] = (),
    thorough: bool = False,
    ner: bool | None = None,
) -> list[Finding]:
    """Every piece of personal data in ``text``, in order, without overlaps.

    ``known`` are (phrase, kind) pairs an institution's editors added by hand before; they are
    found wherever they are written. ``thorough`` is for text about to leave the institution:
    GiNZA's named-entity model runs too (setting ``SUISHIN_MASKING_NER``), at a cost measured
    in docs/benchmarks.md; warnings while typing and health scores use the fast detector.
    ``ner`` decides it outright (the evaluation compares both).
    """
    from suishin.core.masking.engine import analyze, ner_enabled
    from suishin.core.masking.lexicon import KnownWordsRecognizer
    from suishin.core.masking.normalize import normalize

    if not text.strip():
        return []
    normalized = normalize(text)
    known = list(known)
    extra = [KnownWordsRecognizer(known)] if known else []
    protected = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    findings: list[Finding] = []
    use_ner = ner if ner is not None else thorough and ner_enabled()
    for span in analyze(normalized.text, extra=extra, ner=use_ner):
        start, end = normalized.original_span(span.start, span.end)
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end <= start or any(start < p_end and p_start < end for p_start, p_end in protected):
            continue
        findings.append(Finding(start, end, span.kind, text[start:end], span.reason))
    return findings


def apply_masks(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding replaced by its placeholder."""
    parts: list[str] = []
    position = 0
    for finding in sorted(findings):
        if finding.start < position or text[finding.start : finding.end] != finding.text:
            continue  # stale or overlapping: the text changed since it was found
        parts.append(text[position : finding.start])
        parts.append(finding.placeholder)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def mask(text: str, *, known: Iterable[tuple[str, str]] = (), thorough: bool = False) -> str:
    return apply_masks(text, find_personal_data(text, known=known, thorough=thorough))
