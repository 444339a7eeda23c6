"""Writes to meetings: schedule, who may read them, agenda, materials, minutes, decisions and
action items."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices
from suishin.core.date_range import require_dates_in_range
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.models import StoredFile, User
from suishin.core.services.audit import audit_log
from suishin.core.services.files import file_attach, file_delete
from suishin.core.services.notifications import notification_create, notifications_settled
from suishin.core.services.records import apply_sharing
from suishin.core.wareki import format_date
from suishin.initiatives.access import can_close_action, can_run_meetings
from suishin.initiatives.choices import (
    MeetingAccessChoices,
    MeetingStatusChoices,
    PartReadersChoices,
)
from suishin.initiatives.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Initiative,
    Meeting,
    MeetingMaterial,
    PromotionBody,
)
from suishin.initiatives.selectors import readable_parts

CLASSIFICATION_OF = {
    MeetingAccessChoices.PUBLIC: ClassificationChoices.PUBLIC,
    MeetingAccessChoices.INTERNAL: ClassificationChoices.INTERNAL,
    MeetingAccessChoices.MEMBERS: ClassificationChoices.RESTRICTED,
}


def _require_runner(actor: User, body: PromotionBody) -> None:
    if not can_run_meetings(actor, body):
        raise AccessDenied(_("Only the body's secretariat can run its meetings."))


def _may_read(user: User, meeting: Meeting) -> bool:
    return Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()


def _require_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatusChoices.CANCELLED:
        raise InvalidInput(_("A cancelled meeting takes no more items."))


def _require_runner_of(actor: User, meeting: Meeting) -> None:
    """Runs the body's meetings and may read this one (a members-only meeting is not for
    every manager of the institution)."""
    _require_runner(actor, meeting.body)
    if not _may_read(actor, meeting):
        raise AccessDenied(_("Only the body's secretariat can run its meetings."))


def default_access(body: PromotionBody) -> str:
    """A new meeting's level: members only for a sensitive body, else the body's own."""
    if body.meetings_members_only or body.classification == ClassificationChoices.RESTRICTED:
        return MeetingAccessChoices.MEMBERS
    if body.classification == ClassificationChoices.PUBLIC:
        return MeetingAccessChoices.PUBLIC
    return MeetingAccessChoices.INTERNAL


def access_choices(body: PromotionBody) -> list[str]:
    """The levels a meeting of ``body`` may have: as strict as the body, or stricter."""
    return [
        level
        for level in MeetingAccessChoices.values
        if CLASSIFICATION_OF[MeetingAccessChoices(level)] >= body.classification
    ]


def access_of(meeting: Meeting) -> str:
    """The meeting's level; "restricted" for a classification-3 meeting from before members-only
    meetings (its named readers and author only)."""
    if meeting.members_only:
        return MeetingAccessChoices.MEMBERS
    return {
        ClassificationChoices.PUBLIC: MeetingAccessChoices.PUBLIC,
        ClassificationChoices.INTERNAL: MeetingAccessChoices.INTERNAL,
    }.get(ClassificationChoices(meeting.classification), "restricted")


def _check_people(body: PromotionBody, people: Iterable[User], field: str) -> list[User]:
    chosen = list(people)
    institution_id = body.organization.institution_id
    if any(
        person.unit is None or person.unit.institution_id != institution_id for person in chosen
    ):
        message = _("Name only people of the body's institution.")
        raise InvalidInput(message, fields={field: [message]})
    return chosen


def _check_access(body: PromotionBody, access: str, named_readers: Iterable[User]) -> list[User]:
    if access not in MeetingAccessChoices.values:
        message = _("Choose who may read the meeting.")
        raise InvalidInput(message, fields={"access": [message]})
    if access not in access_choices(body):
        message = _(
            "A meeting cannot be read more widely than its body (%(level)s). "
            "Choose the body's level or a stricter one."
        ) % {"level": ClassificationChoices(body.classification).label}
        raise InvalidInput(message, fields={"access": [message]})
    readers = _check_people(body, named_readers, "named_readers")
    if readers and access != MeetingAccessChoices.MEMBERS:
        message = _("People can be named only for a meeting for members only.")
        raise InvalidInput(message, fields={"named_readers": [message]})
    return readers


def _check_part_readers(
    body: PromotionBody, readers: str, named_readers: Iterable[User]
) -> list[User]:
    """Who may read an agenda item or a material, checked before anything is written."""
    if readers not in PartReadersChoices.values:
        message = _("Choose who may read it.")
        raise InvalidInput(message, fields={"readers": [message]})
    named = _check_people(body, named_readers, "named_readers")
    if readers == PartReadersChoices.NAMED and not named:
        message = _("Name the people who may read it.")
        raise InvalidInput(message, fields={"named_readers": [message]})
    if readers == PartReadersChoices.MEETING and named:
        message = _("People can be named only for an item for members or named people only.")
        raise InvalidInput(message, fields={"named_readers": [message]})
    return named


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    body: PromotionBody,
    title: str,
    starts_at: datetime.datetime,
    place: str = "",
    agenda: Sequence[tuple[str, str]] = (),
    access: str | None = None,
    named_readers: Iterable[User] = (),
) -> Meeting:
    """``access``: a ``MeetingAccessChoices`` value, by default ``default_access(body)``;
    ``named_readers`` read a members-only meeting besides the body's insiders."""
    _require_runner(actor, body)
    require_dates_in_range(starts_at=starts_at)
    access = access or default_access(body)
    readers = _check_access(body, access, named_readers)
    meeting = Meeting(
        body=body,
        title=title.strip(),
        starts_at=starts_at,
        place=place.strip(),
        organization=body.organization,
        classification=CLASSIFICATION_OF[MeetingAccessChoices(access)],
        members_only=access == MeetingAccessChoices.MEMBERS,
        created_by=actor,
    )
    clean_or_raise(meeting)
    meeting.save()
    apply_sharing(record=meeting, named_readers=readers)
    for position, (item, presenter) in enumerate(agenda, start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, title=item, presenter=presenter
        )
    audit_log(
        actor=actor,
        action="record.created",
        target=meeting,
        detail={
            "body": body.pk,
            "access": access,
            "named_readers": sorted(reader.pk for reader in readers),
        },
    )
    return meeting


@transaction.atomic
def meeting_set_access(
    *, actor: User, meeting: Meeting, access: str, named_readers: Iterable[User] = ()
) -> Meeting:
    """Make a meeting (with its agenda, materials, minutes, decisions and action items)
    stricter or wider, never wider than its body."""
    _require_runner_of(actor, meeting)
    readers = _check_access(meeting.body, access, named_readers)
    previous = access_of(meeting)
    meeting.classification = CLASSIFICATION_OF[MeetingAccessChoices(access)]
    meeting.members_only = access == MeetingAccessChoices.MEMBERS
    clean_or_raise(meeting)
    meeting.save(update_fields=["classification", "members_only", "updated_at"])
    apply_sharing(record=meeting, named_readers=readers)
    audit_log(
        actor=actor,
        action="meeting.access_changed",
        target=meeting,
        detail={
            "from": previous,
            "to": access,
            "named_readers": sorted(reader.pk for reader in readers),
        },
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    initiative: Initiative | None = None,
    readers: str = PartReadersChoices.MEETING,
    named_readers: Iterable[User] = (),
) -> AgendaItem:
    """``initiative``: one the actor found through visible_to, of the meeting's institution;
    ``readers``: a ``PartReadersChoices`` value, for an item stricter than the meeting."""
    _require_runner_of(actor, meeting)
    _require_open(meeting)
    named = _check_part_readers(meeting.body, readers, named_readers)
    if not title.strip():
        raise InvalidInput(
            _("Enter the agenda item."), fields={"title": [_("This field is required.")]}
        )
    if initiative is not None and (
        initiative.organization.institution_id != meeting.organization.institution_id
    ):
        raise InvalidInput(_("Choose an initiative of the body's institution."))
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=last + 1,
        title=title.strip()[:200],
        presenter=presenter.strip()[:200],
        initiative=initiative,
        readers=readers,
    )
    item.named_readers.set(named)
    audit_log(
        actor=actor,
        action="meeting.agenda_added",
        target=meeting,
        detail={
            "item": item.pk,
            "readers": readers,
            "named_readers": sorted(person.pk for person in named),
        },
    )
    return item


@transaction.atomic
def agenda_item_update(
    *, actor: User, item: AgendaItem, title: str, presenter: str = ""
) -> AgendaItem:
    """Reword an agenda item or change who presents it."""
    _require_runner_of(actor, item.meeting)
    if not title.strip():
        message = _("Enter the agenda item.")
        raise InvalidInput(message, fields={"title": [message]})
    item.title, item.presenter = title.strip()[:200], presenter.strip()[:200]
    item.save(update_fields=["title", "presenter"])
    audit_log(
        actor=actor, action="meeting.agenda_changed", target=item.meeting, detail={"item": item.pk}
    )
    return item


@transaction.atomic
def agenda_item_move(*, actor: User, item: AgendaItem, step: int) -> None:
    """Move an agenda item one place up (-1) or down (+1) among the items the actor may
    read: it trades places with its readable neighbour, and an item named for others keeps
    its place unseen. At either end nothing moves."""
    _require_runner_of(actor, item.meeting)
    agenda = item.meeting.agenda.select_for_update().order_by("position", "pk")
    items = list(readable_parts(actor, item.meeting, agenda))
    at = next(i for i, other in enumerate(items) if other.pk == item.pk)
    to = at + (1 if step > 0 else -1)
    if not 0 <= to < len(items):
        return
    neighbour = items[to]
    item.position, neighbour.position = neighbour.position, item.position
    item.save(update_fields=["position"])
    neighbour.save(update_fields=["position"])
    audit_log(
        actor=actor,
        action="meeting.agenda_moved",
        target=item.meeting,
        detail={"item": item.pk, "position": item.position},
    )


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    _require_runner_of(actor, item.meeting)
    meeting, removed = item.meeting, item.pk  # the pk is gone once deleted
    item.delete()
    _renumber(list(meeting.agenda.select_for_update().order_by("position", "pk")))
    audit_log(
        actor=actor, action="meeting.agenda_removed", target=meeting, detail={"item": removed}
    )


def _renumber(items: list[AgendaItem]) -> None:
    """Positions 1, 2, 3 … in the given order."""
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def meeting_remove_material(*, actor: User, meeting: Meeting, stored: StoredFile) -> None:
    """Take a material off the meeting: the file and what it said of its readers."""
    _require_runner_of(actor, meeting)
    file_delete(actor=actor, record=meeting, stored=stored)  # audited there (file.deleted)


@transaction.atomic
def meeting_attach_material(
    *,
    actor: User,
    meeting: Meeting,
    upload: UploadedFile,
    readers: str = PartReadersChoices.MEETING,
    named_readers: Iterable[User] = (),
) -> StoredFile:
    """``readers``: a ``PartReadersChoices`` value, for a material stricter than the meeting."""
    _require_runner_of(actor, meeting)
    _require_open(meeting)
    named = _check_part_readers(meeting.body, readers, named_readers)
    stored = file_attach(actor=actor, record=meeting, upload=upload)
    material = MeetingMaterial.objects.create(meeting=meeting, file=stored, readers=readers)
    material.named_readers.set(named)
    audit_log(
        actor=actor,
        action="meeting.material_added",
        target=meeting,
        detail={
            "file": str(stored.uuid),
            "readers": readers,
            "named_readers": sorted(person.pk for person in named),
        },
    )
    return stored


@transaction.atomic
def meeting_reschedule(
    *, actor: User, meeting: Meeting, title: str, starts_at: datetime.datetime, place: str = ""
) -> Meeting:
    """Rename or move a meeting (a new date, time or room); a cancelled one stays cancelled."""
    _require_runner_of(actor, meeting)
    if meeting.status == MeetingStatusChoices.CANCELLED:
        raise InvalidInput(_("A cancelled meeting cannot be changed."))
    require_dates_in_range(starts_at=starts_at)
    moved = meeting.starts_at != starts_at
    if meeting.status == MeetingStatusChoices.HELD and moved and starts_at > timezone.now():
        message = _("A meeting that was held cannot be moved to a later day.")
        raise InvalidInput(message, fields={"date": [message]})
    meeting.title, meeting.starts_at, meeting.place = title.strip(), starts_at, place.strip()
    clean_or_raise(meeting)
    meeting.save(update_fields=["title", "starts_at", "place", "status", "updated_at"])
    audit_log(actor=actor, action="meeting.rescheduled", target=meeting, detail={"moved": moved})
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Call a meeting off (中止), saying why; its record stays, marked cancelled."""
    _require_runner_of(actor, meeting)
    if meeting.status != MeetingStatusChoices.SCHEDULED:
        raise InvalidInput(_("Only a meeting that has not been held can be cancelled."))
    if not reason.strip():
        message = _("Enter the reason for cancelling.")
        raise InvalidInput(message, fields={"reason": [message]})
    meeting.status = MeetingStatusChoices.CANCELLED
    meeting.cancel_reason = reason.strip()[:500]
    meeting.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit_log(actor=actor, action="meeting.cancelled", target=meeting)
    return meeting


@transaction.atomic
def meeting_record_minutes(
    *, actor: User, meeting: Meeting, minutes: str, held: bool = True
) -> Meeting:
    """Save the minutes; they mark the meeting held only once its time has come (minutes
    drafted ahead of a meeting do not say it took place)."""
    _require_runner_of(actor, meeting)
    if meeting.status == MeetingStatusChoices.CANCELLED:
        raise InvalidInput(_("A cancelled meeting has no minutes."))
    meeting.minutes = minutes.strip()
    if held and meeting.starts_at <= timezone.now():
        meeting.status = MeetingStatusChoices.HELD
    meeting.save(update_fields=["minutes", "status", "updated_at"])
    audit_log(actor=actor, action="meeting.minutes_recorded", target=meeting)
    return meeting


@transaction.atomic
def decision_add(*, actor: User, meeting: Meeting, text: str) -> Decision:
    _require_runner_of(actor, meeting)
    _require_open(meeting)
    if not text.strip():
        raise InvalidInput(
            _("Enter the decision."), fields={"text": [_("This field is required.")]}
        )
    decision = Decision.objects.create(meeting=meeting, text=text.strip())
    audit_log(
        actor=actor,
        action="meeting.decision_added",
        target=meeting,
        detail={"decision": decision.pk},
    )
    return decision


@transaction.atomic
def action_item_add(
    *, actor: User, meeting: Meeting, title: str, owner: User, due_date: datetime.date
) -> ActionItem:
    _require_runner_of(actor, meeting)
    _require_open(meeting)
    require_dates_in_range(due_date=due_date)
    institution_id = meeting.organization.institution_id
    if owner.unit is None or owner.unit.institution_id != institution_id:
        raise InvalidInput(
            _("Choose an owner of the body's institution."),
            fields={"owner": [_("Choose an owner of the body's institution.")]},
        )
    if not _may_read(owner, meeting):
        message = _(
            "The owner cannot read this meeting. For a meeting for members only, choose a "
            "member or a person named for it."
        )
        raise InvalidInput(message, fields={"owner": [message]})
    if due_date < meeting.starts_at.date():
        raise InvalidInput(
            _("The due date cannot be before the meeting."),
            fields={"due_date": [_("The due date cannot be before the meeting.")]},
        )
    action = ActionItem(meeting=meeting, title=title.strip(), owner=owner, due_date=due_date)
    clean_or_raise(action)
    action.save()
    audit_log(
        actor=actor, action="meeting.action_added", target=meeting, detail={"action": action.pk}
    )
    if owner.pk != actor.pk:
        notification_create(
            recipient=owner,
            kind="meeting.action",
            title=_("A meeting gave you an action item due %(date)s")
            % {"date": format_date(due_date, owner.date_style)},
            about=action,
            url=meeting.get_absolute_url(),
        )
    return action


@transaction.atomic
def action_item_done(*, actor: User, action: ActionItem) -> ActionItem:
    action = (
        ActionItem.objects.select_for_update()
        .select_related("meeting__body__organization")
        .get(pk=action.pk)
    )
    if not can_close_action(actor, action) or not _may_read(actor, action.meeting):
        raise AccessDenied(_("Only the owner and the secretariat can close this action item."))
    if action.done_at is not None:
        raise InvalidInput(_("This action item is already done."))
    action.done_at = timezone.now()
    action.done_by = actor
    action.save(update_fields=["done_at", "done_by"])
    notifications_settled(about=action)
    audit_log(
        actor=actor,
        action="meeting.action_done",
        target=action.meeting,
        detail={"action": action.pk},
    )
    return action
