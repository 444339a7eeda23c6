"""PostgreSQL must keep Japanese words in text search (a UTF-8 LC_CTYPE, e.g. C.UTF-8)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register
from django.db import connections


@register(Tags.database)
def postgresql_keeps_japanese_words(
    app_configs: Any, databases: Any = None, **kwargs: Any
) -> list[Error]:
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_tsvector('simple', %s)::text", ["検索 問い合わせ"])
            tokens = cursor.fetchone()[0]
        if "検索" not in tokens:
            errors.append(
                Error(
                    "PostgreSQL drops Japanese words in text search.",
                    hint="Create the database with a UTF-8 LC_CTYPE, e.g. C.UTF-8 or ja_JP.UTF-8.",
                    id="search.E001",
                )
            )
    return errors
