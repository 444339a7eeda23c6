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

import numpy as np
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


def _stamp(model_name: str) -> tuple[int, object]:
    summary = DocumentVector.objects.filter(model_name=model_name).aggregate(
        n=Count("pk"), latest=Max("updated_at")
    )
    return int(summary["n"]), summary["latest"]


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


@dataclass(frozen=True)
class DenseScores:
    """Combined standardized similarity of every document with vectors, and where each is."""

    ids: np.ndarray
    scores: np.ndarray
    position: dict[int, int]


def dense_scores(model_name: str, query: np.ndarray) -> DenseScores:
    matrices = _load(model_name, query.shape[-1])
    if not len(matrices.ids):
        return DenseScores(matrices.ids, np.zeros(0, dtype=np.float32), {})
    query = query.astype(np.float32)
    full = _standardized(matrices.full @ query)
    combined = full + TITLE_SLOT_WEIGHT * _standardized(matrices.title @ query)
    return DenseScores(matrices.ids, combined, matrices.position)


def clear_cache() -> None:
    with _lock:
        _cache.clear()
