"""Rules that narrow who may open some of a record's files.

A stored file is readable exactly when the record it is attached to is (core.selectors); an
app may narrow that for some files of one of its models (an inquiry's internal notes are for
the desk only; a meeting's material may be stricter than the meeting). The app registers its
rule when it starts (its ``AppConfig.ready``); the rule lives in the app's access module or
selectors, never on the model, which computes only from its own row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model

from suishin.core.models import StoredFile

# (user, record, stored file) -> may the user open it?
FileRule = Callable[[Any, Any, StoredFile], bool]

_RULES: dict[type[Model], list[FileRule]] = {}


def register_file_rule(model: type[Model], rule: FileRule) -> None:
    """Add ``rule`` for the files of ``model`` (and of its proxies); every rule registered for
    a model must allow a file. Registering the same rule again changes nothing."""
    rules = _RULES.setdefault(model._meta.concrete_model or model, [])
    if rule not in rules:
        rules.append(rule)


def file_rules_for(model: type[Model]) -> list[FileRule]:
    return list(_RULES.get(model._meta.concrete_model or model, ()))


def may_read_file(user: Any, record: Model, stored: StoredFile) -> bool:
    """What the record's app says of this file; a model with no rule narrows nothing."""
    return all(rule(user, record, stored) for rule in file_rules_for(type(record)))
