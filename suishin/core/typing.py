"""Request type for code that runs only after sign-in (the middleware guarantees the user)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from suishin.core.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
