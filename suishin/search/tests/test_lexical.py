"""Which query terms the lexical retriever scores in a large collection."""

from __future__ import annotations

import pytest

from suishin.search import lexical


@pytest.fixture
def frequencies(monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """Documents per term, in a collection of a million documents."""
    counts: dict[str, float] = {}
    monkeypatch.setattr(lexical, "_document_frequencies", lambda terms: (1_000_000, dict(counts)))
    return counts


@pytest.mark.django_db
def test_rarest_terms_are_kept_within_the_engine_budget(frequencies: dict[str, float]) -> None:
    budget = lexical.match_budget()
    frequencies.update({"住民票": budget * 0.6, "住民": budget * 0.3, "票": budget * 2, "報告": 10})
    assert lexical.prune_common_terms(["住民票", "住民", "票", "報告"]) == [
        "住民票",
        "住民",
        "報告",
    ]


@pytest.mark.django_db
def test_the_rarest_term_stays_however_common(frequencies: dict[str, float]) -> None:
    frequencies.update({"方法": lexical.match_budget() * 4, "手続き": lexical.match_budget() * 5})
    assert lexical.prune_common_terms(["方法", "手続き"]) == ["方法"]
    assert lexical.prune_common_terms(["方法"]) == ["方法"], "a one-term query is never emptied"


@pytest.mark.django_db
def test_a_synonym_query_of_common_terms_is_dropped(frequencies: dict[str, float]) -> None:
    frequencies.update({"申請": lexical.match_budget() * 3, "届け出": 50})
    assert lexical.prune_common_terms(["申請"], optional=True) == []
    assert lexical.prune_common_terms(["申請", "届け出"], optional=True) == ["届け出"]


@pytest.mark.django_db
def test_small_collections_are_searched_as_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        lexical, "_document_frequencies", lambda terms: (lexical.PRUNE_FROM_DOCUMENTS - 1, {})
    )
    assert lexical.prune_common_terms(["申請"], optional=True) == ["申請"]
    assert lexical.prune_common_terms(["住民票", "住民", "票"]) == ["住民票", "住民", "票"]
