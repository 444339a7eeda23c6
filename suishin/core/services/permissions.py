"""The one check services use to refuse an actor who lacks a role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from suishin.core.errors import AccessDenied

if TYPE_CHECKING:
    from suishin.core.models import User


def require_role(actor: User | None, *roles: str, message: str, system: bool = False) -> None:
    """Raise AccessDenied with ``message`` unless ``actor`` holds one of ``roles``. With
    ``system=True``, ``None`` stands for the system itself (the demo loader, a command run by an
    operator on the server) and is allowed."""
    if actor is None:
        if system:
            return
        raise AccessDenied(message)
    if not actor.has_role(*roles):
        raise AccessDenied(message)
