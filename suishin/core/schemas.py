from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from django.utils.translation import gettext
from ninja import Field, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from suishin.core.choices import ClassificationChoices
from suishin.core.control_chars import has_control_characters
from suishin.core.converters import MAX_RECORD_ID

# Any id that arrives from outside: bounded so the database is never handed an impossible one.
RecordId = Annotated[int, Field(ge=1, le=MAX_RECORD_ID)]


def _refusing(*, multiline: bool) -> AfterValidator:
    def check(value: str) -> str:
        if has_control_characters(value, multiline=multiline):
            raise PydanticCustomError("control_characters", "control characters are not allowed")
        return value

    return AfterValidator(check)


# Every string an API schema accepts is one of these two: one line (titles, names, codes,
# query words) or text over several lines (bodies, answers, reasons).
SingleLineText = Annotated[str, _refusing(multiline=False)]
MultiLineText = Annotated[str, _refusing(multiline=True)]


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


class ErrorOut(Schema):
    error: ErrorBody


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    institution_id: int | None


class MeOut(Schema):
    username: str
    display_name: str
    unit: OrganizationOut | None
    roles: list[str]


class FileOut(Schema):
    uuid: UUID
    name: str = Field(alias="original_name")
    media_type: str
    size: int
    url: str = Field(alias="get_absolute_url")


class NoticeSummaryOut(Schema):
    """List rows carry no body, so listing never discloses content whose reading is audited."""

    id: int
    title: str
    classification: int
    organization_id: int
    shared_nationwide: bool
    created_at: datetime
    updated_at: datetime


class NoticeOut(Schema):
    id: int
    title: str
    body: str
    classification: int
    organization_id: int
    shared_nationwide: bool
    created_at: datetime
    updated_at: datetime


class NoticeIn(Schema):
    title: SingleLineText = Field(min_length=1, max_length=200)
    body: MultiLineText = Field(min_length=1, max_length=20000)
    classification: ClassificationChoices = ClassificationChoices.INTERNAL
    shared_nationwide: bool = False
    shared_organization_ids: list[RecordId] = Field(default_factory=list, max_length=200)
    named_reader_usernames: list[SingleLineText] = Field(default_factory=list, max_length=200)


class NoticeFilter(Schema):
    classification: ClassificationChoices | None = None
    organization_id: RecordId | None = None


class AuditEntryOut(Schema):
    sequence: int
    occurred_at: datetime
    actor_username: str
    actor_roles: str
    organization_name: str
    action: str
    object_type: str
    object_id: str
    classification: int | None
    ip_address: str | None
    request_id: str
    entry_hash: str


class AuditFilter(Schema):
    action: SingleLineText = Field("", max_length=64)
    username: SingleLineText = Field("", max_length=150)
    object_type: SingleLineText = Field("", max_length=100)


class SharedSectionOut(Schema):
    label: str
    text: str

    @staticmethod
    def resolve_label(section: dict[str, str]) -> str:
        # Stored untranslated; read in the caller's language.
        return gettext(section["label"])


class SharedSnapshotSummaryOut(Schema):
    """What another institution shared: the masked, confirmed copy and nothing of its source."""

    id: int
    title: str
    institution: str = Field(alias="organization.institution.name")
    shared_at: datetime | None = Field(alias="confirmed_at")
    url: str = Field(alias="get_absolute_url")


class SharedSnapshotOut(SharedSnapshotSummaryOut):
    sections: list[SharedSectionOut]
    sha256: str = Field(alias="content_sha256")
