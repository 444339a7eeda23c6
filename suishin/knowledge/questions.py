"""Where revision candidates find their questions. Knowledge knows no app above it: the desk
registers its inquiries as the source at start-up (``register_question_source`` in its
``apps.ready``); without one, no candidates are found."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Protocol

from suishin.core.models import User


class Question(Protocol):
    """A question one reader may open (the source's own record)."""

    @property
    def pk(self) -> int: ...

    @property
    def subject(self) -> str: ...

    def get_absolute_url(self) -> str: ...


class QuestionSource(Protocol):
    # The search type of the source's records (e.g. "desk.inquiry"): how a revision proposal
    # names the questions that motivated it.
    type_key: str

    def recent(
        self, since: datetime.datetime, institution_id: int | None, limit: int
    ) -> dict[int, list[tuple[int, str]]]:
        """(pk, text) of the questions asked since ``since``, oldest first, by institution
        (only ``institution_id``'s when given), at most ``limit`` per institution."""

    def readable(self, user: User, pks: Iterable[int]) -> dict[int, Question]:
        """The questions of ``pks`` that ``user`` may open, by pk."""

    def latest_answer(self, questions: list[Question]) -> str:
        """The newest answer given to any of these questions ("" when none)."""


_source: list[QuestionSource] = []


def register_question_source(source: QuestionSource) -> None:
    _source[:] = [source]


def question_source() -> QuestionSource | None:
    return _source[0] if _source else None
