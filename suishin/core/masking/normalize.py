"""One normalisation before detection, with every character traced back to the original.

Officers type the same number many ways: full-width digits, ー or ｰ or ― as the dash, a
full-width space, half-width katakana. Detection runs on NFKC text in which every dash-like
character between two digits or letters, or between one and a kanji, becomes "-"; each
normalised character remembers the span of original characters it came from, so a
placeholder covers exactly what was written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Dashes and long-vowel marks that people type between digits (090ー1234, 1ｰ2ｰ3).
_DASHES = frozenset("-‐‑‒–—―−ー﹣－ｰ─━")
_VOICED_MARKS = frozenset("\u3099\u309a")
_KANJI = re.compile(r"[一-龥々]")
_ENCLOSED = re.compile("[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")


@dataclass(frozen=True)
class Normalized:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind the normalised ``text[start:end]``."""
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> Normalized:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        # Circled and bracketed numbers and letters (①, ⑵, ⓐ) number a list; folded they
        # would join the number after them (①819997605739 is not thirteen digits).
        folded = "※" if _ENCLOSED.match(char) else unicodedata.normalize("NFKC", char)
        if folded in _VOICED_MARKS and chars:
            # ｶﾞ is two characters; the mark joins the kana before it (ガ).
            joined = unicodedata.normalize("NFC", chars[-1] + folded)
            if len(joined) == 1:
                chars[-1] = joined
                ends[-1] = index + 1
                continue
        for piece in folded or " ":
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    for i in range(1, len(chars) - 1):
        if chars[i] in _DASHES and _joins(chars[i - 1], chars[i + 1]):
            chars[i] = "-"
    return Normalized("".join(chars), tuple(starts), tuple(ends))


def _joins(before: str, after: str) -> bool:
    """A dash between two letters or digits, or between one and a kanji (R6ー生安ー8851): after
    katakana the same mark lengthens a vowel."""
    ascii_before = before.isascii() and before.isalnum()
    ascii_after = after.isascii() and after.isalnum()
    return (ascii_before and ascii_after) or (
        (ascii_before or ascii_after) and bool(_KANJI.match(before) or _KANJI.match(after))
    )
