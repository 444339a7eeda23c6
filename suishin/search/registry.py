"""Searchable types. Each app declares its own in its ``search.py``; search needs no change.

from suishin.search.registry import SearchableType, register

register(SearchableType(
    model=Article, key="knowledge.article", label=_("Knowledge"),
    title=lambda a: a.title, body=lambda a: [(a.question, 2.0), (a.answer, 1.0)],
    facets=lambda a: {"category": a.category}, url=lambda a: a.get_absolute_url(),
))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models


@dataclass(frozen=True)
class SearchableType:
    """How one model is indexed. ``body`` yields (text, weight) pairs: a field with weight 2 counts
    twice in the lexical index (a question field weighing more than its answer, say)."""

    model: type[models.Model]
    key: str
    label: Any
    title: Callable[[Any], str]
    body: Callable[[Any], Iterable[tuple[str, float]]]
    url: Callable[[Any], str]
    facets: Callable[[Any], dict[str, str]] = lambda record: {}
    date: Callable[[Any], datetime | None] = lambda record: getattr(record, "updated_at", None)
    # What the dense model reads; by default the title and the body fields, in order.
    dense_text: Callable[[Any], str] | None = None
    queryset: Callable[[], models.QuerySet[Any]] | None = field(default=None)
    # Whether one saved record belongs in the index (an inquiry only once it is answered, say);
    # must agree with ``queryset``.
    indexable: Callable[[Any], bool] = lambda record: True
    # The business record whose owner, classification and sharing decide who may find this
    # one: the record itself, or (for a section of a manual) the record it belongs to. A type
    # that borrows them re-indexes its records itself when the owner's sharing changes.
    access_source: Callable[[Any], Any] = lambda record: record
    # Found only by readers outside the owning institution: the shared copy of a record that
    # its own institution finds as the record itself.
    outsiders_only: bool = False

    def records(self) -> models.QuerySet[Any]:
        return self.queryset() if self.queryset else self.model._default_manager.all()


_TYPES: dict[str, SearchableType] = {}


def register(searchable: SearchableType) -> SearchableType:
    if searchable.key in _TYPES and _TYPES[searchable.key].model is not searchable.model:
        raise ValueError(f"search type {searchable.key!r} is registered twice")
    _TYPES[searchable.key] = searchable
    return searchable


def types() -> dict[str, SearchableType]:
    return dict(_TYPES)


def for_model(model: type[models.Model]) -> SearchableType | None:
    return next((t for t in _TYPES.values() if t.model is model), None)


def get(key: str) -> SearchableType | None:
    return _TYPES.get(key)
