"""Writes to inquiries: asking, answering, the status lifecycle, merging and knowledge links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.models import User
from suishin.core.services.audit import audit_log
from suishin.core.services.files import file_attach, validate_upload
from suishin.core.services.notifications import notification_create
from suishin.desk.access import can_ask, is_asker, is_desk_staff, status_moves
from suishin.desk.choices import (
    InquiryStatusChoices,
    MessageKindChoices,
    ReferenceKindChoices,
)
from suishin.desk.models import (
    Inquiry,
    InquiryAttachment,
    InquiryCategory,
    InquiryMessage,
    InquiryReference,
)
from suishin.desk.services import routing, sla

Status = InquiryStatusChoices

ALLOWED_CLASSIFICATIONS = (ClassificationChoices.INTERNAL, ClassificationChoices.RESTRICTED)


def _locked(inquiry: Inquiry) -> Inquiry:
    """The inquiry re-read under a row lock, so concurrent writers queue up instead of
    overwriting each other's status and clock fields."""
    return (
        Inquiry.objects.select_for_update(of=("self",))
        .select_related("organization", "queue")
        .get(pk=inquiry.pk)
    )


def _event(inquiry: Inquiry, actor: User | None, text: str) -> InquiryMessage:
    return InquiryMessage.objects.create(
        inquiry=inquiry,
        kind=MessageKindChoices.EVENT,
        author=actor,
        body=text,
        created_at=timezone.now(),
    )


def _touch(inquiry: Inquiry, *fields: str) -> None:
    inquiry.last_activity_at = timezone.now()
    # Saving the inquiry itself keeps its search document (question and answers) current.
    inquiry.save(update_fields=[*dict.fromkeys([*fields, "last_activity_at", "updated_at"])])


def _validate_uploads(attachments: Sequence[UploadedFile]) -> None:
    for upload in attachments:
        validate_upload(upload)


def _attach(actor: User, message: InquiryMessage, attachments: Sequence[UploadedFile]) -> None:
    for upload in attachments:
        stored = file_attach(actor=actor, record=message.inquiry, upload=upload)
        InquiryAttachment.objects.create(message=message, file=stored)


def _share_with_queue(inquiry: Inquiry) -> None:
    """A classification-3 inquiry is read by the asker and the responders who handle it."""
    if inquiry.classification == ClassificationChoices.RESTRICTED and inquiry.queue is not None:
        inquiry.named_readers.add(*routing.queue_responders(inquiry.queue))


def _assign(inquiry: Inquiry, assignee: User | None) -> None:
    inquiry.assignee = assignee
    inquiry.assigned_at = timezone.now() if assignee else None
    if assignee is not None and inquiry.classification == ClassificationChoices.RESTRICTED:
        inquiry.named_readers.add(assignee)


@transaction.atomic
def inquiry_create(
    *,
    actor: User,
    category: InquiryCategory,
    urgency: str,
    subject: str,
    body: str,
    classification: int = ClassificationChoices.INTERNAL,
    attachments: Sequence[UploadedFile] = (),
    solved_by: tuple[str, str] | None = None,
) -> Inquiry:
    """An officer asks headquarters. The inquiry is routed to a queue, given to the on-duty
    responder next in turn, and its service-level clocks start.

    With ``solved_by`` (a search document's type and id) the officer found the answer among
    the suggestions while typing ("これで解決"): the inquiry is kept, closed as self-resolved,
    with that item recorded as the one that solved it, and nobody at the desk is disturbed."""
    if not can_ask(actor):
        raise AccessDenied(_("Only members of an organization can ask the desk."))
    unit = actor.unit
    assert unit is not None  # noqa: S101 - can_ask checked it
    if category.institution_id not in (None, unit.institution_id) or not category.is_active:
        message = _("Choose one of the categories shown.")
        raise InvalidInput(message, fields={"category": [message]})
    if classification not in ALLOWED_CLASSIFICATIONS:
        message = _("Choose who may read the inquiry from the options shown.")
        raise InvalidInput(message, fields={"classification": [message]})
    _validate_uploads(attachments)
    now = timezone.now()
    inquiry = Inquiry(
        organization=unit,
        classification=classification,
        created_by=actor,
        category=category,
        urgency=urgency,
        subject=subject.strip(),
        body=body.strip(),
        status=Status.NEW,
        last_activity_at=now,
    )
    clean_or_raise(inquiry, exclude=["clock"])
    if solved_by is not None:
        return _create_self_resolved(actor, inquiry, solved_by)
    inquiry.queue = routing.queue_for(unit=unit, category=category)
    targets = sla.targets_for(
        institution_id=unit.institution_id or unit.pk, urgency=urgency, category=category
    )
    sla.start_clocks(inquiry, targets, now)
    inquiry.save()
    if classification == ClassificationChoices.RESTRICTED:
        inquiry.named_readers.add(actor)
    _share_with_queue(inquiry)
    if inquiry.queue is not None:
        assignee = routing.next_responder(inquiry.queue, now)
        if assignee is not None:
            _assign(inquiry, assignee)
            inquiry.save(update_fields=["assignee", "assigned_at"])
    audit_log(
        actor=actor,
        action="record.created",
        target=inquiry,
        detail={
            "classification": classification,
            "queue": inquiry.queue_id,
            "assignee": inquiry.assignee_id,
            "urgency": urgency,
        },
    )
    if attachments:
        event = _event(inquiry, actor, _("Attachments sent with the question."))
        _attach(actor, event, attachments)
    if inquiry.assignee is not None:
        notification_create(
            recipient=inquiry.assignee,
            kind="desk.assigned",
            title=_("Inquiry %(number)s was assigned to you.") % {"number": inquiry.pk},
            about=inquiry,
        )
    return inquiry


def _create_self_resolved(actor: User, inquiry: Inquiry, solved_by: tuple[str, str]) -> Inquiry:
    now = timezone.now()
    inquiry.status = Status.RESOLVED
    inquiry.self_resolved = True
    inquiry.resolved_at = now
    inquiry.first_response_due = inquiry.resolution_due = None
    inquiry.save()
    if inquiry.classification == ClassificationChoices.RESTRICTED:
        inquiry.named_readers.add(actor)
    type_key, object_id = solved_by
    _reference(actor, inquiry, ReferenceKindChoices.SOLVED, type_key, object_id)
    _event(inquiry, actor, _("Solved by the officer with a suggested item."))
    audit_log(
        actor=actor,
        action="record.created",
        target=inquiry,
        detail={
            "classification": inquiry.classification,
            "self_resolved": True,
            "type": type_key,
            "object_id": object_id,
        },
    )
    return inquiry


@dataclass
class PostResult:
    """What a post returns: the new message, and what others posted while the author wrote."""

    message: InquiryMessage
    missed: list[InquiryMessage] = field(default_factory=list)


@transaction.atomic
def inquiry_post(
    *,
    actor: User,
    inquiry: Inquiry,
    body: str,
    kind: str,
    next_status: str | None = None,
    seen_message_id: int | None = None,
    attachments: Sequence[UploadedFile] = (),
) -> PostResult:
    """Add to the thread: a responder's reply or internal note, or the officer's message.

    Two people writing at once both keep their text. ``seen_message_id`` is the last message
    the author had on screen; what others posted after it comes back in ``missed`` so that
    the second writer sees the first."""
    inquiry = _locked(inquiry)
    staff, asker = is_desk_staff(actor, inquiry), is_asker(actor, inquiry)
    if kind in (MessageKindChoices.REPLY, MessageKindChoices.NOTE) and not staff:
        raise AccessDenied(_("Only responders of the desk can answer inquiries."))
    if kind == MessageKindChoices.FOLLOW_UP and not asker:
        raise AccessDenied(_("Only the officer who asked can add to the question."))
    if kind not in (
        MessageKindChoices.REPLY,
        MessageKindChoices.NOTE,
        MessageKindChoices.FOLLOW_UP,
    ):
        raise InvalidInput(_("Choose what kind of message to post."))
    if inquiry.merged_into_id is not None:
        raise InvalidInput(_("This inquiry was merged into another; write there instead."))
    text = body.strip()
    if not text:
        message_text = _("Enter a message.")
        raise InvalidInput(message_text, fields={"body": [message_text]})
    if next_status is not None and next_status not in (Status.ANSWERED, Status.WAITING):
        raise InvalidInput(_("Choose whether the reply answers the question or asks the officer."))
    _validate_uploads(attachments)
    now = timezone.now()
    message = InquiryMessage(inquiry=inquiry, kind=kind, author=actor, body=text, created_at=now)
    clean_or_raise(message, exclude=["inquiry"])
    message.save()
    _attach(actor, message, attachments)
    changed: list[str] = []
    if kind == MessageKindChoices.REPLY:
        changed += _after_reply(actor, inquiry, next_status or Status.ANSWERED, now)
    elif kind == MessageKindChoices.NOTE and inquiry.status == Status.NEW:
        inquiry.status = Status.IN_PROGRESS
        changed.append("status")
    elif kind == MessageKindChoices.FOLLOW_UP:
        changed += _after_follow_up(inquiry, now)
    _touch(inquiry, *changed)
    audit_log(
        actor=actor,
        action="inquiry.message_posted",
        target=inquiry,
        detail={"kind": kind, "message": message.pk, "status": inquiry.status},
    )
    missed = []
    if seen_message_id is not None:
        missed = list(
            inquiry.messages.filter(pk__gt=seen_message_id)
            .exclude(pk=message.pk)
            .exclude(kind=MessageKindChoices.EVENT)
            .select_related("author")
        )
        if not staff:
            missed = [m for m in missed if m.kind != MessageKindChoices.NOTE]
    return PostResult(message=message, missed=missed)


def _after_reply(actor: User, inquiry: Inquiry, next_status: str, now: object) -> list[str]:
    changed = ["status"]
    if inquiry.first_responded_at is None:
        inquiry.first_responded_at = now  # type: ignore[assignment]
        changed.append("first_responded_at")
    if inquiry.assignee_id is None:
        _assign(inquiry, actor)
        changed += ["assignee", "assigned_at"]
    if inquiry.status == Status.WAITING:
        sla.resume(inquiry, now)  # type: ignore[arg-type]
    if next_status == Status.WAITING:
        sla.pause(inquiry, now)  # type: ignore[arg-type]
        title = _("The desk has a question about your inquiry %(number)s.")
    else:
        if inquiry.answered_at is None:
            inquiry.answered_at = now  # type: ignore[assignment]
            changed.append("answered_at")
        title = _("Your inquiry %(number)s was answered.")
    inquiry.status = next_status
    changed += ["waiting_since", "resolution_due"]
    notification_create(
        recipient=inquiry.created_by,
        kind="desk.reply",
        title=title % {"number": inquiry.pk},
        about=inquiry,
    )
    return changed


def _after_follow_up(inquiry: Inquiry, now: object) -> list[str]:
    """The officer wrote: a wait ends, and an answered or closed question opens again."""
    changed: list[str] = []
    if inquiry.status == Status.WAITING:
        sla.resume(inquiry, now)  # type: ignore[arg-type]
        inquiry.status = Status.IN_PROGRESS
        changed += ["status", "waiting_since", "resolution_due"]
    elif inquiry.status in (Status.ANSWERED, Status.RESOLVED):
        changed += _reopen(inquiry, now)
    if inquiry.assignee_id is not None:
        notification_create(
            recipient=inquiry.assignee,  # type: ignore[arg-type]
            kind="desk.follow_up",
            title=_("The officer wrote again about inquiry %(number)s.") % {"number": inquiry.pk},
            about=inquiry,
        )
    return changed


def _reopen(inquiry: Inquiry, now: object) -> list[str]:
    targets = sla.targets_for(
        institution_id=inquiry.organization.institution_id,  # type: ignore[arg-type]
        urgency=inquiry.urgency,
        category=inquiry.category,
    )
    sla.start_clocks(inquiry, targets, now)  # type: ignore[arg-type]
    inquiry.status = Status.IN_PROGRESS
    inquiry.resolved_at = None
    inquiry.self_resolved = False
    return [
        "status",
        "resolved_at",
        "self_resolved",
        "clock",
        "clock_started_at",
        "resolution_due",
        "resolution_escalation",
    ]


@transaction.atomic
def inquiry_change_status(*, actor: User, inquiry: Inquiry, status: str) -> Inquiry:
    """Move along the lifecycle 新規 → 対応中 → 回答済 → 解決 (and back again by reopening)."""
    inquiry = _locked(inquiry)
    staff, asker = is_desk_staff(actor, inquiry), is_asker(actor, inquiry)
    if not (staff or asker):
        raise AccessDenied(_("Only the officer who asked and the desk can change the status."))
    if status not in Status.values:
        raise InvalidInput(_("Choose a status from the list."))
    if inquiry.merged_into_id is not None:
        raise InvalidInput(_("This inquiry was merged into another; change that one instead."))
    if status == inquiry.status or status not in status_moves(actor, inquiry):
        raise InvalidInput(
            _("An inquiry that is %(current)s cannot be changed to %(wanted)s.")
            % {"current": inquiry.get_status_display(), "wanted": Status(status).label}
        )
    now = timezone.now()
    previous = inquiry.status
    changed = ["status"]
    if status == Status.IN_PROGRESS and previous in (Status.ANSWERED, Status.RESOLVED):
        changed += _reopen(inquiry, now)
    else:
        if previous == Status.WAITING:
            sla.resume(inquiry, now)
            changed += ["waiting_since", "resolution_due"]
        if status == Status.WAITING:
            sla.pause(inquiry, now)
            changed.append("waiting_since")
        if status == Status.IN_PROGRESS and inquiry.assignee_id is None and staff:
            _assign(inquiry, actor)
            changed += ["assignee", "assigned_at"]
        if status == Status.ANSWERED and inquiry.answered_at is None:
            inquiry.answered_at = now
            changed.append("answered_at")
        if status == Status.RESOLVED:
            inquiry.resolved_at = now
            changed.append("resolved_at")
        inquiry.status = status
    _event(
        inquiry,
        actor,
        _("Status changed from %(old)s to %(new)s.")
        % {"old": Status(previous).label, "new": Status(status).label},
    )
    _touch(inquiry, *changed)
    audit_log(
        actor=actor,
        action="inquiry.status_changed",
        target=inquiry,
        detail={"from": previous, "to": status},
    )
    return inquiry


def _reference(
    actor: User, inquiry: Inquiry, kind: str, type_key: str, object_id: str
) -> InquiryReference:
    from suishin.search.models import SearchDocument

    # Only what the actor may open can be cited: the title and address come from the index.
    document = (
        SearchDocument.objects.visible_to(actor)
        .filter(type_key=type_key, object_id=object_id)
        .first()
    )
    if document is None or (type_key == "desk.inquiry" and object_id == str(inquiry.pk)):
        raise InvalidInput(_("The item to link was not found. Search again and choose one."))
    reference, _created = InquiryReference.objects.get_or_create(
        inquiry=inquiry,
        kind=kind,
        type_key=type_key,
        object_id=object_id,
        defaults={
            "title": document.title[:500],
            "url": document.url[:500],
            "created_by": actor,
            "created_at": timezone.now(),
        },
    )
    return reference


@transaction.atomic
def inquiry_link_reference(
    *, actor: User, inquiry: Inquiry, type_key: str, object_id: str
) -> InquiryReference:
    """KCS linking: a responder ties a knowledge article, manual section or earlier inquiry to
    this inquiry, which counts as a reuse of that item."""
    inquiry = _locked(inquiry)
    if not is_desk_staff(actor, inquiry):
        raise AccessDenied(_("Only responders of the desk can link knowledge to an inquiry."))
    reference = _reference(actor, inquiry, ReferenceKindChoices.LINKED, type_key, object_id)
    audit_log(
        actor=actor,
        action="inquiry.reference_linked",
        target=inquiry,
        detail={"type": type_key, "object_id": object_id},
    )
    return reference


@transaction.atomic
def inquiry_unlink_reference(*, actor: User, reference: InquiryReference) -> None:
    inquiry = _locked(reference.inquiry)
    if not is_desk_staff(actor, inquiry):
        raise AccessDenied(_("Only responders of the desk can link knowledge to an inquiry."))
    audit_log(
        actor=actor,
        action="inquiry.reference_unlinked",
        target=inquiry,
        detail={"type": reference.type_key, "object_id": reference.object_id},
    )
    reference.delete()


@transaction.atomic
def inquiry_assign(*, actor: User, inquiry: Inquiry, assignee: User | None) -> Inquiry:
    """Take an inquiry (assignee = actor) or hand it to another responder of the institution."""
    inquiry = _locked(inquiry)
    if not is_desk_staff(actor, inquiry):
        raise AccessDenied(_("Only responders of the desk can assign inquiries."))
    if assignee is not None and not is_desk_staff(assignee, inquiry):
        message = _("Choose a responder of this desk.")
        raise InvalidInput(message, fields={"assignee": [message]})
    previous = inquiry.assignee_id
    _assign(inquiry, assignee)
    changed = ["assignee", "assigned_at"]
    if inquiry.status == Status.NEW and assignee is not None:
        inquiry.status = Status.IN_PROGRESS
        changed.append("status")
    _event(
        inquiry,
        actor,
        _("Assigned to %(name)s.") % {"name": assignee} if assignee else _("Unassigned."),
    )
    _touch(inquiry, *changed)
    audit_log(
        actor=actor,
        action="inquiry.assigned",
        target=inquiry,
        detail={"from": previous, "to": inquiry.assignee_id},
    )
    if assignee is not None and assignee.pk != actor.pk:
        notification_create(
            recipient=assignee,
            kind="desk.assigned",
            title=_("Inquiry %(number)s was assigned to you.") % {"number": inquiry.pk},
            about=inquiry,
        )
    return inquiry


@transaction.atomic
def inquiry_merge(*, actor: User, duplicate: Inquiry, into: Inquiry) -> Inquiry:
    """Close ``duplicate`` as merged into ``into``; its thread stays readable, its officer is
    told where the answer will come."""
    if duplicate.pk == into.pk:
        raise InvalidInput(_("An inquiry cannot be merged into itself."))
    duplicate, into = _locked(duplicate), _locked(into)
    if not (is_desk_staff(actor, duplicate) and is_desk_staff(actor, into)):
        raise AccessDenied(_("Only responders of the desk can merge inquiries."))
    if into.merged_into_id is not None or duplicate.merged_into_id is not None:
        raise InvalidInput(_("One of these inquiries was already merged."))
    now = timezone.now()
    duplicate.merged_into = into
    duplicate.status = Status.RESOLVED
    duplicate.resolved_at = now
    _event(duplicate, actor, _("Merged into inquiry %(number)s.") % {"number": into.pk})
    _event(
        into, actor, _("Inquiry %(number)s was merged into this one.") % {"number": duplicate.pk}
    )
    _touch(duplicate, "merged_into", "status", "resolved_at")
    _touch(into)
    # The other officer must be able to follow the answer in the inquiry that stays open.
    if into.classification == ClassificationChoices.RESTRICTED:
        into.named_readers.add(duplicate.created_by)
    audit_log(actor=actor, action="inquiry.merged", target=duplicate, detail={"into": into.pk})
    notification_create(
        recipient=duplicate.created_by,
        kind="desk.merged",
        title=_("Your inquiry %(number)s was merged with inquiry %(into)s, which asks the same.")
        % {"number": duplicate.pk, "into": into.pk},
        about=into,
    )
    return duplicate
