"""What every recogniser returns: a span of the normalised text, its kind, and why."""

from __future__ import annotations

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
