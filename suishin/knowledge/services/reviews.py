"""Review-due reminders: each validated article whose review date has come reminds its owner
once for that date (a scheduled task runs this daily; running it twice sends nothing new)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.services.notifications import notification_create
from suishin.knowledge.choices import ArticleStateChoices as State
from suishin.knowledge.models import Article


@transaction.atomic
def article_review_reminders() -> int:
    today = timezone.localdate()
    due = (
        Article.objects.select_for_update(skip_locked=True)
        .filter(state=State.VALIDATED, review_due__lte=today)
        .filter(Q(review_reminded_for__isnull=True) | ~Q(review_reminded_for=F("review_due")))
        .select_related("created_by")
    )
    sent = 0
    for article in due:
        notification_create(
            recipient=article.created_by,
            kind="knowledge.review_due",
            title=_("Article %(number)s is due for review") % {"number": article.number},
            about=article,
        )
        article.review_reminded_for = article.review_due
        article.save(update_fields=["review_reminded_for"])
        sent += 1
    return sent
