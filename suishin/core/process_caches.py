"""What each process keeps for itself, and one way to forget all of it.

Besides Django's cache (the rendered fragments, see core/fragments.py), a few modules keep
answers in module state because asking again costs more than the answer is worth: the search
vectors and their approximate index, the lexical index's term counts. Each registers how to
empty its own (``register_process_cache``); ``reset_process_caches`` empties them all, as a
process that starts now would be. The test suite calls it before every test, so no test
reaches into a module's private state to reset it.

Caches of what never changes while a process runs (the Sudachi dictionary, the holiday
calendar, the shipped synonyms) are not registered: nothing could make them wrong.
"""

from __future__ import annotations

from collections.abc import Callable

_CLEARERS: list[Callable[[], None]] = []


def register_process_cache(clear: Callable[[], None]) -> Callable[[], None]:
    if clear not in _CLEARERS:
        _CLEARERS.append(clear)
    return clear


def reset_process_caches() -> None:
    from django.core.cache import cache

    cache.clear()
    for clear in _CLEARERS:
        clear()
