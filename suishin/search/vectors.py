"""Dense scores over the stored vectors, in process.

Each process keeps, per embedding model, one matrix per vector slot (title and body; title),
aligned on the same document ids, and refreshes them when the stored set changes. Scoring is
exact (matrix-vector products), which on two cores stays within the latency budget well beyond
100,000 documents. Visibility is applied to candidates before anything is returned.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from suishin.search.embeddings import from_blobs
from suishin.search.models import DocumentVector, VectorSlotChoices

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
    """(vector count, latest update) of a model, asked of the database at most once every
    REFRESH_SECONDS per process. The latest update is an index lookup; the count, a scan of
    the vector table, is asked only every COUNT_SECONDS: it notices deletions, and until then
    a deleted document's vector is harmless (retrieval keeps only documents that exist and
    are visible)."""
    now = time.monotonic()
    known = _stamps.get(model_name)
    if known is not None and now - known[0] < REFRESH_SECONDS:
        return known[1]
    vectors = DocumentVector.objects.filter(model_name=model_name)
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
    def __init__(self, ann: _Ann, query: np.ndarray) -> None:
        self.ann = ann
        self.query = query

    def _slot_scores(self, slot: _AnnSlot, keys: np.ndarray) -> dict[int, float]:
        # Standardized like the exact path: the mean and spread of this query's scores over
        # the whole slot follow from the slot's mean vector and covariance.
        mean = float(slot.mean @ self.query)
        deviation = float(np.sqrt(max(float(self.query @ slot.covariance @ self.query), 1e-12)))
        vectors = slot.index.get(keys)
        present = [
            (int(key), vector)
            for key, vector in zip(keys, vectors, strict=True)
            if vector is not None
        ]
        if not present:
            return {}
        matrix = np.stack([vector for _key, vector in present]).astype(np.float32)
        similarities = (matrix @ self.query) / 127.0
        return {
            key: float((value - mean) / deviation)
            for (key, _vector), value in zip(present, similarities, strict=True)
        }

    def _combine(self, keys: np.ndarray) -> dict[int, float]:
        full = self._slot_scores(self.ann.full, keys)
        title = self._slot_scores(self.ann.title, keys)
        return {
            k: full.get(k, 0.0) + TITLE_SLOT_WEIGHT * title.get(k, 0.0)
            for k in set(full) | set(title)
        }

    def top(self, count: int) -> dict[int, float]:
        found = [
            slot.index.search(self.query, count).keys for slot in (self.ann.full, self.ann.title)
        ]
        return self._combine(np.unique(np.concatenate(found)).astype(np.uint64))

    def scores_for(self, document_ids: list[int]) -> dict[int, float]:
        return self._combine(np.asarray(document_ids, dtype=np.uint64))


def dense_search(model_name: str, query: np.ndarray) -> DenseSearch:
    """Exact scores over in-memory matrices for collections up to SUISHIN_ANN_THRESHOLD
    vectors; above it, an approximate (HNSW, 8-bit) index per slot, with the same standardized
    scores computed from each slot's stored mean and covariance."""
    query = query.astype(np.float32)
    count = _stamp(model_name)[0] // 2
    if count >= settings.SUISHIN_ANN_THRESHOLD:
        return _AnnSearch(_load_ann(model_name, query.shape[-1]), query)
    return _ExactSearch(_load(model_name, query.shape[-1]), query)


@dataclass
class _AnnSlot:
    index: Any
    mean: np.ndarray
    covariance: np.ndarray


@dataclass
class _Ann:
    stamp: tuple[int, object]
    full: _AnnSlot
    title: _AnnSlot
    checked_at: float = 0.0


_ann_cache: dict[str, _Ann] = {}


def _build_slot(model_name: str, slot: str, dim: int) -> _AnnSlot:
    from usearch.index import Index

    index = Index(
        ndim=dim, metric="ip", dtype="i8", connectivity=16, expansion_add=64, expansion_search=96
    )
    total = np.zeros(dim, dtype=np.float64)
    products = np.zeros((dim, dim), dtype=np.float64)
    count = 0
    rows = DocumentVector.objects.filter(model_name=model_name, slot=slot).order_by("document_id")
    batch: list[tuple[int, bytes]] = []

    def flush() -> None:
        nonlocal count, total, products
        if not batch:
            return
        keys = np.asarray([doc_id for doc_id, _ in batch], dtype=np.uint64)
        matrix = from_blobs([blob for _, blob in batch], dim)
        index.add(keys, matrix, threads=2)
        total += matrix.sum(axis=0)
        products += matrix.T.astype(np.float64) @ matrix
        count += len(batch)
        batch.clear()

    # Streamed in chunks, so memory holds the 8-bit index and one chunk, never all floats.
    for document_id, blob in rows.values_list("document_id", "vector").iterator(chunk_size=20_000):
        batch.append((document_id, bytes(blob)))
        if len(batch) >= 20_000:
            flush()
    flush()
    mean = total / max(count, 1)
    covariance = products / max(count, 1) - np.outer(mean, mean)
    return _AnnSlot(index, mean.astype(np.float32), covariance.astype(np.float32))


def _load_ann(model_name: str, dim: int) -> _Ann:
    cached = _ann_cache.get(model_name)
    now = time.monotonic()
    if cached is None:
        with _lock:
            cached = _Ann(
                _stamp(model_name),
                _build_slot(model_name, VectorSlotChoices.FULL, dim),
                _build_slot(model_name, VectorSlotChoices.TITLE, dim),
            )
            _ann_cache[model_name] = cached
    elif now - cached.checked_at >= REFRESH_SECONDS:
        stamp = _stamp(model_name)
        if stamp != cached.stamp:
            with _lock:
                _add_changed(model_name, cached, dim)
                cached.stamp = stamp
    cached.checked_at = now
    return cached


def _add_changed(model_name: str, ann: _Ann, dim: int) -> None:
    """Bring a built index up to date with the vectors written since, without a rebuild.
    Vectors of deleted documents may linger in the index; they can never be returned, because
    every candidate passes the visibility query, which only finds existing documents."""
    since = ann.stamp[1]
    changed = DocumentVector.objects.filter(model_name=model_name)
    if since is not None:
        changed = changed.filter(updated_at__gt=since)
    for slot_name, slot in (
        (VectorSlotChoices.FULL, ann.full),
        (VectorSlotChoices.TITLE, ann.title),
    ):
        rows = list(changed.filter(slot=slot_name).values_list("document_id", "vector"))
        if not rows:
            continue
        keys = np.asarray([doc_id for doc_id, _ in rows], dtype=np.uint64)
        present = keys[[key in slot.index for key in keys]]
        if len(present):
            slot.index.remove(present)
        slot.index.add(keys, from_blobs([bytes(blob) for _, blob in rows], dim))


def clear_cache() -> None:
    with _lock:
        _cache.clear()
        _ann_cache.clear()
        _stamps.clear()
        _counts.clear()
