"""Nearest-neighbour search over the stored vectors, in process.

Each process keeps the vectors of one embedding model as a matrix and refreshes it when the
stored set changes (its row count or latest update). Search is exact (one matrix-vector product),
which on two cores stays within the latency budget well beyond 100,000 documents; visibility is
applied to the candidates before anything is returned.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max

from suishin.search.embeddings import from_blobs
from suishin.search.models import DocumentVector


@dataclass
class _Matrix:
    stamp: tuple[int, object]
    ids: np.ndarray
    vectors: np.ndarray


_lock = threading.Lock()
_cache: dict[str, _Matrix] = {}


def _stamp(model_name: str) -> tuple[int, object]:
    summary = DocumentVector.objects.filter(model_name=model_name).aggregate(
        n=Count("pk"), latest=Max("updated_at")
    )
    return int(summary["n"]), summary["latest"]


def _matrix(model_name: str, dim: int) -> _Matrix:
    stamp = _stamp(model_name)
    cached = _cache.get(model_name)
    if cached is not None and cached.stamp == stamp:
        return cached
    with _lock:
        cached = _cache.get(model_name)
        if cached is not None and cached.stamp == stamp:
            return cached
        rows = list(
            DocumentVector.objects.filter(model_name=model_name)
            .order_by("document_id")
            .values_list("document_id", "vector")
        )
        ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        matrix = from_blobs([bytes(row[1]) for row in rows], dim)
        cached = _Matrix(stamp, ids, matrix)
        _cache[model_name] = cached
        return cached


def nearest(model_name: str, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """(document id, cosine similarity) of the ``limit`` nearest stored vectors."""
    matrix = _matrix(model_name, query.shape[-1])
    if not len(matrix.ids) or limit <= 0:
        return []
    scores = matrix.vectors @ query.astype(np.float32)
    limit = min(limit, len(scores))
    top = np.argpartition(-scores, limit - 1)[:limit]
    top = top[np.argsort(-scores[top])]
    return [(int(matrix.ids[i]), float(scores[i])) for i in top]


def clear_cache() -> None:
    with _lock:
        _cache.clear()
