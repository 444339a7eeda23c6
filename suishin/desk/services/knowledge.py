"""The hand-over from an answered inquiry to the knowledge module (KCS "capture").

The draft is built here from the inquiry; the desk registers the knowledge function that turns
a draft into an article at start-up (``register_receiver`` in the desk's ``apps.ready``). Until
one is registered the desk shows the draft for the responder to keep, and says that articles
cannot be saved yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from suishin.core.errors import AccessDenied, DomainError
from suishin.core.models import User
from suishin.desk.access import is_desk_staff
from suishin.desk.choices import MessageKindChoices
from suishin.desk.models import Inquiry
from suishin.knowledge.services.drafts import KnowledgeDraft

_receivers: list[Callable[..., Any]] = []


def register_receiver(receiver: Callable[..., Any]) -> None:
    """``receiver(actor=..., draft=...)`` returns the article (the desk's ``apps.ready``)."""
    _receivers[:] = [receiver]


def knowledge_available() -> bool:
    return bool(_receivers)


def inquiry_knowledge_draft(*, actor: User, inquiry: Inquiry) -> KnowledgeDraft:
    if not is_desk_staff(actor, inquiry):
        raise AccessDenied(_("Only responders of the desk can turn answers into knowledge."))
    from suishin.search.analysis import analyze

    replies = [
        message.body
        for message in inquiry.messages.filter(kind=MessageKindChoices.REPLY).order_by(
            "created_at", "pk"
        )
    ]
    follow_ups = [
        message.body
        for message in inquiry.messages.filter(kind=MessageKindChoices.FOLLOW_UP).order_by(
            "created_at", "pk"
        )
    ]
    # The words the officer searched with, so the article is found by the same words next time.
    words = list(dict.fromkeys(term for term in analyze(inquiry.subject) if len(term) > 1))
    return KnowledgeDraft(
        question=inquiry.subject,
        situation="\n\n".join([inquiry.body, *follow_ups]),
        answer="\n\n".join(replies),
        category=inquiry.category.name,
        organization_id=inquiry.organization_id,
        classification=inquiry.classification,
        search_words=words[:20],
        source_type="desk.inquiry",
        source_id=str(inquiry.pk),
        source_url=inquiry.get_absolute_url(),
    )


def inquiry_create_knowledge(*, actor: User, inquiry: Inquiry) -> Any:
    draft = inquiry_knowledge_draft(actor=actor, inquiry=inquiry)
    if not _receivers:
        raise DomainError(
            _("Knowledge articles cannot be saved yet. Keep the draft shown and try again later.")
        )
    return _receivers[0](actor=actor, draft=draft)
