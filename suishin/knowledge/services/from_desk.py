"""The knowledge end of the desk's hand-over: an answered inquiry becomes a draft article in
one step (registered with the desk in apps.ready)."""

from __future__ import annotations

from suishin.core.models import User
from suishin.desk.services.knowledge import KnowledgeDraft
from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.models import Article
from suishin.knowledge.services.articles import article_create


def article_create_from_draft(*, actor: User, draft: KnowledgeDraft) -> Article:
    """The article is owned by the responder's unit, which answers for its content. Asking
    twice for the same inquiry returns the article made the first time."""
    existing = (
        Article.objects.visible_to(actor)
        .filter(source_type=draft.source_type, source_id=draft.source_id)
        .exclude(state=ArticleStateChoices.ARCHIVED)
        .first()
    )
    if existing is not None:
        return existing
    return article_create(
        actor=actor,
        title=draft.question,
        question=draft.question,
        environment=draft.situation,
        answer=draft.answer,
        category=draft.category,
        search_words=draft.search_words,
        classification=draft.classification,
        state=ArticleStateChoices.DRAFT,
        source_type=draft.source_type,
        source_id=draft.source_id,
        source_url=draft.source_url,
    )
