"""The menu's entries. Each app declares its own in its ``navigation.py`` with a group and a
weight (``register``); the menu lists them group by group, lightest first, so an app adds an
entry without knowing the others' positions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class Group(IntEnum):
    """The menu's groups, in the order they are shown (the value is the group's weight)."""

    # What officers and responders use every day.
    DAILY_WORK = 100
    # The reform programmes' bodies, initiatives and shared cases.
    INITIATIVES = 200
    # What the institution reads: what others shared, the desk's state, notices, search.
    OVERVIEW = 300
    # One's own settings, auditing and the administrators' pages.
    ADMINISTRATION = 400


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    roles: tuple[str, ...] = ()
    group: Group = Group.DAILY_WORK
    weight: int = 0

    def visible_for(self, role_set: frozenset[str]) -> bool:
        return not self.roles or bool(role_set.intersection(self.roles))


_ITEMS: dict[str, NavItem] = {}
_menu: tuple[NavItem, ...] | None = None


def register(*items: NavItem) -> None:
    """Add menu entries (an entry registered twice under one address is kept once)."""
    global _menu
    for item in items:
        _ITEMS[item.url_name] = item
    _menu = None


def menu() -> tuple[NavItem, ...]:
    """Every entry, by group, then weight, then address (so equal weights stay stable);
    sorted once, since entries are registered only while the process starts."""
    global _menu
    if _menu is None:
        _menu = tuple(
            sorted(_ITEMS.values(), key=lambda item: (item.group, item.weight, item.url_name))
        )
    return _menu
