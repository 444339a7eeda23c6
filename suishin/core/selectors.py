"""Reads. Every business-record read starts from ``visible_to(user)``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from suishin.core.choices import ClassificationChoices, ReleaseStateChoices
from suishin.core.file_rules import may_read_file
from suishin.core.models import (
    AuditEntry,
    BusinessRecord,
    Notice,
    Notification,
    SharedSnapshot,
    StoredFile,
    User,
)
from suishin.core.services.audit import audit_log

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

RecordT = TypeVar("RecordT", bound=BusinessRecord)


def get_visible_or_404(
    queryset: QuerySet[RecordT],
    user: User | AnonymousUser,
    *,
    audit_view: bool = True,
    **lookup: Any,
) -> RecordT:
    """One record the user may read. A record that exists but is hidden answers exactly like a
    missing one (404), and the refusal is audited; reading a classification-3 record is audited."""
    # Not .first(): ordering the candidates by pk is costly to compile (Django hashes each
    # ordering column through inspect), and a lookup of one record has nothing to order.
    found = queryset.visible_to(user).filter(**lookup).order_by()[:1]  # type: ignore[attr-defined]
    record = next(iter(found), None)
    if record is None:
        hidden = queryset.model.objects.filter(**lookup).only("pk").first()
        if hidden is not None:
            audit_log(actor=user, action="access.denied", target=hidden)
        raise Http404
    if audit_view and record.classification == ClassificationChoices.RESTRICTED:
        audit_log(actor=user, action="record.viewed", target=record)
    return record


def people_of_institution(institution_id: int | None) -> QuerySet[User]:
    """The active accounts of one institution: whom a record of it can be assigned to."""
    return User.objects.filter(is_active=True, unit__institution_id=institution_id).order_by(
        "username"
    )


def notice_list(user: User | AnonymousUser) -> QuerySet[Notice]:
    return Notice.objects.visible_to(user).select_related("organization", "created_by")


def files_for(record: Model) -> QuerySet[StoredFile]:
    content_type = ContentType.objects.get_for_model(record)
    return StoredFile.objects.filter(content_type=content_type, object_id=record.pk)


def get_visible_file_or_404(user: User | AnonymousUser, file_uuid: Any) -> StoredFile:
    """A file is readable exactly when the record it is attached to is."""
    stored = StoredFile.objects.select_related("content_type").filter(uuid=file_uuid).first()
    if stored is None:
        raise Http404
    model = stored.content_type.model_class()
    if model is None or not issubclass(model, BusinessRecord):
        raise Http404
    record = get_visible_or_404(model.objects.all(), user, pk=stored.object_id)
    # A record's app may narrow this for some of its files (an inquiry's internal notes, say).
    if not may_read_file(user, record, stored):
        audit_log(actor=user, action="access.denied", target=record)
        raise Http404
    return stored


def audit_entries(
    user: User | AnonymousUser,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    action: str = "",
    username: str = "",
    object_type: str = "",
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.visible_to(user)
    tz = timezone.get_current_timezone()
    if date_from:
        entries = entries.filter(occurred_at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        entries = entries.filter(occurred_at__lte=datetime.combine(date_to, time.max, tzinfo=tz))
    if action:
        entries = entries.filter(action__startswith=action)
    if username:
        entries = entries.filter(actor_username=username)
    if object_type:
        entries = entries.filter(object_type=object_type)
    return entries


def shared_snapshots_for(user: User | AnonymousUser) -> QuerySet[SharedSnapshot]:
    """Confirmed snapshots the user may read: what other institutions share with them, and
    what their own institution shares outside."""
    return (
        SharedSnapshot.objects.visible_to(user)
        .filter(release_state=ReleaseStateChoices.SHARED)
        .select_related("organization__institution")
        .order_by("-confirmed_at", "-pk")
    )


def shared_snapshot_for(user: User | AnonymousUser, pk: int) -> SharedSnapshot:
    """One snapshot: a shared one for anyone it is shared with, any state for its own
    institution (which prepares and reviews it)."""
    unit = getattr(user, "unit", None)
    own = Q(organization__institution_id=unit.institution_id) if unit is not None else Q(pk__in=[])
    candidates = SharedSnapshot.objects.filter(
        Q(release_state=ReleaseStateChoices.SHARED) | own
    ).select_related("organization__institution")
    return get_visible_or_404(candidates, user, pk=pk)


def is_insider(user: User | AnonymousUser, record: BusinessRecord) -> bool:
    """Whether the user belongs to the institution that owns the record."""
    unit = getattr(user, "unit", None)
    return unit is not None and unit.institution_id == record.organization.institution_id


def notifications_for(
    user: User, *, unread_only: bool = False, target_type: str = ""
) -> QuerySet[Notification]:
    notifications = Notification.objects.visible_to(user)
    if unread_only:
        notifications = notifications.unread()
    if target_type:
        notifications = notifications.filter(target_type=target_type)
    return notifications


def notification_types(user: User) -> list[str]:
    """The kinds of record the user has notifications about ("desk.inquiry"), for the
    list's filter."""
    types = Notification.objects.visible_to(user).order_by().values_list("target_type", flat=True)
    return sorted({target for target in types.distinct() if target})


def visible_records(
    user: User | AnonymousUser, references: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Model]:
    """The records behind ("desk.inquiry", "42") references that the user may read now, each
    read through its model's ``visible_to``; a model with no reading rule of its own yields
    nothing, so a reference never opens what the rules do not."""
    ids_by_type: dict[str, set[str]] = {}
    for target_type, target_id in references:
        if target_type and target_id:
            ids_by_type.setdefault(target_type, set()).add(target_id)
    found: dict[tuple[str, str], Model] = {}
    for target_type, ids in ids_by_type.items():
        try:
            model = apps.get_model(target_type)
        except (LookupError, ValueError):
            continue
        visible_to = getattr(model._default_manager, "visible_to", None)
        if visible_to is None:
            continue
        # An audit entry may name an id of another shape; a number column is asked numbers.
        numbered = model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField")
        wanted = [i for i in ids if i.isdigit()] if numbered else list(ids)
        for record in visible_to(user).filter(pk__in=wanted):
            found[(target_type, str(record.pk))] = record
    return found


def notification_subjects(user: User, notifications: list[Notification]) -> dict[int, str]:
    """The name of each notification's record (an inquiry's subject), for a reader who may
    still see that record: never copied into the notification, so a record since restricted
    or moved names nothing."""
    records = visible_records(user, ((n.target_type, n.target_id) for n in notifications))
    return {
        n.pk: str(records[key])
        for n in notifications
        if (key := (n.target_type, n.target_id)) in records
    }
