"""Rendered lists kept for one state of the records they show (Django's cache framework).

The desk is the first user: every responder's queue asks every few seconds whether anything
changed, responders go back to the queue all day, and officers reload their list to see
whether they were answered. Rendering those rows (a query for the page, one for the count, a
few dozen rows of badges and dates) was most of the cost of each request. A rendered list is
kept under a key that holds everything it depends on:

- the app's change stamp (the desk's ``desk_signature``): any record added or updated, and
  every minute, since due times turn overdue with the clock alone;
- the user and what decides their access (unit and its place in the tree, roles), so a user
  moved to another unit or given other roles never sees a list rendered for the old access;
- the request's filters and page, the language and the user's date style.

A key that holds all of that needs no invalidation: a change makes a new key, and old ones
expire. What a stamp does not see (for the desk: edits of its settings, of the roster and of
the organization tree) shows within the minute, as the overdue badges always did.

Each process keeps its own entries (see CACHES in the settings and ADR 0003).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from suishin.core.models import User

T = TypeVar("T")

# Longer than the stamp's minute; an entry whose stamp has passed is never asked for again.
FRAGMENT_TTL_SECONDS = 120


def fragment_key(
    name: str,
    request: HttpRequest,
    user: User,
    signature: str,
    params: Iterable[str] = (),
    access: Iterable[str] = (),
) -> str:
    """The key of list ``name`` as ``user`` sees it now, for the request's ``params`` and
    page. The key holds the user's unit, institution and roles; an app whose access depends on
    more (KCS roles, seats on a body, named readers) passes what decides it as ``access``, or a
    list drawn for one access could be shown under another."""
    unit = user.unit
    parts = [
        name,
        signature,
        str(user.pk),
        unit.path if unit is not None else "-",
        str(unit.institution_id if unit is not None else "-"),
        ",".join(sorted(user.role_set)),
        translation.get_language() or "",
        str(user.date_style),
        *(f"{param}={request.GET.get(param, '')}" for param in (*params, "page")),
        *access,
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"fragment:{name}:{digest}"


def cached(key: str, compute: Callable[[], T]) -> T:
    """What ``compute`` gives, kept under ``key`` (made by ``fragment_key``)."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FRAGMENT_TTL_SECONDS)
    return value


def cached_fragment(key: str, render: Callable[[], str]) -> SafeString:
    html = cached(key, lambda: str(render()))
    # Only rendered template output is stored under these keys.
    return mark_safe(html)  # noqa: S308
