"""Who may run the promotion structure: the secretariat (推進事務局) and system administrators
of the institution, and the staff of a body's own secretariat unit (a WG's 庶務) for its
meetings. Reading follows the records' classification (visible_to); a members-only meeting is
read by its body's insiders (``models.body_insiders``)."""

from __future__ import annotations

from suishin.core.choices import OrganizationKindChoices, RoleChoices
from suishin.core.institutions import institution_id_of
from suishin.core.models import Organization, User
from suishin.initiatives.models import (
    SECRETARIAT_STAFF_ROLES,
    ActionItem,
    Initiative,
    PromotionBody,
    SharedCase,
    body_insiders,
)

MANAGER_ROLES = (RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN)


def is_national_secretariat(user: User) -> bool:
    """The national agency's secretariat: sees national aggregates (counts, never content)."""
    unit = getattr(user, "unit", None)
    return (
        unit is not None
        and unit.institution is not None
        and unit.institution.kind == OrganizationKindChoices.NATIONAL_AGENCY
        and user.has_role(RoleChoices.SECRETARIAT)
    )


def can_manage_structure(user: User, institution: Organization | None = None) -> bool:
    """Bodies, members and posts of the user's own institution."""
    if not user.is_authenticated or not user.has_role(*MANAGER_ROLES):
        return False
    own = institution_id_of(user)
    return own is not None and (institution is None or institution.institution_id == own)


def is_secretariat_staff(user: User, body: PromotionBody) -> bool:
    """On the staff of the body's own secretariat unit; an auditor placed there only reads."""
    return (
        user.is_authenticated
        and user.unit_id == body.secretariat_id
        and user.has_role(*SECRETARIAT_STAFF_ROLES)
    )


def can_run_meetings(user: User, body: PromotionBody) -> bool:
    return can_manage_structure(user, body.organization) or is_secretariat_staff(user, body)


def is_insider(user: User, body: PromotionBody) -> bool:
    """Sits on the body now, or is on its secretariat staff: reads what is for members only."""
    return PromotionBody.objects.filter(body_insiders(user, body=None), pk=body.pk).exists()


def can_close_action(user: User, action: ActionItem) -> bool:
    """The owner and the secretariat: the institution's 推進事務局 and the staff of the body's
    secretariat unit. Merely reading the meeting is not enough; the service also requires
    that the actor may read it."""
    if not user.is_authenticated:
        return False
    if action.owner_id == user.pk:
        return True
    body = action.meeting.body
    if is_secretariat_staff(user, body):
        return True
    return (
        user.has_role(RoleChoices.SECRETARIAT)
        and institution_id_of(user) == body.organization.institution_id
    )


# Who registers initiatives: their owners, the secretariat and administrators.
AUTHOR_ROLES = (RoleChoices.INITIATIVE_OWNER, *MANAGER_ROLES)


def can_author(user: User) -> bool:
    return user.is_authenticated and user.unit is not None and user.has_role(*AUTHOR_ROLES)


def can_run(user: User, initiative: Initiative) -> bool:
    """The owner, or the secretariat and administrators of the owning institution."""
    if not user.is_authenticated or user.unit is None:
        return False
    if initiative.owner_id == user.pk:
        return True
    same = user.unit.institution_id == initiative.organization.institution_id
    return same and user.has_role(*MANAGER_ROLES)


def can_configure_categories(user: User) -> bool:
    return user.is_authenticated and user.unit is not None and user.has_role(*MANAGER_ROLES)


def can_report(user: User) -> bool:
    return user.unit is not None and user.has_role(*MANAGER_ROLES)


def can_confirm_case(user: User, case: SharedCase) -> bool:
    """The institution's secretariat confirms what its people share (the second person is
    checked on top)."""
    unit = getattr(user, "unit", None)
    return (
        unit is not None
        and unit.institution_id == case.organization.institution_id
        and user.has_role(RoleChoices.SECRETARIAT)
    )
