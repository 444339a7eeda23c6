"""Who may do what at the desk. Reading is decided by ``visible_to``; these decide acting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from suishin.core.choices import RoleChoices
from suishin.core.institutions import institution_id_of
from suishin.desk.choices import InquiryStatusChoices as Status
from suishin.desk.choices import MessageKindChoices
from suishin.desk.models import InquiryAttachment

if TYPE_CHECKING:
    from suishin.core.models import StoredFile, User
    from suishin.desk.models import DeskQueue, Inquiry

# The desk's configuration (categories, routing, service levels, queues) belongs to the
# institution's system administrators; rosters also to the queue's supervisor.
CONFIGURE_ROLES = (RoleChoices.SYSTEM_ADMIN,)
DASHBOARD_ROLES = (RoleChoices.RESPONDER, RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN)


def can_ask(user: User | AnonymousUser) -> bool:
    """Every signed-in member of an organization may ask the desk."""
    return bool(user.is_authenticated and institution_id_of(user) is not None)


def is_responder(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.has_role(RoleChoices.RESPONDER))


def is_desk_staff(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """A responder of the institution the inquiry belongs to: sees notes, answers, assigns."""
    return is_responder(user) and institution_id_of(user) == inquiry.organization.institution_id


def is_asker(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    return bool(user.is_authenticated and inquiry.created_by_id == user.pk)


def can_configure(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.has_role(*CONFIGURE_ROLES)
        and institution_id_of(user) is not None
    )


def can_keep_roster(user: User | AnonymousUser, queue: DeskQueue) -> bool:
    """Rosters are kept by the queue's supervisor and the institution's administrators."""
    if not user.is_authenticated:
        return False
    if queue.supervisor_id == user.pk:
        return True
    return can_configure(user) and institution_id_of(user) == queue.division.institution_id


def can_see_dashboard(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.has_role(*DASHBOARD_ROLES))


def may_read_inquiry_file(user: User | AnonymousUser, inquiry: Inquiry, stored: StoredFile) -> bool:
    """Files posted with an internal note are for the desk only."""
    note_file = InquiryAttachment.objects.filter(
        file=stored, message__kind=MessageKindChoices.NOTE
    ).exists()
    return not note_file or is_desk_staff(user, inquiry)


# Who may move an inquiry from one status to another. The officer who asked may close it as
# solved or send it back to the desk as not solved; everything else is the desk's.
STAFF_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.WAITING, Status.ANSWERED, Status.RESOLVED}),
    Status.IN_PROGRESS: frozenset({Status.WAITING, Status.ANSWERED, Status.RESOLVED}),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.ANSWERED, Status.RESOLVED}),
    Status.ANSWERED: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.IN_PROGRESS}),
}
ASKER_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.RESOLVED}),
    Status.IN_PROGRESS: frozenset({Status.RESOLVED}),
    Status.WAITING: frozenset({Status.RESOLVED}),
    Status.ANSWERED: frozenset({Status.RESOLVED, Status.IN_PROGRESS}),
    Status.RESOLVED: frozenset({Status.IN_PROGRESS}),
}


def status_moves(user: User | AnonymousUser, inquiry: Inquiry) -> frozenset[str]:
    """The statuses ``user`` may move ``inquiry`` to now."""
    allowed: frozenset[str] = frozenset()
    if is_desk_staff(user, inquiry):
        allowed |= STAFF_TRANSITIONS[inquiry.status]
    if is_asker(user, inquiry):
        allowed |= ASKER_TRANSITIONS[inquiry.status]
    return allowed
