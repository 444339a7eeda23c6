"""What every recogniser returns: a span of the normalised text, its kind, and why."""

from __future__ import annotations

import bisect
from typing import NamedTuple

# What follows a name to honour the person (佐藤さん, 秋山様, ほのかちゃん); titles are the rules'.
HONORIFICS = ("さん", "さま", "様", "ちゃん", "くん", "君", "氏", "殿")


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
    found = []
    index = bisect.bisect_left(words, start, key=lambda word: word.start)
    while index < len(words) and words[index].start < end:
        if words[index].end <= end:
            found.append(words[index])
        index += 1
    return found


def word_at(words: list[Morpheme], position: int) -> Morpheme | None:
    """The word holding the character at ``position``."""
    index = bisect.bisect_right(words, position, key=lambda word: word.start) - 1
    if index < 0 or words[index].end <= position:
        return None
    return words[index]
