"""Writes to the organization tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.choices import INSTITUTION_KINDS, RoleChoices
from suishin.core.errors import clean_or_raise
from suishin.core.models import Organization
from suishin.core.services.audit import audit_log
from suishin.core.services.permissions import require_role

if TYPE_CHECKING:
    from suishin.core.models import User


def _require_admin(actor: User | None) -> None:
    message = _("Only system administrators can change the organization tree.")
    require_role(actor, RoleChoices.SYSTEM_ADMIN, message=message, system=True)


@transaction.atomic
def organization_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: str,
    parent: Organization | None = None,
    sort_order: int = 0,
) -> Organization:
    _require_admin(actor)
    organization = Organization(
        code=code, name=name, kind=kind, parent=parent, sort_order=sort_order
    )
    organization.path = "/pending/"
    clean_or_raise(organization, exclude=["path"])
    organization.save()
    organization.path = f"{parent.path if parent else '/'}{organization.pk}/"
    organization.institution = _institution_for(organization)
    organization.save(update_fields=["path", "institution"])
    audit_log(actor=actor, action="organization.created", target=organization)
    return organization


def _institution_for(organization: Organization) -> Organization | None:
    node: Organization | None = organization
    while node is not None:
        if node.kind in INSTITUTION_KINDS:
            return node
        node = node.parent
    return None
