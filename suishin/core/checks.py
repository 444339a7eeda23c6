"""Deployment checks of core (``suishin check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def audit_checkpoint_key_given(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """In production the checkpoint key is the operators' to keep: a key made beside the files
    is lost with the machine, and one each worker made for itself would not verify."""
    if settings.PRODUCTION and settings.SUISHIN_AUDIT_CHECKPOINT_KEY_GENERATED:
        return [
            Warning(
                "The audit checkpoint key was generated on this machine.",
                hint="Set SUISHIN_AUDIT_CHECKPOINT_KEY (or SUISHIN_AUDIT_CHECKPOINT_KEY_FILE) to "
                "a key kept apart from the database and its backups (docs/operations.md).",
                id="core.W001",
            )
        ]
    return []
