"""A draft article prefilled from a record elsewhere (an answered inquiry, for one), made into
an article in one step. The record's app builds the draft; knowledge knows no other app."""

from __future__ import annotations

from dataclasses import dataclass, field

from suishin.core.models import User
from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.models import Article
from suishin.knowledge.services.articles import article_create


@dataclass(frozen=True)
class KnowledgeDraft:
    """The fields of a KCS article, prefilled from a source record."""

    question: str
    situation: str
    answer: str
    category: str
    organization_id: int
    classification: int
    search_words: list[str] = field(default_factory=list)
    source_type: str = ""  # e.g. "desk.inquiry"
    source_id: str = ""
    source_url: str = ""


def article_create_from_draft(*, actor: User, draft: KnowledgeDraft) -> Article:
    """The article is owned by the author's unit, which answers for its content. Asking twice
    for the same source record returns the article made the first time."""
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
