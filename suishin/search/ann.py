"""The approximate dense index of a large collection (HNSW, 8-bit, usearch), built once and
shared by every process.

Building the index of a million documents takes minutes, so web processes do not each build
their own: one builder (the worker's periodic job, or the first process that finds no build)
takes a file lock, builds both slot indexes and saves them under ``SUISHIN_ANN_DIR``; every
process memory-maps the same files, and the operating system's page cache holds them once for
all. Vectors written after a build are the *delta*, which each process scores exactly
(``vectors.py``); the worker rebuilds once the delta grows past ``REBUILD_AFTER`` documents.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from suishin.search.choices import VectorSlotChoices
from suishin.search.embeddings import from_blobs
from suishin.search.models import DocumentVector

logger = logging.getLogger(__name__)

SLOTS = (VectorSlotChoices.FULL, VectorSlotChoices.TITLE)
# The worker rebuilds when this many documents have vectors newer than the build.
REBUILD_AFTER = 10_000
# ... and at least this often, which also drops the vectors of deleted documents.
REBUILD_EVERY = timedelta(days=7)
# A vector saved (its updated_at set) just before a build read the newest time, but committed
# just after the build streamed past it, would be in neither the build nor the delta; the delta
# therefore starts this long before the build's newest vector. Vectors are written in
# transactions of one batch of 32 documents, embedded before the transaction opens, which
# commit within a second. Overlap is harmless: a delta vector replaces the built one.
DELTA_OVERLAP = timedelta(seconds=10)
SEARCH_EXPANSION = 96


@dataclass
class BuiltSlot:
    index: Any
    # Mean vector and covariance of the slot, so that a query's scores can be standardized
    # over the whole collection without scoring it.
    mean: np.ndarray
    covariance: np.ndarray


@dataclass
class Build:
    build_id: str
    delta_since: datetime | None
    full: BuiltSlot
    title: BuiltSlot


def _model_directory(model_name: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", model_name)
    return Path(settings.SUISHIN_ANN_DIR) / safe


def current_build_id(model_name: str) -> str | None:
    """The build every process should use, or None before the first build."""
    try:
        pointer = json.loads((_model_directory(model_name) / "current.json").read_text())
    except (FileNotFoundError, ValueError):
        return None
    return str(pointer["build_id"])


def open_build(model_name: str, build_id: str) -> Build:
    """Memory-map a saved build (read-only views of the files)."""
    from usearch.index import Index

    folder = _model_directory(model_name) / build_id
    manifest = json.loads((folder / "manifest.json").read_text())
    slots = []
    for slot in SLOTS:
        index = Index.restore(
            str(folder / f"{slot}.usearch"), view=True, expansion_search=SEARCH_EXPANSION
        )
        if index is None:
            raise FileNotFoundError(f"approximate index {folder / slot} is unreadable")
        with np.load(folder / f"{slot}.stats.npz") as stats:
            slots.append(BuiltSlot(index, stats["mean"], stats["covariance"]))
    since = manifest["delta_since"]
    return Build(build_id, datetime.fromisoformat(since) if since else None, *slots)


def open_current(model_name: str, dim: int) -> Build:
    """The current build, memory-mapped; built first if there is none."""
    build_id = ensure_build(model_name, dim)
    try:
        return open_build(model_name, build_id)
    except FileNotFoundError:
        # The worker made a newer build current and removed this one between the two reads.
        return open_build(model_name, ensure_build(model_name, dim))


@contextmanager
def _build_lock(model_name: str) -> Iterator[None]:
    directory = _model_directory(model_name)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "build.lock", "w") as lock:
        # Blocking: a process that finds no build waits for the one being built instead of
        # building a second copy.
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure_build(model_name: str, dim: int) -> str:
    """The current build's id, building the first one if there is none yet."""
    build_id = current_build_id(model_name)
    if build_id is not None:
        return build_id
    with _build_lock(model_name):
        build_id = current_build_id(model_name)
        if build_id is not None:
            return build_id
        logger.warning("no approximate index of %s yet: building it in this process", model_name)
        return _build(model_name, dim)


def rebuild(model_name: str, dim: int) -> str:
    """Build anew from every stored vector and make the result current."""
    with _build_lock(model_name):
        return _build(model_name, dim)


def refresh(model_name: str) -> str | None:
    """The worker's periodic job: build the first index of a collection that has grown past the
    threshold, and build anew when the current one has drifted from the stored vectors — many
    written since (the delta), many removed or replaced by a restore (the count built differs),
    or simply a week old. Returns the id of a new build, if any."""
    documents = DocumentVector.objects.filter(model_name=model_name, slot=VectorSlotChoices.FULL)
    total = documents.count()
    if total < settings.SUISHIN_ANN_THRESHOLD:
        return None
    build_id = current_build_id(model_name)
    if build_id is not None and not _drifted(model_name, build_id, total):
        return None
    sample = documents.values_list("vector", flat=True).first()
    dim = len(bytes(sample)) // np.dtype(np.float16).itemsize if sample is not None else 0
    return rebuild(model_name, dim)


def _drifted(model_name: str, build_id: str, total: int) -> bool:
    try:
        manifest = json.loads(
            (_model_directory(model_name) / build_id / "manifest.json").read_text()
        )
        since = manifest["delta_since"]
        delta = delta_size(model_name, datetime.fromisoformat(since) if since else None)
        drift = abs(total - delta - int(manifest["documents"]))
        age = timezone.now() - datetime.fromisoformat(manifest["built_at"])
    except (FileNotFoundError, KeyError, ValueError):
        return True  # an unreadable build is replaced
    return delta >= REBUILD_AFTER or drift >= REBUILD_AFTER or age >= REBUILD_EVERY


def delta_size(model_name: str, since: datetime | None) -> int:
    """Documents with vectors newer than a build (counted on the full-text slot)."""
    vectors = DocumentVector.objects.filter(model_name=model_name, slot=VectorSlotChoices.FULL)
    if since is not None:
        vectors = vectors.filter(updated_at__gt=since)
    return vectors.count()


def _build(model_name: str, dim: int) -> str:
    built_at = timezone.now()
    newest = DocumentVector.objects.filter(model_name=model_name).aggregate(
        newest=Max("updated_at")
    )["newest"]
    directory = _model_directory(model_name)
    build_id = uuid.uuid4().hex
    folder = directory / f".{build_id}.partial"
    folder.mkdir(parents=True)
    try:
        documents = 0
        for slot in SLOTS:
            built = _build_slot(model_name, slot, dim)
            built.index.save(str(folder / f"{slot}.usearch"))
            np.savez(folder / f"{slot}.stats.npz", mean=built.mean, covariance=built.covariance)
            if slot == VectorSlotChoices.FULL:
                documents = len(built.index)
        since = newest - DELTA_OVERLAP if newest is not None else None
        manifest = {
            "built_at": built_at.isoformat(),
            "delta_since": since.isoformat() if since else None,
            "documents": documents,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest))
        folder.rename(directory / build_id)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    pointer = directory / ".current.json.partial"
    pointer.write_text(json.dumps({"build_id": build_id}))
    os.replace(pointer, directory / "current.json")
    # Processes still mapping an older build keep their pages after the files are removed
    # (POSIX), and switch at their next check.
    for old in directory.iterdir():
        if old.is_dir() and old.name != build_id:
            shutil.rmtree(old, ignore_errors=True)
    logger.info("approximate index of %s built: %s", model_name, build_id)
    return build_id


def _build_slot(model_name: str, slot: str, dim: int) -> BuiltSlot:
    from usearch.index import Index

    index = Index(
        ndim=dim,
        metric="ip",
        dtype="i8",
        connectivity=16,
        expansion_add=64,
        expansion_search=SEARCH_EXPANSION,
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
    return BuiltSlot(index, mean.astype(np.float32), covariance.astype(np.float32))
