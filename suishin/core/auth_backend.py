"""Django's model backend (passwords, active accounts), with the signed-in user read on every
request by one fixed statement (see ``suishin.core.statements``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import router

from suishin.core.models import User
from suishin.core.statements import fixed_statement

# What sessions name as the backend that signed the user in.
BACKEND_PATH = "suishin.core.auth_backend.UserBackend"

BY_PK = "SELECT {columns} FROM {table} WHERE {id} = %s"


class UserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        alias = router.db_for_read(User)
        # A raw query set still applies each field's conversions (dates on SQLite, say).
        found = User.objects.raw(fixed_statement(User, alias, BY_PK), [pk], using=alias)
        user = next(iter(found), None)
        return user if user is not None and self.user_can_authenticate(user) else None
