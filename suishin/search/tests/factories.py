"""Search's records for tests: the administrators' vocabulary. The records that are searched
are other apps' (``suishin.core.tests.factories.make_notice`` and the like)."""

from __future__ import annotations

from suishin.search.choices import SearchTermKindChoices
from suishin.search.models import SearchTerm


def make_search_term(terms: str, *, kind: str = SearchTermKindChoices.SYNONYM) -> SearchTerm:
    """A synonym group (words separated by commas) or a phrase, active at once. Written
    directly: the service's own rules are tested apart."""
    return SearchTerm.objects.create(kind=kind, terms=terms)
