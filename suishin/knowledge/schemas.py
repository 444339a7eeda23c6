from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from suishin.core.choices import ClassificationChoices
from suishin.core.schemas import MultiLineText, SingleLineText
from suishin.knowledge.choices import ArticleStateChoices, RevisionStatusChoices
from suishin.knowledge.models import Article, Manual, ManualSection, RevisionProposal


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
    category: SingleLineText | None = Field(None, max_length=100)
    mine: bool = False


class ArticleIn(Schema):
    """A new article always starts as work in progress (作成中)."""

    title: SingleLineText = Field(..., min_length=1, max_length=200)
    question: MultiLineText = Field(..., min_length=1, max_length=20000)
    answer: MultiLineText = Field(..., min_length=1, max_length=50000)
    environment: MultiLineText = Field("", max_length=20000)
    cause: MultiLineText = Field("", max_length=20000)
    basis: MultiLineText = Field("", max_length=20000)
    category: SingleLineText = Field("", max_length=100)
    search_words: list[SingleLineText] = Field(default_factory=list, max_length=50)
    classification: ClassificationChoices = ClassificationChoices.INTERNAL


class HitOut(Schema):
    """One search hit: an article or a manual section."""

    id: int
    title: str
    url: str
    snippet: str
    score: float


class HitSearchIn(Schema):
    q: MultiLineText = Field(..., min_length=1, max_length=200)
    k: int = Field(10, ge=1, le=50)


class ManualSectionOut(Schema):
    key: str
    level: int
    label: str
    heading: str
    body: str
    url: str

    @staticmethod
    def resolve_url(section: ManualSection) -> str:
        return section.get_absolute_url()


class ManualSummaryOut(Schema):
    id: int
    title: str
    classification: int
    organization_id: int
    version_in_force: int | None
    effective_date: date | None
    url: str

    @staticmethod
    def resolve_version_in_force(manual: Manual) -> int | None:
        return manual.current_version.number if manual.current_version else None

    @staticmethod
    def resolve_effective_date(manual: Manual) -> date | None:
        return manual.current_version.effective_date if manual.current_version else None

    @staticmethod
    def resolve_url(manual: Manual) -> str:
        return manual.get_absolute_url()


class ManualOut(ManualSummaryOut):
    summary: str
    sections: list[ManualSectionOut]

    @staticmethod
    def resolve_sections(manual: Manual) -> list[ManualSection]:
        version = manual.current_version
        return list(version.sections.select_related("version")) if version else []


class ManualIn(Schema):
    """A manual from text: Markdown (headings with #) or plain text (第1章, 第1条 …)."""

    title: SingleLineText = Field(..., min_length=1, max_length=200)
    summary: MultiLineText = Field("", max_length=2000)
    format: Literal["markdown", "text"] = "markdown"
    text: MultiLineText = Field(..., min_length=1, max_length=5_000_000)
    effective_date: date
    classification: ClassificationChoices = ClassificationChoices.INTERNAL


class ProposalIn(Schema):
    title: SingleLineText = Field(..., min_length=1, max_length=200)
    reason: MultiLineText = Field(..., min_length=1, max_length=20000)
    effective_date: date
    reviewer: SingleLineText = Field(..., min_length=1, max_length=150, description="username")
    approver: SingleLineText = Field(..., min_length=1, max_length=150, description="username")


class ProposalOut(Schema):
    id: int
    manual_id: int
    title: str
    status: RevisionStatusChoices
    base_version: int
    effective_date: date
    url: str

    @staticmethod
    def resolve_base_version(proposal: RevisionProposal) -> int:
        return proposal.base_version.number

    @staticmethod
    def resolve_url(proposal: RevisionProposal) -> str:
        return proposal.get_absolute_url()
