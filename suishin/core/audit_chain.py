"""Hashing and verification of the audit chain, independent of the database.

Each entry's hash covers its own fields and the previous entry's hash, so changing, removing
or reordering any entry breaks every link after it; verification names the first broken one.
Removal from the end (or of everything) leaves a chain that still links: that is found by
comparing it with signed checkpoints kept outside the database (``audit_checkpoints``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from suishin.core.models.audit import AUDIT_HASHED_FIELDS

GENESIS_HASH = "0" * 64


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def entry_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 over a canonical JSON of the hashed fields (which include the previous hash)."""
    payload = {name: _canonical(fields[name]) for name in AUDIT_HASHED_FIELDS}
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str  # in English, for the command line and the logs
    # What the audit page translates: one of the codes below, with the numbers it names.
    code: str = ""
    last: int = 0  # the last missing entry, for "missing"


# Codes of ChainBreak.
GAP, LINK, CONTENT, REWRITTEN, MISSING, CHECKPOINT_FILE, CHECKPOINTS_LOST = (
    "gap",
    "link",
    "content",
    "rewritten",
    "missing",
    "checkpoint_file",
    "checkpoints_lost",
)


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    first_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def verify_entries(
    entries: Iterable[Mapping[str, Any]],
    *,
    checkpoints: Mapping[int, str] | None = None,
    checkpoint_label: str = "the last checkpoint",
    start: tuple[int, str] = (1, GENESIS_HASH),
) -> VerifyResult:
    """Walk entries in stored order; report the first one that does not link or hash correctly.

    ``checkpoints`` maps a sequence to the hash its entry had when a checkpoint was signed: an
    entry that differs was rewritten (even with every later hash recomputed), and a chain that
    ends before the last checkpoint has lost its tail, named as the range that is missing.
    ``start`` (first sequence, hash before it) verifies a part of the chain that follows one
    already known to be sound.
    """
    expected_at = checkpoints or {}
    expected_sequence, expected_prev = start
    checked = 0
    for entry in entries:
        sequence = entry["sequence"]
        if sequence != expected_sequence:
            return VerifyResult(
                checked, ChainBreak(sequence, f"expected sequence {expected_sequence}", GAP)
            )
        if entry["prev_hash"] != expected_prev:
            return VerifyResult(
                checked, ChainBreak(sequence, "previous-hash link does not match", LINK)
            )
        if entry_hash(entry) != entry["entry_hash"]:
            return VerifyResult(
                checked, ChainBreak(sequence, "entry content does not match its hash", CONTENT)
            )
        if sequence in expected_at and expected_at[sequence] != entry["entry_hash"]:
            return VerifyResult(
                checked,
                ChainBreak(sequence, "entry differs from the one a checkpoint signed", REWRITTEN),
            )
        expected_prev = entry["entry_hash"]
        expected_sequence += 1
        checked += 1
    counted = max(expected_at, default=0)
    if expected_sequence <= counted:
        return VerifyResult(
            checked,
            ChainBreak(
                expected_sequence,
                f"entries {expected_sequence}-{counted} are missing ({checkpoint_label} "
                f"counted {counted})",
                MISSING,
                counted,
            ),
        )
    return VerifyResult(checked, None)
