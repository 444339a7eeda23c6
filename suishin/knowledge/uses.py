"""Where an article's uses are recorded. Knowledge knows no app above it: the desk registers
its model of references (an inquiry that linked an article in its answer, or was solved by
it) at start-up. The model has the fields ``type_key`` and ``object_id`` (the item used, as
a search document names it), ``kind`` ("solved" when it solved the question) and
``created_at``. Without one, no article counts as used."""

from __future__ import annotations

from django.db.models import Model

_model: list[type[Model]] = []


def register_use_model(model: type[Model]) -> None:
    _model[:] = [model]


def use_model() -> type[Model] | None:
    return _model[0] if _model else None
