from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from suishin.core.choices import ClassificationChoices
from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.models import Article


class ArticleSummaryOut(Schema):
    id: int
    number: str
    title: str
    state: ArticleStateChoices
    category: str
    classification: int
    organization_id: int
    version: int
    content_score: int
    review_due: date | None
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_url(article: Article) -> str:
        return article.get_absolute_url()


class ArticleOut(ArticleSummaryOut):
    question: str
    environment: str
    answer: str
    cause: str
    basis: list[str]
    search_words: list[str]
    shared_nationwide: bool
    source_type: str
    source_id: str

    @staticmethod
    def resolve_basis(article: Article) -> list[str]:
        return article.basis_lines

    @staticmethod
    def resolve_search_words(article: Article) -> list[str]:
        return article.search_word_list


class ArticleFilter(Schema):
    state: ArticleStateChoices | None = None
    category: str | None = Field(None, max_length=100)
    mine: bool = False


class ArticleIn(Schema):
    """A new article always starts as work in progress (作成中)."""

    title: str = Field(..., min_length=1, max_length=200)
    question: str = Field(..., min_length=1, max_length=20000)
    answer: str = Field(..., min_length=1, max_length=50000)
    environment: str = Field("", max_length=20000)
    cause: str = Field("", max_length=20000)
    basis: str = Field("", max_length=20000)
    category: str = Field("", max_length=100)
    search_words: list[str] = Field(default_factory=list, max_length=50)
    classification: ClassificationChoices = ClassificationChoices.INTERNAL


class ArticleHitOut(Schema):
    id: int
    title: str
    url: str
    snippet: str
    score: float


class ArticleSearchIn(Schema):
    q: str = Field(..., min_length=1, max_length=200)
    k: int = Field(10, ge=1, le=50)
