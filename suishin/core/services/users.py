"""Writes to users: creation, roles, moves between units, personal preferences."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.choices import RoleChoices
from suishin.core.errors import InvalidInput, clean_or_raise
from suishin.core.models import Organization, User, UserRole
from suishin.core.services.audit import audit_log
from suishin.core.services.permissions import require_role


def _require_admin(actor: User | None) -> None:
    message = _("Only system administrators can manage users.")
    require_role(actor, RoleChoices.SYSTEM_ADMIN, message=message, system=True)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    unit: Organization,
    roles: Iterable[str],
    display_name: str = "",
    email: str = "",
    password_hash: str = "",
) -> User:
    """Create a user. ``password_hash`` (instead of ``password``) takes a password already
    checked and hashed, for loaders that create many accounts with one known password."""
    _require_admin(actor)
    user = User(username=username, unit=unit, display_name=display_name, email=email)
    if password_hash:
        user.password = password_hash
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise InvalidInput(
                _("The password does not meet the rules."),
                fields={"password": list(error.messages)},
            ) from error
        user.set_password(password)
    clean_or_raise(user)
    user.save()
    _replace_roles(user, roles)
    audit_log(actor=actor, action="user.created", target=user, detail={"roles": sorted(set(roles))})
    return user


def _replace_roles(user: User, roles: Iterable[str]) -> None:
    wanted = set(roles)
    unknown = wanted - set(RoleChoices.values)
    if unknown:
        raise InvalidInput(_("Unknown role."), fields={"roles": sorted(unknown)})
    user.roles.exclude(role__in=wanted).delete()
    existing = set(user.roles.values_list("role", flat=True))
    UserRole.objects.bulk_create([UserRole(user=user, role=role) for role in wanted - existing])
    user.forget_roles()


@transaction.atomic
def user_set_roles(*, actor: User | None, user: User, roles: Iterable[str]) -> User:
    _require_admin(actor)
    before = sorted(user.role_set)
    _replace_roles(user, roles)
    audit_log(
        actor=actor,
        action="user.roles_changed",
        target=user,
        detail={"before": before, "after": sorted(user.role_set)},
    )
    return user


@transaction.atomic
def user_move(*, actor: User | None, user: User, unit: Organization) -> User:
    """Transfer a user to another unit. Access follows at once: the policy reads the current unit."""
    _require_admin(actor)
    previous_unit_id = user.unit_id
    user.unit = unit
    user.save(update_fields=["unit"])
    audit_log(
        actor=actor,
        action="user.moved",
        target=user,
        detail={"from_unit": previous_unit_id, "to_unit": unit.pk},
    )
    return user


@transaction.atomic
def user_update_preferences(*, actor: User, date_style: str, language: str) -> User:
    actor.date_style = date_style
    actor.language = language
    clean_or_raise(actor)
    actor.save(update_fields=["date_style", "language"])
    audit_log(
        actor=actor,
        action="user.preferences_changed",
        target=actor,
        detail={"fields": ["date_style", "language"]},
    )
    return actor


@transaction.atomic
def user_unlock(*, actor: User | None, user: User) -> User:
    """Lift a sign-in lock before it runs out (for example after the person called the helpdesk)."""
    _require_admin(actor)
    user.failed_login_count = 0
    user.locked_until = None
    user.save(update_fields=["failed_login_count", "locked_until"])
    audit_log(actor=actor, action="user.unlocked", target=user)
    return user
