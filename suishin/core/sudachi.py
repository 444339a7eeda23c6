"""Sudachi, the Japanese morphological analyser, shared by search (indexing and queries) and
masking (names and places in text): one dictionary per process, one tokenizer per thread."""

from __future__ import annotations

import threading
from functools import lru_cache

from sudachipy import Dictionary, SplitMode, Tokenizer

_local = threading.local()


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    return Dictionary(dict="core")


def tokenizer() -> Tokenizer:
    # A Sudachi tokenizer is not thread-safe; one per thread, built once (the dictionary is
    # memory-mapped and shared).
    found = getattr(_local, "tokenizer", None)
    if found is None:
        found = dictionary().create(mode=SplitMode.C)
        _local.tokenizer = found
    return found
