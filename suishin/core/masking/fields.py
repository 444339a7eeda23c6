"""Masking a record of several fields (an article's, a 横展開 case's) as one: a value found in
one field is replaced wherever else it stands in the record, so a name caught in the summary
is not left readable in the title."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from suishin.core.masking import Finding, apply_masks, find_personal_data


def values_to_spread(findings: Iterable[Finding]) -> list[tuple[str, str]]:
    """(text, kind) of the findings to look for in every field. Single characters (林, 関) are
    too common to replace everywhere: only where they were found."""
    return sorted({(f.text, f.kind) for f in findings if len(f.text) >= 2})


def find_phrases(text: str, phrases: Iterable[tuple[str, str]]) -> list[Finding]:
    """Every place each (phrase, kind) is written in ``text``, as written."""
    return [
        Finding(match.start(), match.end(), kind, phrase)
        for phrase, kind in phrases
        for match in re.finditer(re.escape(phrase), text)
    ]


def merge_overlapping(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Overlapping findings become one that covers them all (the kind of the first), so no
    character of any of them is left readable."""
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        last = merged[-1] if merged else None
        if last is not None and finding.start < last.end:
            end = max(last.end, finding.end)
            merged[-1] = Finding(last.start, end, last.kind, text[last.start : end])
        else:
            merged.append(finding)
    return merged


def mask_fields(
    texts: Mapping[str, str], *, known: Iterable[tuple[str, str]] = (), thorough: bool = False
) -> dict[str, str]:
    """Each field with every finding of the record replaced by its placeholder."""
    known = list(known)
    found = {
        name: find_personal_data(text, known=known, thorough=thorough)
        for name, text in texts.items()
    }
    everywhere = values_to_spread(f for findings in found.values() for f in findings)
    return {
        name: apply_masks(
            text, merge_overlapping(text, found[name] + find_phrases(text, everywhere))
        )
        for name, text in texts.items()
    }
