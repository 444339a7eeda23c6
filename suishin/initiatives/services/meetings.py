"""Writes to meetings: schedule, agenda, materials, minutes, decisions and action items."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.models import StoredFile, User
from suishin.core.services.audit import audit_log
from suishin.core.services.files import file_attach
from suishin.core.services.notifications import notification_create
from suishin.initiatives.choices import MeetingStatusChoices
from suishin.initiatives.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Initiative,
    Meeting,
    PromotionBody,
)
from suishin.initiatives.services.access import can_close_action, can_run_meetings


def _require_runner(actor: User, body: PromotionBody) -> None:
    if not can_run_meetings(actor, body):
        raise AccessDenied(_("Only the body's secretariat can run its meetings."))


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    body: PromotionBody,
    title: str,
    starts_at: datetime.datetime,
    place: str = "",
    agenda: Sequence[tuple[str, str]] = (),
) -> Meeting:
    _require_runner(actor, body)
    meeting = Meeting(
        body=body,
        title=title.strip(),
        starts_at=starts_at,
        place=place.strip(),
        organization=body.organization,
        classification=body.classification,
        created_by=actor,
    )
    clean_or_raise(meeting)
    meeting.save()
    for position, (item, presenter) in enumerate(agenda, start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, title=item, presenter=presenter
        )
    audit_log(actor=actor, action="record.created", target=meeting, detail={"body": body.pk})
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    initiative: Initiative | None = None,
) -> AgendaItem:
    """``initiative``: one the actor found through visible_to, of the meeting's institution."""
    _require_runner(actor, meeting.body)
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
    )
    audit_log(actor=actor, action="meeting.agenda_added", target=meeting, detail={"item": item.pk})
    return item


@transaction.atomic
def meeting_attach_material(*, actor: User, meeting: Meeting, upload: UploadedFile) -> StoredFile:
    _require_runner(actor, meeting.body)
    return file_attach(actor=actor, record=meeting, upload=upload)


@transaction.atomic
def meeting_record_minutes(
    *, actor: User, meeting: Meeting, minutes: str, held: bool = True
) -> Meeting:
    _require_runner(actor, meeting.body)
    meeting.minutes = minutes.strip()
    if held:
        meeting.status = MeetingStatusChoices.HELD
    meeting.save(update_fields=["minutes", "status", "updated_at"])
    audit_log(actor=actor, action="meeting.minutes_recorded", target=meeting)
    return meeting


@transaction.atomic
def decision_add(*, actor: User, meeting: Meeting, text: str) -> Decision:
    _require_runner(actor, meeting.body)
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
    _require_runner(actor, meeting.body)
    institution_id = meeting.organization.institution_id
    if owner.unit is None or owner.unit.institution_id != institution_id:
        raise InvalidInput(
            _("Choose an owner of the body's institution."),
            fields={"owner": [_("Choose an owner of the body's institution.")]},
        )
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
            % {"date": due_date.isoformat()},
            url=meeting.get_absolute_url(),
        )
    return action


@transaction.atomic
def action_item_done(*, actor: User, action: ActionItem) -> ActionItem:
    action = (
        ActionItem.objects.select_for_update().select_related("meeting__body").get(pk=action.pk)
    )
    if not can_close_action(actor, action):
        raise AccessDenied(_("Only the owner and the body's secretariat can close this action."))
    if action.done_at is not None:
        raise InvalidInput(_("This action item is already done."))
    action.done_at = timezone.now()
    action.done_by = actor
    action.save(update_fields=["done_at", "done_by"])
    audit_log(
        actor=actor,
        action="meeting.action_done",
        target=action.meeting,
        detail={"action": action.pk},
    )
    return action
