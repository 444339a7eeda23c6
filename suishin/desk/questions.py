"""The desk's inquiries as the questions knowledge looks for gaps in (registered in
``apps.ready``; see ``suishin.knowledge.questions``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from suishin.core.models import User
from suishin.desk.choices import MessageKindChoices
from suishin.desk.models import Inquiry, InquiryMessage
from suishin.knowledge.questions import Question


def _text(inquiry: Inquiry) -> str:
    # The subject and the start of the question: enough for the topic, and short texts keep
    # the daily run quick (the model's time grows with the length).
    return f"{inquiry.subject}\n{inquiry.body[:100]}"


class InquiryQuestions:
    type_key = "desk.inquiry"

    def recent(
        self, since: datetime.datetime, institution_id: int | None, limit: int
    ) -> dict[int, list[tuple[int, str]]]:
        recent = Inquiry.objects.filter(created_at__gte=since, merged_into__isnull=True)
        if institution_id is not None:
            institution_ids = [institution_id]
        else:
            institution_ids = sorted(
                {pk for pk in recent.values_list("organization__institution_id", flat=True) if pk}
            )
        return {
            institution: [
                (inquiry.pk, _text(inquiry))
                for inquiry in recent.filter(organization__institution_id=institution)
                .order_by("created_at", "pk")
                .only("pk", "subject", "body")[:limit]
            ]
            for institution in institution_ids
        }

    def readable(self, user: User, pks: Iterable[int]) -> dict[int, Question]:
        return {
            inquiry.pk: inquiry
            for inquiry in Inquiry.objects.visible_to(user).filter(pk__in=set(pks))
        }

    def latest_answer(self, questions: list[Question]) -> str:
        reply = (
            InquiryMessage.objects.filter(
                inquiry__in=[question.pk for question in questions],
                kind=MessageKindChoices.REPLY,
            )
            .order_by("-created_at")
            .values_list("body", flat=True)
            .first()
        )
        return reply or ""
