"""Who may do what in search. Reading is decided record by record by each type's
``visible_to`` (core/access.py), inside retrieval; this decides who changes the vocabulary."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from suishin.core.choices import RoleChoices
from suishin.core.models import User

# Synonyms and phrases change every user's results, so only system administrators edit them.
VOCABULARY_ROLES = (RoleChoices.SYSTEM_ADMIN,)


def can_edit_vocabulary(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.has_role(*VOCABULARY_ROLES))
