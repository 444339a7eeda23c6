"""Highlighted snippets: a window of the body around the first matching word, HTML-escaped,
with every matching word wrapped in <mark>."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from suishin.search.analysis import fold_kana

WINDOW = 120


def _matchable(text: str) -> str:
    # Same length as the input (NFKC can change lengths, so only per-character folds here).
    return fold_kana(
        "".join(
            unicodedata.normalize("NFKC", ch) if len(unicodedata.normalize("NFKC", ch)) == 1 else ch
            for ch in text
        )
    ).lower()


def snippet(text: str, words: list[str], *, window: int = WINDOW) -> SafeString:
    words = sorted({fold_kana(w.lower()) for w in words if w.strip()}, key=len, reverse=True)
    haystack = _matchable(text)
    if not words:
        return mark_safe(escape(text[:window]))  # noqa: S308 - escaped just above
    pattern = re.compile("|".join(re.escape(w) for w in words))
    first = pattern.search(haystack)
    start = 0 if first is None else max(0, first.start() - window // 3)
    end = min(len(text), start + window)
    pieces: list[str] = []
    position = start
    for match in pattern.finditer(haystack, start, end):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    pieces.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece escaped
