"""Core's access rules. First and above all, the one place that decides who may read which
business record (need-to-know); then who may act on core's own records (notices).

Rules, for a signed-in user whose unit belongs to institution I:
- classification 1 (public): everyone, anonymous visitors included;
- classification 2 (within the organization): members of the owning institution, members of
  any organization the record is explicitly shared with (and of the units below it), and
  everyone when the record is shared nationwide (横展開) — except for records shared outside
  through a snapshot (``shared_outside_by_snapshot``), which only their institution reads,
  whatever their classification and sharing say;
- classification 3 (named people only): the named readers and the author, nobody else —
  not even system administrators.
The rules are evaluated from the user's current unit on every query, so a user who is moved
to another unit loses the old access on the next request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q

from suishin.core.choices import ClassificationChoices, RoleChoices

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Model

    from suishin.core.models import User


def visibility_filter(model: type[Model], user: User | AnonymousUser | None) -> Q:
    """A filter on ``model`` (a BusinessRecord subclass) that keeps what ``user`` may read."""
    through_snapshot = getattr(model, "shared_outside_by_snapshot", False)
    # Such a record reaches nobody outside its institution, not even when it is public: what
    # is published of it is its confirmed snapshot.
    public = Q(pk__in=[]) if through_snapshot else Q(classification=ClassificationChoices.PUBLIC)
    if user is None or not user.is_authenticated or not user.is_active:
        return public
    unit = getattr(user, "unit", None)
    if unit is None:
        return public
    shared_through: Any = model._meta.get_field("shared_organizations").remote_field.through  # type: ignore[union-attr]
    source_column = f"{model._meta.model_name}_id"
    shared_with_user_unit = Exists(
        shared_through.objects.filter(
            **{source_column: OuterRef("pk")}, organization_id__in=unit.ancestor_ids
        )
    )
    own_institution = Q(organization__institution_id=unit.institution_id)
    internal: Any
    if through_snapshot:
        public = Q(classification=ClassificationChoices.PUBLIC) & own_institution
        internal = Q(classification=ClassificationChoices.INTERNAL) & own_institution
    else:
        internal = Q(classification=ClassificationChoices.INTERNAL) & (
            own_institution | Q(shared_nationwide=True) | shared_with_user_unit
        )
    readers_through: Any = model._meta.get_field("named_readers").remote_field.through  # type: ignore[union-attr]
    named = Exists(
        readers_through.objects.filter(**{source_column: OuterRef("pk")}, user_id=user.pk)
    )
    restricted = Q(classification=ClassificationChoices.RESTRICTED) & (
        Q(created_by_id=user.pk) | named
    )
    return public | internal | restricted


# Who writes the institution's notices.
NOTICE_AUTHOR_ROLES = (RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN)


def can_author_notices(user: User) -> bool:
    return user.is_authenticated and user.has_role(*NOTICE_AUTHOR_ROLES)
