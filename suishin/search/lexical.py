"""Lexical retrieval inside the database, with one interface for both engines.

SQLite: an FTS5 table over the analyzed-term columns, kept in step by triggers (so the index row
is written in the record's own transaction) and ranked by BM25. PostgreSQL: a generated, weighted
tsvector column with a GIN index, ranked by ts_rank. Both receive terms that were analyzed in
Python, so they match exactly the same way; query terms are always quoted, so nothing a user types
is ever read as query syntax.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from suishin.core.process_caches import register_process_cache

TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0


@dataclass(frozen=True)
class LexicalHit:
    document_id: int
    score: float


def _fts5_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_match(terms: list[str], phrases: list[list[str]] = ()) -> str:  # type: ignore[assignment]
    """An FTS5 MATCH expression: any term, plus any phrase as adjacent terms."""
    parts = [_fts5_quote(term) for term in terms]
    parts += [
        '"' + " ".join(term.replace('"', '""') for term in phrase) + '"'
        for phrase in phrases
        if phrase
    ]
    return " OR ".join(parts)


def _tsquery_literal(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(terms: list[str], phrases: list[list[str]] = ()) -> str:  # type: ignore[assignment]
    parts = [_tsquery_literal(term) for term in terms]
    parts += [
        "(" + " <-> ".join(_tsquery_literal(t) for t in phrase) + ")"
        for phrase in phrases
        if phrase
    ]
    return " | ".join(parts)


# Matches are read best first in windows of this many, and the visible ones kept; a window
# grows fourfold while too few are visible, up to the cap, after which the visibility filter
# runs inside the full-text query itself (slower, but exact for very selective filters).
FIRST_WINDOW = 600
WINDOW_CAP = 20_000


def _ranked_matches(
    terms: list[str],
    phrases: list[list[str]],
    limit: int,
    candidate_sql: str = "",
    candidate_params: tuple = (),
) -> list[LexicalHit]:
    restrict = ""
    if connection.vendor == "postgresql":
        match = tsquery(terms, phrases)
        if candidate_sql:
            restrict = f" AND id IN ({candidate_sql})"  # noqa: S608 - ORM-built SQL, parameters separate
        # Weights of the D, C, B (body) and A (title) labels, in ts_rank's order. ts_rank, not
        # ts_rank_cd: cover density reads every position and costs about twice as much on a
        # common word, where thousands of matches are scored.
        score = (
            f"ts_rank('{{0.1, 0.2, {BODY_WEIGHT / TITLE_WEIGHT:.3f}, 1.0}}', search_tsv, query, 1)"
        )
        sql = (
            f"SELECT id, {score} AS score FROM search_searchdocument, to_tsquery('simple', %s) AS query "  # noqa: S608
            f"WHERE search_tsv @@ query{restrict} ORDER BY score DESC, id LIMIT %s"
        )
    else:
        match = fts5_match(terms, phrases)
        if candidate_sql:
            # "+rowid" keeps SQLite from driving the full-text scan row by row from the set.
            restrict = f" AND +rowid IN ({candidate_sql})"  # noqa: S608 - ORM-built SQL, parameters separate
        sql = (
            f"SELECT rowid, -bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score FROM search_fts "  # noqa: S608
            f"WHERE search_fts MATCH %s{restrict} ORDER BY score DESC, rowid LIMIT %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *candidate_params, limit])
        return [LexicalHit(int(row[0]), float(row[1])) for row in cursor.fetchall()]


# Common terms are left out of large collections' queries only (see prune_common_terms): below
# this many documents, scoring every match is cheap and queries stay exactly as typed.
PRUNE_FROM_DOCUMENTS = 50_000
# PostgreSQL's statistics of the tsvector column are read at most this often per process.
STATISTICS_SECONDS = 300


def _no_statistics() -> dict[str, Any]:
    return {"read_at": -1e9, "size": 0, "frequency": {}}


_pg_statistics: dict[str, Any] = _no_statistics()
# SQLite's exact counts are remembered as long, per term: counting reads the term's whole list
# of documents (milliseconds for a common term), and shares change slowly.
_sqlite_frequencies: dict[str, tuple[float, float]] = {}
SQLITE_FREQUENCIES_KEPT = 50_000


@register_process_cache
def forget_term_counts() -> None:
    _pg_statistics.update(_no_statistics())
    _sqlite_frequencies.clear()


def _document_frequencies(terms: list[str]) -> tuple[int, dict[str, float]]:
    """The index size and how many documents hold each term. SQLite counts exactly (fts5vocab);
    PostgreSQL estimates from the planner's statistics of the tsvector column (its most common
    lexemes and their frequencies, kept by ANALYZE / autovacuum)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT max(rowid) FROM search_fts")
            size = cursor.fetchone()[0] or 0
            if size < PRUNE_FROM_DOCUMENTS:
                return size, {}
            return size, _sqlite_document_frequencies(cursor, [t.lower() for t in terms])
        now = time.monotonic()
        if now - _pg_statistics["read_at"] > STATISTICS_SECONDS:
            cursor.execute(
                "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs "
                "FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname "
                "AND s.attname = 'search_tsv' AND s.schemaname = current_schema() "
                "WHERE c.relname = 'search_searchdocument' AND c.relkind = 'r'"
            )
            row = cursor.fetchone()
            size = max(0, int(row[0] or 0)) if row else 0
            elements, shares = (row[1] or [], row[2] or []) if row else ([], [])
            _pg_statistics.update(
                read_at=now,
                size=size,
                frequency={
                    term: share * size for term, share in zip(elements, shares, strict=False)
                },
            )
        frequency = _pg_statistics["frequency"]
        return _pg_statistics["size"], {t.lower(): frequency.get(t.lower(), 0.0) for t in terms}


def _sqlite_document_frequencies(cursor: Any, terms: list[str]) -> dict[str, float]:
    now = time.monotonic()
    known = {
        term: _sqlite_frequencies[term][1]
        for term in terms
        if term in _sqlite_frequencies and now - _sqlite_frequencies[term][0] < STATISTICS_SECONDS
    }
    missing = [term for term in terms if term not in known]
    if missing:
        if len(_sqlite_frequencies) > SQLITE_FREQUENCIES_KEPT:
            _sqlite_frequencies.clear()
        marks = ", ".join(["%s"] * len(missing))
        select = f"SELECT term, doc FROM search_fts_vocab WHERE term IN ({marks})"  # noqa: S608 - placeholders only
        cursor.execute(select, missing)
        counted = {term: float(count) for term, count in cursor.fetchall()}
        for term in missing:
            known[term] = counted.get(term, 0.0)
            _sqlite_frequencies[term] = (now, known[term])
    return known


# Scoring a match costs tens of microseconds in PostgreSQL (ts_rank reads the tsvector from the
# table) and about half a microsecond in SQLite's FTS5. Terms are kept rarest first while the
# documents they match (counted, or estimated from PostgreSQL's statistics) stay within the
# engine's budget, so a query never scores a large part of the index; the rarest term is always
# kept, and the dense retriever still sees the whole query.
POSTGRES_MATCH_BUDGET = 1500
SQLITE_MATCH_BUDGET = 40_000


def match_budget() -> int:
    return POSTGRES_MATCH_BUDGET if connection.vendor == "postgresql" else SQLITE_MATCH_BUDGET


def prune_common_terms(terms: list[str], *, optional: bool = False) -> list[str]:
    """The terms worth scoring. ``optional`` marks a query that may be dropped altogether
    (the weaker synonym query) when even its rarest term is over the budget."""
    if not terms or (len(terms) < 2 and not optional):
        return terms
    if connection.vendor not in ("sqlite", "postgresql"):
        return terms
    size, frequency = _document_frequencies(terms)
    if size < PRUNE_FROM_DOCUMENTS:
        return terms
    budget = match_budget()
    if optional and min(frequency.get(t.lower(), 0) for t in terms) > budget:
        return []
    if len(terms) < 2:
        return terms
    by_rarity = sorted(terms, key=lambda t: frequency.get(t.lower(), 0))
    chosen: list[str] = []
    matched = 0.0
    for term in by_rarity:
        matched += frequency.get(term.lower(), 0)
        if chosen and matched > budget:
            break
        chosen.append(term)
    return [t for t in terms if t in chosen]


def visible_ids(candidates: QuerySet, ids: set[int]) -> set[int]:
    """Which of ``ids`` the candidates (visibility and filters applied) hold. PostgreSQL
    receives the ids as one array parameter: a thousand separate parameters cost more to bind
    than the query costs to run."""
    if not ids:
        return set()
    if connection.vendor == "postgresql":
        listed = RawSQL("SELECT unnest(%s::bigint[])", (sorted(ids),))
        return set(candidates.filter(pk__in=listed).values_list("pk", flat=True))
    return set(candidates.filter(pk__in=list(ids)).values_list("pk", flat=True))


@dataclass
class FirstWindow:
    """The best matches over the whole index, not yet narrowed to what the user may open, so
    that one visibility query can serve every retriever of a search."""

    terms: list[str]
    phrases: list[list[str]]
    limit: int
    size: int
    matches: list[LexicalHit]

    def finish(self, candidates: QuerySet, visible: set[int]) -> list[LexicalHit]:
        """Keep the visible matches; when too few survive a full window, read further."""
        kept = [hit for hit in self.matches if hit.document_id in visible]
        if len(kept) >= self.limit or len(self.matches) < self.size:
            return kept[: self.limit]
        return search(
            candidates, self.terms, limit=self.limit, phrases=self.phrases, start=self.size * 4
        )


def first_window(
    terms: list[str], phrases: list[list[str]], limit: int, *, optional: bool = False
) -> FirstWindow | None:
    if not terms and not phrases:
        return None
    terms = prune_common_terms(terms, optional=optional)
    if not terms and not phrases:
        return None
    size = max(FIRST_WINDOW, limit)
    return FirstWindow(terms, phrases, limit, size, _ranked_matches(terms, phrases, size))


def search(
    candidates: QuerySet,
    terms: list[str],
    *,
    limit: int,
    phrases: list[list[str]] | None = None,
    start: int = 0,
) -> list[LexicalHit]:
    """The best ``limit`` documents among ``candidates`` (already narrowed by visibility, type
    and filters) containing any of ``terms``, best first. Matches are ranked over the whole
    index, then only candidates are kept: nothing outside ``candidates`` is ever returned."""
    phrases = phrases or []
    if not terms and not phrases:
        return []
    terms = prune_common_terms(terms)
    window = max(FIRST_WINDOW, limit, start)
    while window <= WINDOW_CAP:
        matches = _ranked_matches(terms, phrases, window)
        allowed = visible_ids(candidates, {hit.document_id for hit in matches})
        kept = [hit for hit in matches if hit.document_id in allowed]
        if len(kept) >= limit or len(matches) < window:
            return kept[:limit]
        window *= 4
    candidate_sql, candidate_params = candidates.values("id").query.sql_with_params()
    return _ranked_matches(terms, phrases, limit, candidate_sql, candidate_params)
