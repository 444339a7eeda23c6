"""Writing to the audit chain. Every service calls ``audit_log`` inside its own transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from suishin.core import audit_chain, context
from suishin.core.audit_chain import (
    GENESIS_HASH,
    ChainBreak,
    VerifyResult,
    entry_hash,
    verify_entries,
)
from suishin.core.audit_checkpoints import (
    Checkpoint,
    append_checkpoint,
    checkpoint_lock,
    read_checkpoints,
)
from suishin.core.models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from suishin.core.models import Organization, User

logger = logging.getLogger(__name__)

# Arbitrary constant naming the PostgreSQL advisory lock that serializes appends to the chain.
_CHAIN_LOCK_KEY = 7_311_502


def _lock_chain() -> None:
    # SQLite runs every transaction as BEGIN IMMEDIATE (see settings), which already serializes
    # writers; PostgreSQL needs an explicit lock so two appends never read the same head.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


@transaction.atomic
def audit_log(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
    organization: Organization | None = None,
) -> AuditEntry:
    """Append one entry. ``detail`` must hold codes and field names only, never personal data.

    The entry belongs to the actor's unit, which decides which auditors read it; an entry with
    no signed-in actor (a failed sign-in to an account, say) names the ``organization`` it
    concerns instead."""
    _lock_chain()
    head = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
    request_context = context.current()
    user = actor if actor is not None and actor.is_authenticated else None
    unit = getattr(user, "unit", None) or organization
    fields: dict[str, Any] = {
        "sequence": (head["sequence"] + 1) if head else 1,
        "occurred_at": timezone.now(),
        "actor_id": user.pk if user else None,
        "actor_username": user.get_username() if user else "",
        "actor_roles": ",".join(sorted(user.role_set)) if user else "",
        "organization_id": unit.pk if unit else None,
        "organization_path": unit.path if unit else "",
        "organization_name": unit.name if unit else "",
        "action": action,
        "object_type": target._meta.label_lower if target is not None else "",
        "object_id": str(target.pk) if target is not None and target.pk is not None else "",
        "classification": getattr(target, "classification", None),
        "detail": detail or {},
        "ip_address": request_context.ip_address or "",
        "request_id": request_context.request_id,
        "prev_hash": head["entry_hash"] if head else GENESIS_HASH,
    }
    fields["entry_hash"] = entry_hash(fields)
    return AuditEntry.objects.create(**fields)


def _checkpoint_key() -> bytes:
    return str(settings.SUISHIN_AUDIT_CHECKPOINT_KEY).encode()


def _stored_entries(*, after: int = 0, batch_size: int = 5000) -> Any:
    names = [f.name for f in AuditEntry._meta.concrete_fields if f.name != "id"]
    return (
        AuditEntry.objects.filter(sequence__gt=after)
        .order_by("sequence")
        .values(*names)
        .iterator(chunk_size=batch_size)
    )


# Written when a checkpoint file is started: from then on, a chain without its file is an
# anomaly, not a new installation.
CHECKPOINTS_STARTED = "audit.checkpoints_started"


def audit_verify(*, restored: bool = False, batch_size: int = 5000) -> VerifyResult:
    """Verify the whole stored chain, streaming it in sequence order, against every signed
    checkpoint: an edit, a gap, a lost tail or an emptied table is named by its first entry.

    ``restored``: the database is a restored backup, which ends where the backup was taken;
    it must match every checkpoint up to its own length, and the checkpoints after it (the
    entries written after the backup) are not expected in it.
    """
    signed = read_checkpoints(settings.SUISHIN_AUDIT_CHECKPOINT_FILE, _checkpoint_key())
    if signed.problem:
        return VerifyResult(
            0, ChainBreak(0, f"checkpoint file: {signed.problem}", audit_chain.CHECKPOINT_FILE)
        )
    points = signed.checkpoints
    if not points:
        started = _checkpoints_started()
        if started is not None:
            return VerifyResult(
                0,
                ChainBreak(
                    started,
                    "the checkpoint file is missing or empty, although entry "
                    f"{started} records that checkpoints were started",
                    audit_chain.CHECKPOINTS_LOST,
                ),
            )
    if restored:
        length = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True)
        stored = length.first() or 0
        points = [point for point in points if point.sequence <= stored]
    latest = points[-1] if points else None
    return verify_entries(
        _stored_entries(batch_size=batch_size),
        checkpoints={point.sequence: point.head_hash for point in points},
        checkpoint_label=f"the checkpoint of {latest.written_at}" if latest else "",
    )


def _checkpoints_started() -> int | None:
    """The entry that records the first checkpoint file's start, if the chain has one."""
    return (
        AuditEntry.objects.filter(action=CHECKPOINTS_STARTED)
        .order_by("sequence")
        .values_list("sequence", flat=True)
        .first()
    )


@dataclass(frozen=True)
class CheckpointResult:
    checkpoint: Checkpoint | None  # the one written, or the latest if nothing was new
    written: bool
    problem: str | None = None


def audit_checkpoint(*, start_new: bool = False) -> CheckpointResult:
    """Sign the chain's present length and head, after checking what was added since the last
    checkpoint links to it. A chain that no longer matches is reported, never signed.

    A new file is started on its own only for a chain that was never checkpointed (a new
    installation, or one upgraded from before checkpoints). Once checkpoints were started, a
    missing file is reported; ``start_new`` (an operator's decision, after a restore or a lost
    file) starts a new one anyway, and the chain records that it did.
    """
    path, key = settings.SUISHIN_AUDIT_CHECKPOINT_FILE, _checkpoint_key()
    with checkpoint_lock(path):
        signed = read_checkpoints(path, key)
        if signed.problem and not start_new:
            return _refused(signed.latest, signed.problem)
        latest = None if start_new else signed.latest
        if latest is None:
            started = _checkpoints_started()
            if started is not None and not start_new:
                return _refused(
                    None,
                    f"the checkpoint file is missing or empty, although entry {started} records "
                    "that checkpoints were started; start a new file only on purpose "
                    "(suishin audit checkpoint --start-new)",
                )
            if start_new and path.exists():
                path.rename(path.with_name(f"{path.name}.{timezone.now():%Y%m%d-%H%M%S}"))
            audit_log(actor=None, action=CHECKPOINTS_STARTED, detail={"restarted": start_new})
            logger.warning("audit checkpoints: a new checkpoint file was started at %s", path)
        head = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
        sequence, head_hash = (head["sequence"], head["entry_hash"]) if head else (0, GENESIS_HASH)
        if latest and (latest.sequence, latest.head_hash) == (sequence, head_hash):
            return CheckpointResult(latest, False)
        problem = _since_checkpoint_problem(latest, sequence)
        if problem:
            return _refused(latest, problem)
        written = append_checkpoint(
            path,
            key,
            sequence=sequence,
            head_hash=head_hash,
            written_at=timezone.now().isoformat(timespec="seconds"),
        )
    return CheckpointResult(written, True)


def _refused(latest: Checkpoint | None, problem: str) -> CheckpointResult:
    logger.error("audit checkpoint not written: %s", problem)
    return CheckpointResult(latest, False, problem)


def _since_checkpoint_problem(latest: Checkpoint | None, sequence: int) -> str | None:
    """Why the entries after the last checkpoint cannot be signed, if they cannot."""
    if latest is None:
        result = verify_entries(_stored_entries())
    else:
        if sequence < latest.sequence:
            return f"entries {sequence + 1}-{latest.sequence} are missing"
        anchor = AuditEntry.objects.filter(sequence=latest.sequence).values("entry_hash").first()
        if anchor is None or anchor["entry_hash"] != latest.head_hash:
            return f"entry {latest.sequence} differs from the one the last checkpoint signed"
        result = verify_entries(
            _stored_entries(after=latest.sequence),
            start=(latest.sequence + 1, latest.head_hash),
        )
    if result.first_break:
        return f"sequence {result.first_break.sequence}: {result.first_break.reason}"
    return None
