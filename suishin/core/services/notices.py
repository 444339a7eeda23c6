"""Writes to notices (お知らせ)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.access import can_author_notices
from suishin.core.choices import ClassificationChoices
from suishin.core.errors import AccessDenied, clean_or_raise
from suishin.core.models import Notice, Organization, User
from suishin.core.personal_data import refuse_personal_data
from suishin.core.services.audit import audit_log
from suishin.core.services.files import file_attach, files_delete_for, validate_upload
from suishin.core.services.notifications import notification_create
from suishin.core.services.records import apply_sharing, check_owner, sharing_summary


def _leaves_institution(notice: Notice, organizations: list[Organization]) -> bool:
    institution_id = notice.organization.institution_id
    return (
        notice.classification == ClassificationChoices.PUBLIC
        or notice.shared_nationwide
        or any(o.institution_id != institution_id for o in organizations)
    )


def _check_outside(notice: Notice, organizations: list[Organization]) -> None:
    if _leaves_institution(notice, organizations):
        refuse_personal_data(
            institution_id=notice.organization.owning_institution.pk,
            fields=[("title", notice.title), ("body", notice.body)],
        )


def _require_author(actor: User) -> None:
    if not can_author_notices(actor):
        raise AccessDenied(_("Only the secretariat and system administrators can post notices."))


@transaction.atomic
def notice_create(
    *,
    actor: User,
    title: str,
    body: str,
    classification: int,
    organization: Organization | None = None,
    shared_nationwide: bool = False,
    shared_organizations: Iterable[Organization] = (),
    named_readers: Iterable[User] = (),
    attachments: Sequence[UploadedFile] = (),
) -> Notice:
    _require_author(actor)
    owner = organization or actor.unit
    if owner is None:
        raise AccessDenied(_("You cannot create records for an organization outside your own."))
    check_owner(actor=actor, organization=owner)
    for upload in attachments:
        validate_upload(upload)
    notice = Notice(
        title=title.strip(),
        body=body.strip(),
        classification=classification,
        organization=owner,
        shared_nationwide=shared_nationwide,
        created_by=actor,
    )
    clean_or_raise(notice)
    organizations = list(shared_organizations)
    _check_outside(notice, organizations)
    notice.save()
    apply_sharing(record=notice, shared_organizations=organizations, named_readers=named_readers)
    audit_log(actor=actor, action="record.created", target=notice, detail=sharing_summary(notice))
    for upload in attachments:
        file_attach(actor=actor, record=notice, upload=upload)
    for reader in notice.named_readers.exclude(pk=actor.pk):
        notification_create(
            recipient=reader,
            kind="notice.named_reader",
            title=_("A notice for you to read was posted"),
            about=notice,
        )
    return notice


@transaction.atomic
def notice_update(
    *,
    actor: User,
    notice: Notice,
    title: str,
    body: str,
    classification: int,
    shared_nationwide: bool = False,
    shared_organizations: Iterable[Organization] = (),
    named_readers: Iterable[User] = (),
) -> Notice:
    _require_author(actor)
    check_owner(actor=actor, organization=notice.organization)
    notice.title = title.strip()
    notice.body = body.strip()
    notice.classification = classification
    notice.shared_nationwide = shared_nationwide
    clean_or_raise(notice)
    organizations = list(shared_organizations)
    _check_outside(notice, organizations)
    fields = ["title", "body", "classification", "shared_nationwide", "updated_at"]
    notice.save(update_fields=fields)
    apply_sharing(record=notice, shared_organizations=organizations, named_readers=named_readers)
    audit_log(
        actor=actor,
        action="record.updated",
        target=notice,
        detail={"fields": fields[:-1], **sharing_summary(notice)},
    )
    return notice


@transaction.atomic
def notice_delete(*, actor: User, notice: Notice) -> None:
    _require_author(actor)
    check_owner(actor=actor, organization=notice.organization)
    files_delete_for(actor=actor, record=notice)
    audit_log(actor=actor, action="record.deleted", target=notice)
    notice.delete()
