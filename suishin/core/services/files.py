"""Storing uploads: the type the file declares checked against its content, size checked, kept
outside the web root."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core import filetypes
from suishin.core.errors import InvalidInput
from suishin.core.models import StoredFile
from suishin.core.services.audit import audit_log

if TYPE_CHECKING:
    from suishin.core.models import BusinessRecord, User


def validate_upload(
    upload: UploadedFile,
    *,
    allowed: Collection[filetypes.FileKind] = filetypes.DOCUMENT_KINDS,
    max_bytes: int | None = None,
    field: str = "attachments",
) -> filetypes.FileKind:
    """Check one upload; raise InvalidInput with the UI guide's wording if it is refused."""
    limit = max_bytes or settings.SUISHIN_UPLOAD_MAX_BYTES
    size = upload.size or 0
    if size > limit:
        message = _("Files can be up to %(max)s. This file is %(current)s.") % {
            "max": filetypes.human_size(limit),
            "current": filetypes.human_size(size),
        }
        raise InvalidInput(message, fields={field: [message]})
    if size == 0:
        message = _("The file is empty. Choose a file with content.")
        raise InvalidInput(message, fields={field: [message]})
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1]
    kind = filetypes.kind_for_name(name, set(allowed))
    if kind is None:
        message = _(
            "“%(name)s” is not a file type that can be attached. Choose a file of one of "
            "these types: %(types)s."
        ) % {"name": name, "types": _allowed_types(allowed)}
        raise InvalidInput(message, fields={field: [message]})
    if (
        not filetypes.declared_type_fits(kind, upload.content_type)
        or upload.file is None
        or not filetypes.content_is(kind, upload.file)
    ):
        message = _(
            "The content of “%(name)s” is not a %(type)s file: its name and its content do not "
            "match. Choose the original file, or save it again as %(type)s."
        ) % {"name": name, "type": kind.label}
        raise InvalidInput(message, fields={field: [message]})
    return kind


def _allowed_types(allowed: Collection[filetypes.FileKind]) -> str:
    order = filetypes.DISPLAY_ORDER
    kinds = sorted(allowed, key=lambda kind: order.index(kind) if kind in order else len(order))
    return "、".join(f"{kind.label}（{'・'.join(kind.extensions)}）" for kind in kinds)


@transaction.atomic
def file_attach(
    *,
    actor: User,
    record: BusinessRecord,
    upload: UploadedFile,
    allowed: Collection[filetypes.FileKind] = filetypes.DOCUMENT_KINDS,
) -> StoredFile:
    kind = validate_upload(upload, allowed=allowed)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = StoredFile(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        original_name=(upload.name or "file")[-255:],
        media_type=kind.media_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        created_by=actor,
        created_at=timezone.now(),
    )
    stored.file.save("upload", upload, save=False)
    # Callers validate every upload before their first write, so the only failure left here
    # is the database itself: then the bytes just written must not stay behind.
    try:
        stored.save()
        audit_log(
            actor=actor,
            action="file.attached",
            target=record,
            detail={"file": str(stored.uuid), "media_type": kind.media_type, "size": stored.size},
        )
    except Exception:
        stored.file.delete(save=False)
        raise
    return stored


@transaction.atomic
def files_delete_for(*, actor: User, record: BusinessRecord) -> None:
    """Remove a record's attachments; the bytes go only once the deletion has committed."""
    content_type = ContentType.objects.get_for_model(record)
    stored = list(StoredFile.objects.filter(content_type=content_type, object_id=record.pk))
    _delete(actor, record, stored)


@transaction.atomic
def file_delete(*, actor: User, record: BusinessRecord, stored: StoredFile) -> None:
    """Remove one attachment of ``record`` (the caller has checked that ``actor`` may)."""
    if stored.content_type_id != ContentType.objects.get_for_model(record).pk or str(
        stored.object_id
    ) != str(record.pk):
        raise InvalidInput(_("This file is not attached here."))
    _delete(actor, record, [stored])


def _delete(actor: User, record: BusinessRecord, stored: list[StoredFile]) -> None:
    if not stored:
        return
    StoredFile.objects.filter(pk__in=[item.pk for item in stored]).delete()
    audit_log(
        actor=actor,
        action="file.deleted",
        target=record,
        detail={"files": [str(item.uuid) for item in stored]},
    )

    def remove_bytes() -> None:
        for item in stored:
            if item.file.name:
                item.file.storage.delete(item.file.name)

    transaction.on_commit(remove_bytes)
