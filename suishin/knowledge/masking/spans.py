"""What every recogniser returns: a span of the normalised text, its kind, and why."""

from __future__ import annotations

import bisect
from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int
    kind: str
    reason: str


class Morpheme(NamedTuple):
    """One Sudachi word of the normalised text."""

    start: int
    end: int
    surface: str
    pos: tuple[str, ...]
    unknown: bool

    @property
    def is_person(self) -> bool:
        return self.pos[0] == "名詞" and self.pos[2] == "人名"

    @property
    def is_place(self) -> bool:
        return self.pos[0] == "名詞" and self.pos[2] == "地名"


def words_between(words: list[Morpheme], start: int, end: int) -> list[Morpheme]:
    """The words lying wholly within ``start``..``end``, found by halving (the words are in
    order): rules ask this once per candidate, and scanning every word each time made long
    texts cost the square of their length."""
    first = bisect.bisect_left(words, start, key=lambda word: word.start)
    found = []
    for word in words[first:]:
        if word.start >= end:
            break
        if word.end <= end:
            found.append(word)
    return found


def word_at(words: list[Morpheme], position: int) -> Morpheme | None:
    """The word holding the character at ``position``."""
    index = bisect.bisect_right(words, position, key=lambda word: word.start) - 1
    if index < 0 or words[index].end <= position:
        return None
    return words[index]
