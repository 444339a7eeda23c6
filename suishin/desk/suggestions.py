"""Knowledge suggested while an officer types a question: articles, what other institutions
shared (their confirmed snapshots), manual sections and answered inquiries the officer may
open, best first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from suishin.search import registry
from suishin.search.analysis import normalize
from suishin.search.selectors import SearchResults, search

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from suishin.core.models import User

# In this order of preference when the knowledge module registers its types.
SUGGESTED_TYPES = (
    "knowledge.article",
    "core.shared_snapshot",
    "knowledge.manual_section",
    "desk.inquiry",
)
SUGGESTIONS = 5
# The subject says what is asked; the start of the body adds the situation.
BODY_CHARS = 300


def suggested_types() -> list[str]:
    registered = registry.types()
    return [key for key in SUGGESTED_TYPES if key in registered]


def suggest(user: User | AnonymousUser, subject: str, body: str) -> SearchResults | None:
    text = f"{subject.strip()[:200]} {body.strip()[:BODY_CHARS]}".strip()
    if len(text) < 2:
        return None
    results = search(user, text, types=suggested_types(), k=SUGGESTIONS * 3, with_facets=False)
    # The same question asked and answered many times would fill the list: show it once,
    # by its best-ranked answer, and leave room for other items.
    seen: set[str] = set()
    distinct = []
    for hit in results.hits:
        key = normalize(hit.title)
        if key not in seen:
            seen.add(key)
            distinct.append(hit)
    results.hits = distinct[:SUGGESTIONS]
    return results
