"""Search: ``search(user, query, ...)``, the one read path of the index.

Lexical BM25 and dense nearest neighbours are retrieved among the documents the user may open
(``SearchDocument.objects.visible_to``) and fused by weighted reciprocal rank. Titles, snippets,
counts and facets are computed from those visible documents only.
"""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from suishin.search import lexical, registry, vectors
from suishin.search.analysis import normalize
from suishin.search.embeddings import get_embedder
from suishin.search.models import SearchDocument
from suishin.search.snippets import snippet
from suishin.search.synonyms import expand

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from suishin.core.models import User

MODES = ("hybrid", "bm25", "dense")
# Fusion, tuned on the LocalgovFAQ development queries only (docs/benchmarks.md): dense scores
# are standardized per query; a lexical match adds a bonus that falls with its BM25 rank.
LEXICAL_BONUS = 2.0
LEXICAL_RANK_K = 5
SYNONYM_WEIGHT = 0.5
CANDIDATES = 100
MAX_PAGE = 100


@dataclass(frozen=True)
class Filters:
    organization_id: int | None = None
    category: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class Hit:
    document_id: int
    type_key: str
    type_label: str
    object_id: str
    title: str
    url: str
    snippet: SafeString
    score: float
    organization_name: str
    record_date: Any
    classification: int


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    elapsed_ms: float = 0.0
    message: str = ""


def _candidates(
    user: User | AnonymousUser | None, types: list[str] | None, filters: Filters
) -> QuerySet[SearchDocument]:
    documents = SearchDocument.objects.visible_to(user)
    institution_id = getattr(getattr(user, "unit", None), "institution_id", None)
    outsiders_only = [key for key, t in registry.types().items() if t.outsiders_only]
    if institution_id is not None and outsiders_only:
        documents = documents.exclude(
            type_key__in=outsiders_only, organization__institution_id=institution_id
        )
    if types:
        documents = documents.filter(type_key__in=types)
    if filters.organization_id:
        documents = documents.filter(organization_id=filters.organization_id)
    if filters.category:
        documents = documents.filter(facets__category=filters.category)
    if filters.date_from:
        documents = documents.filter(record_date__date__gte=filters.date_from)
    if filters.date_to:
        documents = documents.filter(record_date__date__lte=filters.date_to)
    return documents


_EMBEDDING_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="query-embedding")


def _lexical_bonus(position: int) -> float:
    return LEXICAL_BONUS * (LEXICAL_RANK_K + 1) / (LEXICAL_RANK_K + position + 1)


def rank(
    user: User | AnonymousUser | None,
    query: str,
    *,
    types: list[str] | None = None,
    filters: Filters | None = None,
    mode: str = "hybrid",
    depth: int = CANDIDATES,
) -> tuple[list[tuple[int, float]], list[str]]:
    """Fused (document id, score) best first, and the words to highlight."""
    candidates = _candidates(user, types, filters or Filters())
    embedder = get_embedder() if mode != "bm25" else None
    # The query embedding (C code, no database, runs without the GIL) overlaps the lexical
    # search on the other core.
    query_vector = _EMBEDDING_POOL.submit(embedder.queries, [query[:2000]]) if embedder else None
    terms, synonyms, phrases = expand(query)
    main = synonym = None
    if mode in ("hybrid", "bm25"):
        main = lexical.first_window(terms, phrases, depth)
        synonym = lexical.first_window(synonyms, [], depth, optional=True) if synonyms else None
    dense = None
    wanted: dict[int, float] = {}
    if embedder is not None and query_vector is not None:
        dense = vectors.dense_search(embedder.name, query_vector.result()[0])
        wanted = dense.top(depth * 3)
    # One visibility query for every retriever's candidates.
    ids = set(wanted)
    for window in (main, synonym):
        if window is not None:
            ids.update(hit.document_id for hit in window.matches)
    visible = lexical.visible_ids(candidates, ids)

    lexical_scores: dict[int, float] = {}
    if main is not None:
        for position, hit in enumerate(main.finish(candidates, visible)):
            lexical_scores[hit.document_id] = _lexical_bonus(position)
    if synonym is not None:
        for position, hit in enumerate(synonym.finish(candidates, visible)):
            bonus = SYNONYM_WEIGHT * _lexical_bonus(position)
            lexical_scores[hit.document_id] = lexical_scores.get(hit.document_id, 0.0) + bonus
    if dense is None:
        ranked = sorted(lexical_scores.items(), key=lambda item: (-item[1], item[0]))
        return ranked, [*terms, *synonyms]

    dense_of = {doc_id: score for doc_id, score in wanted.items() if doc_id in visible}
    # Lexical matches outside the dense top still get their own dense score.
    outside = [doc_id for doc_id in lexical_scores if doc_id not in dense_of]
    dense_of.update(dense.scores_for(outside))
    fused = dict(dense_of)
    for doc_id, bonus in lexical_scores.items():
        fused[doc_id] = fused.get(doc_id, 0.0) + bonus
    ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[: depth * 2]
    return ranked, [*terms, *synonyms]


def search(
    user: User | AnonymousUser | None,
    query: str,
    *,
    types: list[str] | None = None,
    filters: Filters | None = None,
    k: int = 20,
    offset: int = 0,
    mode: str = "hybrid",
    with_facets: bool = True,
) -> SearchResults:
    """The visible documents that best answer ``query``, with snippets and (unless a caller
    shows none, like suggestions while typing) facets."""
    started = time.perf_counter()
    query = (query or "")[:10_000]
    results = SearchResults(query=query)
    if mode not in MODES:
        mode = "hybrid"
    if not normalize(query):
        results.message = "empty"
        return results
    k = max(1, min(k, MAX_PAGE))
    offset = max(0, offset)
    ranked, words = rank(
        user, query, types=types, filters=filters, mode=mode, depth=max(CANDIDATES, k + offset)
    )
    results.total = len(ranked)
    page_ids = [doc_id for doc_id, _ in ranked[offset : offset + k]]
    documents = SearchDocument.objects.select_related("organization").in_bulk(page_ids)
    score_of = dict(ranked)
    for doc_id in page_ids:
        document = documents.get(doc_id)
        if document is None:
            continue
        searchable = registry.get(document.type_key)
        results.hits.append(
            Hit(
                document_id=doc_id,
                type_key=document.type_key,
                type_label=str(searchable.label) if searchable else document.type_key,
                object_id=document.object_id,
                title=document.title,
                url=document.url,
                snippet=snippet(document.body, [query, *words]),
                score=score_of[doc_id],
                organization_name=document.organization.name,
                record_date=document.record_date,
                classification=document.classification,
            )
        )
    if with_facets:
        results.facets = _facets([doc_id for doc_id, _ in ranked])
    if not ranked:
        results.message = "no_results"
    results.elapsed_ms = (time.perf_counter() - started) * 1000
    return results


def _facets(document_ids: list[int]) -> dict[str, list[tuple[str, str, int]]]:
    """Counts by type, organization, category and month, over visible matches only."""
    rows = SearchDocument.objects.filter(pk__in=document_ids).values_list(
        "type_key", "organization_id", "organization__name", "facets", "record_date"
    )
    by_type: Counter[str] = Counter()
    by_org: Counter[tuple[int, str]] = Counter()
    by_category: Counter[str] = Counter()
    by_month: Counter[str] = Counter()
    for type_key, org_id, org_name, facets, record_date in rows:
        by_type[type_key] += 1
        by_org[(org_id, org_name)] += 1
        if facets and facets.get("category"):
            by_category[str(facets["category"])] += 1
        if record_date:
            by_month[f"{record_date:%Y-%m}"] += 1
    labels = {key: str(t.label) for key, t in registry.types().items()}
    return {
        "type": [(key, labels.get(key, key), n) for key, n in by_type.most_common()],
        "organization": [(str(org_id), name, n) for (org_id, name), n in by_org.most_common(20)],
        "category": [(name, name, n) for name, n in by_category.most_common(20)],
        "month": [(month, month, n) for month, n in sorted(by_month.items(), reverse=True)],
    }
