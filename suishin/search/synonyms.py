"""Query expansion with synonym groups and phrases (shipped list + administrators' entries)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from suishin.search.analysis import analyze, analyze_query, normalize
from suishin.search.choices import SearchTermKindChoices
from suishin.search.models import SearchTerm

_SHIPPED = Path(__file__).parent / "data" / "synonyms.txt"


@lru_cache(maxsize=1)
def _shipped_groups() -> tuple[tuple[str, ...], ...]:
    groups = []
    for line in _SHIPPED.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            groups.append(tuple(word.strip() for word in line.split(",") if word.strip()))
    return tuple(groups)


def _groups() -> list[tuple[str, ...]]:
    entries = SearchTerm.objects.filter(
        is_active=True, kind=SearchTermKindChoices.SYNONYM
    ).values_list("terms", flat=True)
    custom = [
        tuple(w.strip() for w in entry.replace("、", ",").split(",") if w.strip())
        for entry in entries
    ]
    return [*_shipped_groups(), *custom]


def expand(query: str) -> tuple[list[str], list[str], list[list[str]]]:
    """(terms of the query, added synonym terms, phrases found in the query)."""
    terms = analyze_query(query)
    normalized_query = normalize(query)
    added: list[str] = []
    for group in _groups():
        if any(normalize(word) in normalized_query for word in group):
            for word in group:
                for term in analyze(word):
                    if term not in terms and term not in added:
                        added.append(term)
    phrases = [
        analyze(entry)
        for entry in SearchTerm.objects.filter(
            is_active=True, kind=SearchTermKindChoices.PHRASE
        ).values_list("terms", flat=True)
        if normalize(entry) in normalized_query
    ]
    return terms, added, [phrase for phrase in phrases if len(phrase) > 1]
