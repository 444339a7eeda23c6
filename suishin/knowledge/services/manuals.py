"""Writes to manuals: import, follow, and versions taking effect on their date.

Editors of manuals are the institution's knowledge contributors and publishers (KCS roles);
revisions of an existing manual go through services.revisions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices
from suishin.core.date_range import require_dates_in_range
from suishin.core.errors import AccessDenied, clean_or_raise
from suishin.core.models import Organization, User
from suishin.core.services.audit import audit_log
from suishin.core.services.notifications import notification_create
from suishin.core.services.records import check_owner
from suishin.knowledge.access import can_edit_manuals
from suishin.knowledge.manual_import import ParsedSection, parse_upload
from suishin.knowledge.models import Manual, ManualSection, ManualVersion


def next_section_number(manual: Manual) -> int:
    keys = ManualSection.objects.filter(version__manual=manual).values_list("key", flat=True)
    numbers = [int(key[1:]) for key in keys if key[:1] == "s" and key[1:].isdigit()]
    return max(numbers, default=0) + 1


@transaction.atomic
def manual_import(
    *,
    actor: User,
    title: str,
    file_name: str,
    data: bytes,
    effective_date: datetime.date,
    summary: str = "",
    classification: int = ClassificationChoices.INTERNAL,
    organization: Organization | None = None,
) -> Manual:
    """A new manual from a file. The file is parsed before anything is written."""
    owner = organization or actor.unit
    if owner is None:
        raise AccessDenied(_("You cannot create records for an organization outside your own."))
    check_owner(actor=actor, organization=owner)
    if not can_edit_manuals(actor, owner.institution_id):
        raise AccessDenied(_("Only knowledge contributors and publishers can manage manuals."))
    require_dates_in_range(effective_date=effective_date)
    parsed = parse_upload(file_name, data)
    manual = Manual(
        title=title.strip(),
        summary=summary.strip(),
        organization=owner,
        classification=classification,
        created_by=actor,
    )
    clean_or_raise(manual)
    manual.save()
    version = ManualVersion.objects.create(
        manual=manual,
        number=1,
        effective_date=effective_date,
        note=_("Imported"),
        source_name=file_name[:255],
        created_by=actor,
    )
    _create_sections(version, parsed, first_number=1)
    audit_log(
        actor=actor,
        action="record.created",
        target=manual,
        detail={"sections": len(parsed), "effective_date": effective_date.isoformat()},
    )
    manual.followers.add(actor)
    manual_versions_take_effect(manual=manual)
    manual.refresh_from_db()
    return manual


def _create_sections(
    version: ManualVersion, parsed: Iterable[ParsedSection], first_number: int
) -> None:
    ManualSection.objects.bulk_create(
        [
            ManualSection(
                version=version,
                key=f"s{first_number + position}",
                position=position,
                level=section.level,
                label=section.label[:50],
                heading=section.heading[:200],
                body=section.body,
            )
            for position, section in enumerate(parsed)
        ]
    )


@transaction.atomic
def manual_follow(*, actor: User, manual: Manual, follow: bool = True) -> None:
    """Followers are told when a revision takes effect (the caller found it via visible_to)."""
    if follow:
        manual.followers.add(actor)
    else:
        manual.followers.remove(actor)


def _reindex_sections(old: ManualVersion | None, new: ManualVersion) -> None:
    from suishin.search.models import SearchDocument
    from suishin.search.services.index import search_index_record

    if old is not None:
        SearchDocument.objects.filter(
            type_key="knowledge.manual_section",
            object_id__in=[str(pk) for pk in old.sections.values_list("pk", flat=True)],
        ).delete()
    for section in new.sections.select_related("version__manual"):
        search_index_record(section)


@transaction.atomic
def manual_versions_take_effect(*, manual: Manual | None = None) -> int:
    """Make each manual's latest version whose effective date has come the version in force,
    re-index its sections and tell the followers. Safe to run any number of times."""
    today = timezone.localdate()
    due = ManualVersion.objects.filter(took_effect_at__isnull=True, effective_date__lte=today)
    if manual is not None:
        due = due.filter(manual=manual)
    changed = 0
    for manual_id in sorted(set(due.values_list("manual_id", flat=True))):
        record = Manual.objects.select_for_update().get(pk=manual_id)
        latest = due.filter(manual_id=manual_id).aggregate(number=Max("number"))["number"]
        version = ManualVersion.objects.get(manual_id=manual_id, number=latest)
        previous = record.current_version
        now = timezone.now()
        due.filter(manual_id=manual_id, number__lte=latest).update(took_effect_at=now)
        if previous is not None and previous.number > version.number:
            continue  # a later version is already in force
        record.current_version = version
        record.save(update_fields=["current_version", "updated_at"])
        _reindex_sections(previous, version)
        audit_log(
            actor=None,
            action="manual.version_in_force",
            target=record,
            detail={"version": version.number},
        )
        if previous is not None:
            for follower in record.followers.all():
                notification_create(
                    recipient=follower,
                    kind="manual.revised",
                    # Content-free (it is e-mailed): the list names the manual to a
                    # follower who may still read it.
                    title=_("A manual you follow: version %(number)s is now in force")
                    % {"number": version.number},
                    about=record,
                )
        changed += 1
    return changed
