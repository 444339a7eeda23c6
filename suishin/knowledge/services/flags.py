""" "Flag it or fix it" at the point of use: a reader's flag goes to the article's owner."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import User
from suishin.core.services.audit import audit_log
from suishin.core.services.notifications import notification_create
from suishin.knowledge.access import can_edit
from suishin.knowledge.models import Article, ArticleFlag


@transaction.atomic
def article_flag(*, actor: User, article: Article, reason: str) -> ArticleFlag:
    """Anyone who can read the article may flag it (the caller found it through visible_to)."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            _("Say what is wrong or unclear."), fields={"reason": [_("This field is required.")]}
        )
    if len(reason) > 2000:
        raise InvalidInput(
            _("Say what is wrong or unclear."),
            fields={"reason": [_("Write at most 2,000 characters.")]},
        )
    flag = ArticleFlag.objects.create(article=article, reason=reason, raised_by=actor)
    audit_log(actor=actor, action="knowledge.flagged", target=article, detail={"flag": flag.pk})
    if article.created_by_id != actor.pk:
        notification_create(
            recipient=article.created_by,
            kind="knowledge.flagged",
            title=_("Your article %(number)s was flagged") % {"number": article.number},
            about=article,
            url=article.get_absolute_url() + "#flags",
        )
    return flag


@transaction.atomic
def article_flag_resolve(*, actor: User, flag: ArticleFlag, resolution: str) -> ArticleFlag:
    if not (can_edit(actor, flag.article) or flag.article.created_by_id == actor.pk):
        raise AccessDenied(_("Only the article's owner and contributors can resolve flags."))
    if flag.resolved_at is not None:
        raise InvalidInput(_("This flag is already resolved."))
    flag.resolved_by = actor
    flag.resolved_at = timezone.now()
    flag.resolution = resolution.strip()[:500]
    flag.save(update_fields=["resolved_by", "resolved_at", "resolution"])
    audit_log(
        actor=actor, action="knowledge.flag_resolved", target=flag.article, detail={"flag": flag.pk}
    )
    if flag.raised_by_id != actor.pk:
        notification_create(
            recipient=flag.raised_by,
            kind="knowledge.flag_resolved",
            title=_("Your flag on article %(number)s was resolved")
            % {"number": flag.article.number},
            about=flag.article,
        )
    return flag
