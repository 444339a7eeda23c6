"""Writing to the audit chain. Every service calls ``audit_log`` inside its own transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from suishin.core import context
from suishin.core.audit_chain import GENESIS_HASH, entry_hash, verify_entries
from suishin.core.models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from suishin.core.audit_chain import VerifyResult
    from suishin.core.models import User

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
) -> AuditEntry:
    """Append one entry. ``detail`` must hold codes and field names only, never personal data."""
    _lock_chain()
    head = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
    request_context = context.current()
    user = actor if actor is not None and actor.is_authenticated else None
    unit = getattr(user, "unit", None)
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


def audit_verify(*, batch_size: int = 5000) -> VerifyResult:
    """Verify the whole stored chain, streaming it in sequence order."""
    names = [f.name for f in AuditEntry._meta.concrete_fields if f.name != "id"]
    rows = AuditEntry.objects.order_by("sequence").values(*names).iterator(chunk_size=batch_size)
    return verify_entries(rows)
