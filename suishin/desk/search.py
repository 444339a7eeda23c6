"""Answered inquiries are searchable knowledge: the question weighs more than the answers."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from suishin.desk.choices import OPEN_STATUSES, MessageKindChoices
from suishin.desk.models import Inquiry, InquiryMessage
from suishin.search.registry import SearchableType, register


def _indexable(inquiry: Inquiry) -> bool:
    return not inquiry.is_open and inquiry.answered_at is not None and not inquiry.merged_into_id


def _replies() -> QuerySet[InquiryMessage]:
    return InquiryMessage.objects.filter(kind=MessageKindChoices.REPLY).order_by("created_at", "pk")


def _answers(inquiry: Inquiry) -> str:
    # A rebuild reads the replies prefetched with each batch; a single save asks for them.
    replies = getattr(inquiry, "replies", None)
    if replies is None:
        replies = _replies().filter(inquiry=inquiry)
    return "\n".join(reply.body for reply in replies)


register(
    SearchableType(
        model=Inquiry,
        key="desk.inquiry",
        label=_("Answered inquiries"),
        title=lambda inquiry: inquiry.subject,
        body=lambda inquiry: [(inquiry.body, 2.0), (_answers(inquiry), 1.0)],
        url=lambda inquiry: inquiry.get_absolute_url(),
        facets=lambda inquiry: {"category": inquiry.category.name},
        date=lambda inquiry: inquiry.answered_at,
        # The question decides whether an earlier inquiry is the same one.
        dense_text=lambda inquiry: f"{inquiry.subject}\n{inquiry.body}",
        queryset=lambda: (
            Inquiry.objects.exclude(status__in=OPEN_STATUSES)
            .filter(answered_at__isnull=False, merged_into__isnull=True)
            .select_related("category")
            .prefetch_related(Prefetch("messages", queryset=_replies(), to_attr="replies"))
        ),
        indexable=_indexable,
    )
)
