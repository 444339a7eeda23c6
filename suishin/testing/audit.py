"""Doing to the audit table what its append-only triggers refuse, as a database owner who
disables them could: for tests that show such tampering is found."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

APPEND_ONLY = "core_auditentry_append_only"  # refuses UPDATE and DELETE
NO_TRUNCATE = "core_auditentry_no_truncate"


@contextmanager
def audit_triggers_disabled(*triggers: str) -> Iterator[Any]:
    """A cursor with the named triggers off (PostgreSQL; SQLite has none), back on after."""
    with connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        for trigger in triggers if postgres else ():
            cursor.execute(f"ALTER TABLE core_auditentry DISABLE TRIGGER {trigger}")
        try:
            yield cursor
        finally:
            for trigger in triggers if postgres else ():
                cursor.execute(f"ALTER TABLE core_auditentry ENABLE TRIGGER {trigger}")
