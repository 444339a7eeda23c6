"""Sessions kept in the database exactly as Django's own backend keeps them, read with one
fixed statement (see ``suishin.core.statements``): every request reads its session. Writing,
rotating and deleting sessions stay Django's."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from suishin.core.statements import fetch_all

LOAD = "SELECT {session_data} FROM {table} WHERE {session_key} = %s AND {expire_date} > %s"


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        ops = connections[router.db_for_read(self.model)].ops
        rows = fetch_all(
            self.model, LOAD, [self.session_key, ops.adapt_datetimefield_value(timezone.now())]
        )
        if not rows:
            # Unknown or expired: as with Django's backend, the next save makes a new key.
            self._session_key = None
            return {}
        return self.decode(rows[0][0])
