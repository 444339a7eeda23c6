"""Dense scores over the stored vectors, in process.

Below ``SUISHIN_ANN_THRESHOLD`` documents, each process keeps, per embedding model, one matrix
per vector slot (title and body; title), aligned on the same document ids, refreshed when the
stored set changes, and scores exactly (matrix-vector products). Above it, candidates come from
the shared approximate index (``ann.py``) plus an exact delta of the vectors written since it
was built. Visibility is applied to candidates before anything is returned.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from suishin.core.process_caches import register_process_cache
from suishin.search import ann
from suishin.search.choices import VectorSlotChoices
from suishin.search.embeddings import from_blobs
from suishin.search.models import DocumentVector

# Weight of the title slot against the full text, on standardized scores (tuned on the
# LocalgovFAQ development queries; see docs/benchmarks.md).
TITLE_SLOT_WEIGHT = 0.5


# How long a process trusts its matrices before asking the database whether vectors changed:
# new documents become semantically findable within this many seconds.
REFRESH_SECONDS = 2.0


@dataclass
class _Matrices:
    stamp: tuple[int, object]
    ids: np.ndarray
    full: np.ndarray
    title: np.ndarray
    position: dict[int, int]
    checked_at: float = 0.0


_lock = threading.Lock()
_cache: dict[str, _Matrices] = {}


_stamps: dict[str, tuple[float, tuple[int, object]]] = {}
_counts: dict[str, tuple[float, int]] = {}
COUNT_SECONDS = 60.0


def _stamp(model_name: str) -> tuple[int, object]:
    """(documents with vectors, latest update) of a model, asked of the database at most once
    every REFRESH_SECONDS per process. The latest update is an index lookup; the count, a scan
    of the index, is asked only every COUNT_SECONDS: it notices deletions, and until then
    a deleted document's vector is harmless (retrieval keeps only documents that exist and
    are visible)."""
    now = time.monotonic()
    known = _stamps.get(model_name)
    if known is not None and now - known[0] < REFRESH_SECONDS:
        return known[1]
    # Both slots of a document are written together, so the full-text slot speaks for both,
    # and the (model, slot, updated_at) index answers at once.
    vectors = DocumentVector.objects.filter(model_name=model_name, slot=VectorSlotChoices.FULL)
    latest = vectors.aggregate(latest=Max("updated_at"))["latest"]
    counted = _counts.get(model_name)
    if counted is None or now - counted[0] >= COUNT_SECONDS:
        counted = (now, vectors.aggregate(n=Count("pk"))["n"])
        _counts[model_name] = counted
    stamp = (int(counted[1]), latest)
    _stamps[model_name] = (now, stamp)
    return stamp


def _load(model_name: str, dim: int) -> _Matrices:
    cached = _cache.get(model_name)
    now = time.monotonic()
    if cached is not None and now - cached.checked_at < REFRESH_SECONDS:
        return cached
    stamp = _stamp(model_name)
    if cached is not None and cached.stamp == stamp:
        cached.checked_at = now
        return cached
    with _lock:
        cached = _cache.get(model_name)
        if cached is not None and cached.stamp == stamp:
            return cached
        by_slot: dict[str, dict[int, bytes]] = {
            VectorSlotChoices.FULL: {},
            VectorSlotChoices.TITLE: {},
        }
        rows = DocumentVector.objects.filter(model_name=model_name).values_list(
            "document_id", "slot", "vector"
        )
        for document_id, slot, blob in rows.iterator(chunk_size=5000):
            by_slot.setdefault(slot, {})[document_id] = bytes(blob)
        # Only documents with both vectors take part, so the two matrices stay aligned.
        ids = sorted(set(by_slot[VectorSlotChoices.FULL]) & set(by_slot[VectorSlotChoices.TITLE]))
        cached = _Matrices(
            stamp,
            np.asarray(ids, dtype=np.int64),
            from_blobs([by_slot[VectorSlotChoices.FULL][i] for i in ids], dim),
            from_blobs([by_slot[VectorSlotChoices.TITLE][i] for i in ids], dim),
            {doc_id: index for index, doc_id in enumerate(ids)},
            now,
        )
        _cache[model_name] = cached
        return cached


def _standardized(scores: np.ndarray) -> np.ndarray:
    deviation = float(scores.std()) or 1.0
    return (scores - float(scores.mean())) / deviation


class DenseSearch:
    """Dense scores of one query: the best documents, and the score of any given document."""

    def top(self, count: int) -> dict[int, float]:
        raise NotImplementedError

    def scores_for(self, document_ids: list[int]) -> dict[int, float]:
        raise NotImplementedError


class _ExactSearch(DenseSearch):
    def __init__(self, matrices: _Matrices, query: np.ndarray) -> None:
        self.matrices = matrices
        self.scores: np.ndarray = np.zeros(0, dtype=np.float32)
        if len(matrices.ids):
            full = _standardized(matrices.full @ query)
            self.scores = full + TITLE_SLOT_WEIGHT * _standardized(matrices.title @ query)

    def top(self, count: int) -> dict[int, float]:
        count = min(count, len(self.scores))
        if count <= 0:
            return {}
        best = np.argpartition(-self.scores, count - 1)[:count]
        return {int(self.matrices.ids[i]): float(self.scores[i]) for i in best}

    def scores_for(self, document_ids: list[int]) -> dict[int, float]:
        rows = {doc_id: self.matrices.position.get(doc_id) for doc_id in document_ids}
        return {doc_id: float(self.scores[row]) for doc_id, row in rows.items() if row is not None}


class _AnnSearch(DenseSearch):
    """Candidates from the shared HNSW build and from the delta of vectors written since; every
    candidate scored on its newest vector (the delta's, exact, before the build's 8-bit one)."""

    def __init__(self, shared: _Shared, query: np.ndarray) -> None:
        self.shared = shared
        self.query = query

    def _slot_scores(self, slot_name: str, keys: np.ndarray) -> dict[int, float]:
        built: ann.BuiltSlot = getattr(self.shared.build, slot_name)
        delta = self.shared.delta[slot_name]
        # Standardized like the exact path: the mean and spread of this query's scores over
        # the whole slot follow from the slot's mean vector and covariance.
        mean = float(built.mean @ self.query)
        spread = float(np.sqrt(max(float(self.query @ built.covariance @ self.query), 1e-12)))
        similarities: dict[int, float] = {}
        from_build = [int(key) for key in keys if int(key) not in delta.position]
        if from_build:
            stored = built.index.get(np.asarray(from_build, dtype=np.uint64))
            present = [(k, v) for k, v in zip(from_build, stored, strict=True) if v is not None]
            if present:
                matrix = np.stack([vector for _key, vector in present]).astype(np.float32)
                values = (matrix @ self.query) / 127.0
                similarities.update(zip((k for k, _v in present), map(float, values), strict=True))
        rows = [(int(key), delta.position[int(key)]) for key in keys if int(key) in delta.position]
        if rows:
            values = delta.matrix[[row for _key, row in rows]] @ self.query
            similarities.update(zip((k for k, _r in rows), map(float, values), strict=True))
        return {key: (value - mean) / spread for key, value in similarities.items()}

    def _combine(self, keys: np.ndarray) -> dict[int, float]:
        full = self._slot_scores(VectorSlotChoices.FULL, keys)
        title = self._slot_scores(VectorSlotChoices.TITLE, keys)
        return {
            k: full.get(k, 0.0) + TITLE_SLOT_WEIGHT * title.get(k, 0.0)
            for k in set(full) | set(title)
        }

    def top(self, count: int) -> dict[int, float]:
        found = []
        for slot_name in ann.SLOTS:
            built: ann.BuiltSlot = getattr(self.shared.build, slot_name)
            found.append(built.index.search(self.query, count).keys)
            found.append(self.shared.delta[slot_name].top(self.query, count))
        return self._combine(np.unique(np.concatenate(found)).astype(np.uint64))

    def scores_for(self, document_ids: list[int]) -> dict[int, float]:
        return self._combine(np.asarray(document_ids, dtype=np.uint64))


def dense_search(model_name: str, query: np.ndarray) -> DenseSearch:
    """Exact scores over in-memory matrices for collections up to SUISHIN_ANN_THRESHOLD
    documents; above it, the shared approximate (HNSW, 8-bit) index per slot and the exact
    delta, with the same standardized scores computed from each slot's mean and covariance."""
    query = query.astype(np.float32)
    count = _stamp(model_name)[0]
    if count >= settings.SUISHIN_ANN_THRESHOLD:
        return _AnnSearch(_load_ann(model_name, query.shape[-1]), query)
    return _ExactSearch(_load(model_name, query.shape[-1]), query)


@dataclass
class _DeltaSlot:
    """One slot's vectors written after the shared build, held exactly (float32)."""

    ids: np.ndarray
    matrix: np.ndarray
    position: dict[int, int]

    def top(self, query: np.ndarray, count: int) -> np.ndarray:
        if not len(self.ids):
            return np.zeros(0, dtype=np.uint64)
        scores = self.matrix @ query
        count = min(count, len(scores))
        return self.ids[np.argpartition(-scores, count - 1)[:count]].astype(np.uint64)


@dataclass
class _Shared:
    build: ann.Build
    stamp: tuple[int, object] | None = None
    # document id -> slot -> stored vector, for vectors newer than the build
    rows: dict[int, dict[str, bytes]] = field(default_factory=dict)
    delta: dict[str, _DeltaSlot] = field(default_factory=dict)
    read_until: datetime | None = None
    checked_at: float = 0.0


_ann_cache: dict[str, _Shared] = {}


def _load_ann(model_name: str, dim: int) -> _Shared:
    cached = _ann_cache.get(model_name)
    now = time.monotonic()
    if cached is not None and now - cached.checked_at < REFRESH_SECONDS:
        return cached
    with _lock:
        # A small file read: whether the worker has made a newer build current.
        if cached is None or cached.build.build_id != ann.ensure_build(model_name, dim):
            build = ann.open_current(model_name, dim)
            cached = _Shared(build, read_until=build.delta_since)
            _read_delta(model_name, cached, dim)
        elif _stamp(model_name) != cached.stamp:
            _read_delta(model_name, cached, dim)
        cached.checked_at = now
        _ann_cache[model_name] = cached
    return cached


def _read_delta(model_name: str, shared: _Shared, dim: int) -> None:
    """Add the vectors written since the last read to the exact delta. Vectors of deleted
    documents may linger in the build or the delta; they can never be returned, because every
    candidate passes the visibility query, which only finds existing documents."""
    shared.stamp = _stamp(model_name)
    changed = DocumentVector.objects.filter(model_name=model_name)
    if shared.read_until is not None:
        # Re-read a little before the last read: a vector saved then may have committed since.
        changed = changed.filter(updated_at__gt=shared.read_until - ann.DELTA_OVERLAP)
    newest = shared.read_until
    for document_id, slot, blob, updated_at in changed.values_list(
        "document_id", "slot", "vector", "updated_at"
    ).iterator(chunk_size=5000):
        shared.rows.setdefault(document_id, {})[slot] = bytes(blob)
        if newest is None or updated_at > newest:
            newest = updated_at
    shared.read_until = newest
    for slot in ann.SLOTS:
        ids = sorted(doc_id for doc_id, slots in shared.rows.items() if slot in slots)
        shared.delta[slot] = _DeltaSlot(
            np.asarray(ids, dtype=np.int64),
            from_blobs([shared.rows[doc_id][slot] for doc_id in ids], dim),
            {doc_id: row for row, doc_id in enumerate(ids)},
        )


@register_process_cache
def clear_cache() -> None:
    with _lock:
        _cache.clear()
        _ann_cache.clear()
        _stamps.clear()
        _counts.clear()
