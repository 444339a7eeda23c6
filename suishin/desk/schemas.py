from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from suishin.core.choices import ClassificationChoices
from suishin.core.schemas import MultiLineText, RecordId, SingleLineText
from suishin.desk.choices import InquiryStatusChoices, InquiryUrgencyChoices
from suishin.desk.models import Inquiry, InquiryMessage


class InquirySummaryOut(Schema):
    """List rows: the subject and handling, never the question's text."""

    id: int
    subject: str
    category: str
    urgency: InquiryUrgencyChoices
    status: InquiryStatusChoices
    classification: int
    organization_id: int
    queue_id: int | None
    assignee: str | None = None
    self_resolved: bool
    created_at: datetime
    first_response_due: datetime | None
    resolution_due: datetime | None
    first_responded_at: datetime | None
    answered_at: datetime | None
    resolved_at: datetime | None
    last_activity_at: datetime | None
    url: str

    @staticmethod
    def resolve_category(inquiry: Inquiry) -> str:
        return inquiry.category.name

    @staticmethod
    def resolve_assignee(inquiry: Inquiry) -> str | None:
        return inquiry.assignee.username if inquiry.assignee else None

    @staticmethod
    def resolve_url(inquiry: Inquiry) -> str:
        return inquiry.get_absolute_url()


class MessageOut(Schema):
    id: int
    kind: str
    author: str | None = None
    body: str
    created_at: datetime

    @staticmethod
    def resolve_author(message: InquiryMessage) -> str | None:
        return message.author.username if message.author else None


class InquiryOut(InquirySummaryOut):
    """One inquiry with the thread its reader may see (internal notes only for the desk)."""

    body: str
    asked_by: str
    merged_into_id: int | None
    messages: list[MessageOut]

    @staticmethod
    def resolve_asked_by(inquiry: Inquiry) -> str:
        return inquiry.created_by.username

    @staticmethod
    def resolve_messages(inquiry: Inquiry) -> list[InquiryMessage]:
        return getattr(inquiry, "thread_for_reader", [])


class InquiryIn(Schema):
    # The category's name as the asker's organization lists it (生活安全, 交通, …).
    category: SingleLineText = Field(min_length=1, max_length=50)
    urgency: InquiryUrgencyChoices = InquiryUrgencyChoices.NORMAL
    subject: SingleLineText = Field(min_length=1, max_length=200)
    body: MultiLineText = Field(min_length=1, max_length=10000)
    classification: Literal[2, 3] = ClassificationChoices.INTERNAL  # type: ignore[assignment]


class MessageIn(Schema):
    body: MultiLineText = Field(min_length=1, max_length=10000)
    # reply / note (responders) or follow_up (the officer who asked).
    kind: Literal["reply", "note", "follow_up"]
    # For a reply: "answered" (default) or "waiting" (a question back to the officer).
    next_status: Literal["answered", "waiting"] | None = None
    seen_message_id: int | None = Field(None, ge=0, le=2**31)


class MessagePosted(Schema):
    message: MessageOut
    missed: list[MessageOut]


class StatusIn(Schema):
    status: InquiryStatusChoices


class InquiryFilter(Schema):
    status: InquiryStatusChoices | Literal["open"] | None = None
    urgency: InquiryUrgencyChoices | None = None
    category_id: RecordId | None = None
    queue_id: RecordId | None = None
    mine: bool = False
    updated_since: datetime | None = None
