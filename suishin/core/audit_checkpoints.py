"""Signed checkpoints of the audit chain, kept outside the database.

The hash chain shows an edited or reordered entry, but not a table emptied or cut short: what
is left still links. A checkpoint records how long the chain was and the hash of its last
entry, signed with HMAC-SHA256 under a key that is not in the database, and is appended to a
file that is not in the database either. Each checkpoint also carries the signature of the one
before it, so lines removed from the middle of the file show too. Verification then knows how
many entries there must at least be and what entry N must hash to.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

GENESIS_MAC = "0" * 64


@dataclass(frozen=True)
class Checkpoint:
    sequence: int  # the chain's last entry when the checkpoint was taken (0: empty chain)
    head_hash: str
    written_at: str  # ISO 8601, for people reading the file and the error messages
    prev_mac: str
    mac: str


@dataclass(frozen=True)
class CheckpointFile:
    checkpoints: list[Checkpoint]
    problem: str | None  # why the file itself cannot be trusted, if it cannot

    @property
    def latest(self) -> Checkpoint | None:
        return self.checkpoints[-1] if self.checkpoints else None


def _mac(key: bytes, sequence: int, head_hash: str, written_at: str, prev_mac: str) -> str:
    message = f"{sequence}\n{head_hash}\n{written_at}\n{prev_mac}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def read_checkpoints(path: Path, key: bytes) -> CheckpointFile:
    """Every checkpoint in the file, checked line by line: each signature, each link to the
    line before, and sequences that never go back. A missing file is an empty one."""
    if not path.exists():
        return CheckpointFile([], None)
    checkpoints: list[Checkpoint] = []
    prev_mac = GENESIS_MAC
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            checkpoint = Checkpoint(**json.loads(line))
        except (ValueError, TypeError):
            return CheckpointFile(checkpoints, f"checkpoint line {number} cannot be read")
        expected = _mac(
            key, checkpoint.sequence, checkpoint.head_hash, checkpoint.written_at, prev_mac
        )
        if checkpoint.prev_mac != prev_mac or not hmac.compare_digest(checkpoint.mac, expected):
            return CheckpointFile(
                checkpoints,
                f"checkpoint line {number} is not signed by the checkpoint key or does not "
                "follow the line before it",
            )
        if checkpoints and checkpoint.sequence < checkpoints[-1].sequence:
            return CheckpointFile(checkpoints, f"checkpoint line {number} goes backwards")
        checkpoints.append(checkpoint)
        prev_mac = checkpoint.mac
    return CheckpointFile(checkpoints, None)


@contextmanager
def checkpoint_lock(path: Path) -> Iterator[None]:
    """Hold the file's lock (a lock file beside it) from reading the last checkpoint to writing
    the next: two writers at once would both follow the same line, and the file would no
    longer verify. Taken by every writer on the machine; on shared storage, only one
    scheduler may write checkpoints (docs/operations.md)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path.with_name(path.name + ".lock"), os.O_WRONLY | os.O_CREAT, 0o640)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


def append_checkpoint(
    path: Path, key: bytes, *, sequence: int, head_hash: str, written_at: str
) -> Checkpoint:
    """Sign and append one checkpoint, flushed to disk before returning. The caller holds
    `checkpoint_lock` from before it read the last checkpoint."""
    previous = read_checkpoints(path, key)
    if previous.problem:
        raise ValueError(previous.problem)
    prev_mac = previous.latest.mac if previous.latest else GENESIS_MAC
    checkpoint = Checkpoint(
        sequence=sequence,
        head_hash=head_hash,
        written_at=written_at,
        prev_mac=prev_mac,
        mac=_mac(key, sequence, head_hash, written_at, prev_mac),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: the file can be made append-only by the operating system (chattr +a) without
    # changing anything here.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(checkpoint), separators=(",", ":")) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return checkpoint
