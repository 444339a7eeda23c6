"""Fixed SQL statements for the few reads that every request makes (its session, its user,
the user's roles, an app's change stamp such as the desk's). Every such statement is written
here, in core, and nowhere else.

The ORM composes and compiles a query anew each time it runs; for these one-table lookups that
cost several times what the database spent answering them, and every request pays it, the desk
queue's refresh every few seconds included. A statement here is written once per process from
the model's own table and column names, so it follows the schema; values are always bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from string import Formatter
from typing import Any

from django.db import connections, router
from django.db.models import Model


@cache
def fixed_statement(model: type[Model], alias: str, template: str) -> str:
    """``template`` with ``{table}``, ``{columns}`` (every concrete column, in field order) and
    ``{field_name}`` replaced by the quoted names of ``model`` on database ``alias``."""
    quote = connections[alias].ops.quote_name
    meta = model._meta
    names = {name for _, name, _, _ in Formatter().parse(template) if name}
    quoted: dict[str, str] = {}
    for name in names:
        if name == "table":
            quoted[name] = quote(meta.db_table)
        elif name == "columns":
            quoted[name] = ", ".join(quote(str(field.column)) for field in meta.concrete_fields)
        else:
            quoted[name] = quote(str(meta.get_field(name).column))  # type: ignore[union-attr]
    return template.format(**quoted)


def fetch_all(model: type[Model], template: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of a fixed statement on ``model``'s read database."""
    alias = router.db_for_read(model)
    with connections[alias].cursor() as cursor:
        cursor.execute(fixed_statement(model, alias, template), params)
        return cursor.fetchall()


def latest_change(model: type[Model]) -> object:
    """The greatest ``updated_at`` in ``model``'s table, in the database's own form (a string
    on SQLite): an app's change stamp, which is only compared, never read. The ORM took longer
    to compose this aggregate than the database to answer it, and a self-refreshing list asks
    for it every few seconds."""
    ((latest,),) = fetch_all(model, "SELECT MAX({updated_at}) FROM {table}", [])
    return latest
