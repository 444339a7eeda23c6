"""KCS proficiency roles: who may draft, validate and publish articles in an institution.

Everyone signed in with a unit is a candidate in their own institution (drafts and articles
not yet validated). Contributors validate and archive within the institution; publishers
also share articles beyond it, after the personal-data check. Administrators grant roles.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import User
from suishin.core.services.audit import audit_log
from suishin.knowledge.access import can_grant_roles
from suishin.knowledge.choices import KnowledgeRoleChoices
from suishin.knowledge.models import KnowledgeRole


@transaction.atomic
def knowledge_role_set(*, actor: User, user: User, role: int) -> KnowledgeRole:
    if not can_grant_roles(actor) or actor.unit is None:
        raise AccessDenied(_("Only system administrators can grant KCS roles."))
    if user.unit is None or user.unit.institution_id != actor.unit.institution_id:
        raise AccessDenied(_("You can grant KCS roles only to people of your institution."))
    if role not in KnowledgeRoleChoices.values:
        raise InvalidInput(_("Choose a KCS role."), fields={"role": [_("Choose a KCS role.")]})
    granted, _created = KnowledgeRole.objects.update_or_create(
        user=user,
        institution_id=user.unit.institution_id,
        defaults={"role": role, "granted_by": actor},
    )
    audit_log(
        actor=actor,
        action="knowledge.role_granted",
        target=granted,
        detail={"user": user.pk, "role": role},
    )
    return granted
