"""How a signed-in request finds its user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from suishin.core.models import User

BACKEND = "suishin.core.backends.UserBackend"


class UserBackend(ModelBackend):
    """Django's model backend, reading the user's unit with the user: nearly every page needs
    it (the need-to-know rules, the header), and it cost a query of its own on each request."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User.objects.select_related("unit").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
