"""Reads of knowledge: every one starts from ``Article.objects.visible_to(user)``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from suishin.core.models import SharedSnapshot, User
from suishin.core.selectors import get_visible_or_404, people_of_institution, visible_records
from suishin.knowledge.access import can_read_words, own_institution_id
from suishin.knowledge.choices import ArticleStateChoices as State
from suishin.knowledge.choices import RevisionStatusChoices
from suishin.knowledge.health import LOW_SCORE
from suishin.knowledge.models import (
    Article,
    ArticleFlag,
    ArticleVersion,
    KnowledgeGap,
    Manual,
    ManualSection,
    ManualVersion,
    MaskingWord,
    ProposedSection,
    RevisionMotivation,
    RevisionProposal,
)
from suishin.knowledge.questions import Question, question_source
from suishin.knowledge.uses import use_model

TYPE_KEY = "knowledge.article"
SNAPSHOT_TYPE_KEY = "core.shared_snapshot"
STALE_AFTER = datetime.timedelta(days=365)
UNUSED_AFTER = datetime.timedelta(days=180)


@dataclass(frozen=True)
class ArticleFilter:
    state: str = ""
    category: str = ""
    mine: bool = False
    health: str = ""  # stale, flagged, unused, low


def _uses(article_id: str | None = None) -> QuerySet[Any] | None:
    """Uses of one article (or, without an id, of the article of the outer query): of the
    article itself, or by other institutions of its shared snapshots. One definition for the
    article's page and the list's "unused" filter. None when no app records uses."""
    model = use_model()
    if model is None:
        return None
    own: Any = article_id if article_id is not None else Cast(OuterRef("pk"), CharField())
    nested: Any = (
        article_id if article_id is not None else Cast(OuterRef(OuterRef("pk")), CharField())
    )
    snapshot_ids = SharedSnapshot.objects.filter(
        source_type=TYPE_KEY, source_id=nested
    ).values_list(Cast("pk", output_field=CharField()))
    return model._default_manager.filter(
        Q(type_key=TYPE_KEY, object_id=own)
        | Q(type_key=SNAPSHOT_TYPE_KEY, object_id__in=snapshot_ids)
    )


def articles_for(user: User, filters: ArticleFilter | None = None) -> QuerySet[Article]:
    """Articles the user may read. Other people's work in progress is listed only when asked
    for by state, so the list shows what is ready to use."""
    filters = filters or ArticleFilter()
    articles: QuerySet[Article] = Article.objects.visible_to(user).select_related(
        "organization", "created_by"
    )
    if filters.state:
        articles = articles.filter(state=filters.state)
    else:
        articles = articles.exclude(Q(state=State.DRAFT) & ~Q(created_by=user))
    if filters.category:
        articles = articles.filter(category=filters.category)
    if filters.mine:
        articles = articles.filter(created_by=user)
    if filters.health:
        articles = _with_health(articles, filters.health)
    return articles.annotate(
        open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True), distinct=True)
    ).order_by("-updated_at", "-pk")


def article_for(user: User, pk: int) -> Article:
    """One article the user may read (404 otherwise), with what its pages show of it."""
    return get_visible_or_404(
        Article.objects.select_related("organization", "created_by"), user, pk=pk
    )


def _with_health(articles: QuerySet[Article], health: str) -> QuerySet[Article]:
    now = timezone.now()
    live = articles.exclude(state=State.ARCHIVED)
    if health == "stale":
        return live.filter(
            Q(review_due__lt=timezone.localdate()) | Q(updated_at__lt=now - STALE_AFTER)
        )
    if health == "flagged":
        return live.filter(
            Exists(ArticleFlag.objects.filter(article=OuterRef("pk"), resolved_at__isnull=True))
        )
    if health == "unused":
        old = live.filter(created_at__lt=now - datetime.timedelta(days=90))
        uses = _uses()
        if uses is None:
            return old
        return old.exclude(Exists(uses.filter(created_at__gte=now - UNUSED_AFTER)))
    if health == "low":
        return live.filter(content_score__lt=LOW_SCORE)
    return articles.none()


def health_counts(user: User) -> dict[str, int]:
    """How many of the institution's live articles fall in each health list."""
    own = articles_for(user, ArticleFilter(state="")).filter(
        organization__institution_id=user.unit.institution_id if user.unit else None
    )
    return {
        name: _with_health(own.order_by(), name).count()
        for name in ("stale", "flagged", "unused", "low")
    }


@dataclass(frozen=True)
class Reuse:
    count: int
    solved: int
    last_used_at: datetime.datetime | None


def reuse_of(article: Article) -> Reuse:
    """Uses from the desk: the suggestion that solved a question, or a link in an answer —
    of the article itself, or (by other institutions) of its shared snapshots."""
    uses = _uses(str(article.pk))
    if uses is None:
        return Reuse(0, 0, None)
    summary = uses.aggregate(
        count=Count("pk"), solved=Count("pk", filter=Q(kind="solved")), last=Max("created_at")
    )
    return Reuse(summary["count"], summary["solved"], summary["last"])


def versions_of(article: Article) -> QuerySet[ArticleVersion]:
    return article.versions.select_related("created_by")


def flags_of(article: Article) -> QuerySet[ArticleFlag]:
    return article.flags.select_related("raised_by", "resolved_by")


# --- Manuals ----------------------------------------------------------------------------------


def manuals_for(user: User) -> QuerySet[Manual]:
    return (
        Manual.objects.visible_to(user)
        .select_related("organization", "current_version")
        .order_by("title", "pk")
    )


def sections_of(version: ManualVersion) -> QuerySet[ManualSection]:
    return version.sections.all()


def proposals_for(user: User, manual: Manual) -> QuerySet[RevisionProposal]:
    """The proposals of a manual the user may read (the caller found it via visible_to)."""
    return manual.proposals.select_related("created_by", "reviewer", "approver")


def route_candidates(manual: Manual, *, drafter: User) -> QuerySet[User]:
    """Whom a drafter may name as reviewer or approver of a revision of ``manual``: the
    active people of its institution other than the drafter, by unit and then by name."""
    return (
        people_of_institution(manual.organization.institution_id)
        .exclude(pk=drafter.pk)
        .select_related("unit")
        .order_by("unit__path", "display_name", "username")
    )


def waiting_for(user: User) -> QuerySet[RevisionProposal]:
    """Proposals waiting for this user's review or approval, on manuals they may read."""
    visible = Manual.objects.visible_to(user)
    return (
        RevisionProposal.objects.filter(manual__in=visible)
        .filter(
            Q(status=RevisionStatusChoices.IN_REVIEW, reviewer=user)
            | Q(status=RevisionStatusChoices.IN_APPROVAL, approver=user)
        )
        .select_related("manual")
    )


# --- Revision candidates ---------------------------------------------------------------------


def gap_questions(user: User, gap: KnowledgeGap) -> list[Question]:
    """The group's questions this user may read, the most central first (the rest are
    counted, never shown)."""
    return gap_for(user, gap).questions


@dataclass(frozen=True)
class GapView:
    """A revision candidate as one reader may see it."""

    gap: KnowledgeGap
    questions: list[Question]
    best_match: tuple[str, str] | None  # (title, url) when the reader may open it

    @property
    def title(self) -> str:
        return self.questions[0].subject if self.questions else ""

    @property
    def hidden(self) -> int:
        return max(self.gap.size - len(self.questions), 0)


def _ids(keys: list[str], kind: str) -> list[int]:
    found = []
    for key in keys:
        prefix, _sep, pk = key.partition(":")
        if prefix == kind and pk.isdigit():
            found.append(int(pk))
    return found


def _best_matches(user: User, keys: list[str]) -> dict[str, tuple[str, str]]:
    """(title, url) of each closest item the user may open, by key, in two queries."""
    matches: dict[str, tuple[str, str]] = {}
    articles = Article.objects.visible_to(user).filter(pk__in=_ids(keys, "article"))
    for article in articles.only("pk", "title"):
        matches[f"article:{article.pk}"] = (article.title, article.get_absolute_url())
    sections = ManualSection.objects.filter(
        pk__in=_ids(keys, "section"), version__manual__in=Manual.objects.visible_to(user)
    ).select_related("version__manual")
    for section in sections:
        title = f"{section.version.manual.title}　{section.title}"
        matches[f"section:{section.pk}"] = (title, section.get_absolute_url())
    return matches


def gaps_for(user: User, gaps: list[KnowledgeGap]) -> list[GapView]:
    """Revision candidates as this reader may see them, in three queries however many."""
    source = question_source()
    wanted = {pk for gap in gaps for pk in gap.inquiry_ids}
    readable = source.readable(user, wanted) if source is not None and wanted else {}
    matches = _best_matches(user, [gap.best_match_key for gap in gaps if gap.best_match_key])
    return [
        GapView(
            gap,
            [readable[pk] for pk in gap.inquiry_ids if pk in readable],
            matches.get(gap.best_match_key),
        )
        for gap in gaps
    ]


def gap_for(user: User, gap: KnowledgeGap) -> GapView:
    return gaps_for(user, [gap])[0]


def masking_words_for(user: User) -> QuerySet[MaskingWord]:
    """The words to mask of the user's own institution, for its editors; none for others."""
    institution_id = own_institution_id(user)
    if institution_id is None or not can_read_words(user, institution_id):
        return MaskingWord.objects.none()
    return MaskingWord.objects.filter(institution_id=institution_id).select_related("added_by")


@dataclass(frozen=True)
class Motivations:
    """What led to a revision, as the reader may see it: the records they may open, by their
    names now, and how many others there are."""

    readable: list[tuple[str, str]]  # (title, url)
    hidden: int


def motivations_for(user: User, proposal: RevisionProposal) -> Motivations:
    """The inquiries and articles that motivated ``proposal``, each read through its own
    ``visible_to``: the title stored when the drafter named it is never shown, since a
    restricted inquiry's subject must not reach every reader of the manual."""
    return _as_seen_by(user, list(proposal.motivations.all()))


def section_motivations(user: User, manual: Manual) -> dict[str, Motivations]:
    """For each section of ``manual``, what led to the approved revisions that changed it,
    as ``user`` may see it (the same reading as ``motivations_for``)."""
    approved = RevisionMotivation.objects.filter(
        proposal__manual=manual, proposal__status=RevisionStatusChoices.APPROVED
    )
    keys_of: dict[int, set[str]] = {}
    for proposal_id, key in ProposedSection.objects.filter(
        proposal__manual=manual, proposal__status=RevisionStatusChoices.APPROVED
    ).values_list("proposal_id", "key"):
        keys_of.setdefault(proposal_id, set()).add(key)
    by_key: dict[str, list[RevisionMotivation]] = {}
    for motivation in approved:
        for key in keys_of.get(motivation.proposal_id, ()):
            by_key.setdefault(key, []).append(motivation)
    return {key: _as_seen_by(user, items) for key, items in by_key.items()}


def _as_seen_by(user: User, stored: list[RevisionMotivation]) -> Motivations:
    records = visible_records(user, ((m.type_key, m.object_id) for m in stored))
    readable = list(
        dict.fromkeys(
            (str(record), record.get_absolute_url())  # type: ignore[attr-defined]
            for m in stored
            if (record := records.get((m.type_key, m.object_id))) is not None
        )
    )
    hidden = len({(m.type_key, m.object_id) for m in stored} - set(records))
    return Motivations(readable, hidden)
