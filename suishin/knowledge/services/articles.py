"""Writes to knowledge articles: create, edit (each save a version), state changes.

Rights follow KCS proficiency (services.roles): a candidate drafts and edits their own
articles until they are validated; a contributor validates, edits validated articles and
archives; sharing beyond the institution is in services.sharing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices
from suishin.core.date_range import require_dates_in_range
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.models import Organization, User
from suishin.core.services.audit import audit_log
from suishin.core.services.records import check_owner
from suishin.knowledge.access import AUTHOR_STATES, allowed_states, article_role, can_edit
from suishin.knowledge.choices import ArticleStateChoices as State
from suishin.knowledge.health import refresh_health
from suishin.knowledge.models import CONTENT_FIELDS, Article, ArticleVersion
from suishin.knowledge.services.sharing import withdraw_external_sharing

# A validated article is due for review a year after validation unless an editor says otherwise.
REVIEW_INTERVAL = datetime.timedelta(days=365)


def version_snapshot(*, article: Article, actor: User, note: str) -> ArticleVersion:
    return ArticleVersion.objects.create(
        article=article,
        number=article.version,
        state=article.state,
        note=note[:200],
        created_by=actor,
        **{name: getattr(article, name) for name in CONTENT_FIELDS},
    )


def _clean_content(content: dict[str, Any]) -> dict[str, str]:
    cleaned = {name: str(content.get(name) or "").strip() for name in CONTENT_FIELDS}
    errors: dict[str, list[str]] = {}
    for required in ("title", "question", "answer"):
        if not cleaned[required]:
            errors[required] = [_("This field is required.")]
    if errors:
        raise InvalidInput(_("Fill in the question and the answer."), fields=errors)
    return cleaned


def _words(search_words: str | list[str]) -> str:
    words = search_words.split() if isinstance(search_words, str) else search_words
    return " ".join(dict.fromkeys(word.strip() for word in words if word.strip()))[:500]


@transaction.atomic
def article_create(
    *,
    actor: User,
    title: str,
    question: str,
    answer: str,
    environment: str = "",
    cause: str = "",
    basis: str = "",
    category: str = "",
    search_words: str | list[str] = "",
    classification: int = ClassificationChoices.INTERNAL,
    organization: Organization | None = None,
    state: str = State.DRAFT,
    review_due: datetime.date | None = None,
    source_type: str = "",
    source_id: str = "",
    source_url: str = "",
) -> Article:
    owner = organization or actor.unit
    if owner is None:
        raise AccessDenied(_("You cannot create records for an organization outside your own."))
    check_owner(actor=actor, organization=owner)
    if state not in AUTHOR_STATES:
        raise InvalidInput(_("A new article starts as work in progress or not validated."))
    require_dates_in_range(review_due=review_due)
    content = _clean_content(
        {
            "title": title,
            "question": question,
            "environment": environment,
            "answer": answer,
            "cause": cause,
            "basis": basis,
        }
    )
    article = Article(
        **content,
        category=category.strip()[:100],
        search_words=_words(search_words),
        classification=classification,
        organization=owner,
        state=state,
        review_due=review_due,
        source_type=source_type,
        source_id=source_id,
        source_url=source_url,
        created_by=actor,
    )
    refresh_health(article)
    clean_or_raise(article)
    article.save()
    version_snapshot(article=article, actor=actor, note=_("Created"))
    audit_log(
        actor=actor,
        action="record.created",
        target=article,
        detail={"state": state, "classification": classification, "source": source_type},
    )
    return article


@transaction.atomic
def article_update(
    *,
    actor: User,
    article: Article,
    expected_version: int,
    title: str,
    question: str,
    answer: str,
    environment: str = "",
    cause: str = "",
    basis: str = "",
    category: str = "",
    search_words: str | list[str] = "",
    classification: int | None = None,
    review_due: datetime.date | None = None,
    note: str = "",
) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not can_edit(actor, article):
        raise AccessDenied(_("You cannot edit this article."))
    require_dates_in_range(review_due=review_due)
    if expected_version != article.version:
        # Two editors at once: the second is told instead of overwriting the first.
        raise InvalidInput(
            _(
                "Someone saved this article while you were editing it (now version %(version)s). "
                "Your text is kept below; compare it with the current version and save again."
            )
            % {"version": article.version}
        )
    content = _clean_content(
        {
            "title": title,
            "question": question,
            "environment": environment,
            "answer": answer,
            "cause": cause,
            "basis": basis,
        }
    )
    changed = [name for name in CONTENT_FIELDS if getattr(article, name) != content[name]]
    for name, value in content.items():
        setattr(article, name, value)
    article.category = category.strip()[:100]
    article.search_words = _words(search_words)
    article.review_due = review_due
    if classification is not None:
        article.classification = classification
    fields = [*CONTENT_FIELDS, "category", "search_words", "review_due", "classification"]
    if changed:
        article.version += 1
        fields.append("version")
    fields += refresh_health(article)
    clean_or_raise(article)
    article.save(update_fields=[*fields, "updated_at"])
    if changed:
        version_snapshot(article=article, actor=actor, note=note or _("Edited"))
    if changed or article.classification == ClassificationChoices.RESTRICTED:
        # New text has not been checked for personal data (or the article became named
        # people only): its snapshot stops leaving the institution until checked again.
        withdraw_external_sharing(actor=actor, article=article, reason="content_changed")
    audit_log(
        actor=actor,
        action="record.updated",
        target=article,
        detail={"fields": changed, "version": article.version},
    )
    return article


@transaction.atomic
def article_change_state(*, actor: User, article: Article, state: str) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    if state not in allowed_states(actor, article):
        if article_role(actor, article) == 0:
            raise AccessDenied(_("You cannot change the state of this article."))
        raise AccessDenied(
            _("Your KCS role does not allow moving this article from %(from)s to %(to)s.")
            % {"from": article.get_state_display(), "to": State(state).label}
            if state in State.values
            else _("Choose a state.")
        )
    previous = article.state
    article.state = state
    fields = ["state"]
    if state == State.VALIDATED:
        article.validated_at = timezone.now()
        fields.append("validated_at")
        if article.review_due is None or article.review_due <= timezone.localdate():
            article.review_due = timezone.localdate() + REVIEW_INTERVAL
            fields.append("review_due")
    article.save(update_fields=[*fields, "updated_at"])
    if previous == State.VALIDATED and state != State.VALIDATED:
        withdraw_external_sharing(actor=actor, article=article, reason="no_longer_validated")
    audit_log(
        actor=actor,
        action="knowledge.state_changed",
        target=article,
        detail={"from": previous, "to": state},
    )
    return article
