"""Which institution (prefectural police, national agency, prefectural government) a person
belongs to, read the same way by every app."""

from __future__ import annotations

from typing import Any


def institution_id_of(user: Any) -> int | None:
    """The institution of the user's current unit; None for anonymous users and people
    without a unit (a transfer takes effect on the next request, as everywhere)."""
    unit = getattr(user, "unit", None)
    return unit.institution_id if unit is not None else None
