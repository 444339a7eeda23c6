"""改定候補: finding groups of recent questions nothing answers (a daily task), and turning a
group into an article or a revision proposal in one step."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import Organization, User
from suishin.core.services.audit import audit_log
from suishin.knowledge.access import can_handle_gaps
from suishin.knowledge.choices import ArticleStateChoices, GapStatusChoices
from suishin.knowledge.gaps import find_gaps
from suishin.knowledge.models import Article, KnowledgeGap, ManualSection
from suishin.knowledge.questions import question_source
from suishin.knowledge.selectors import gap_questions
from suishin.knowledge.services.articles import article_create

RECENT = datetime.timedelta(days=90)
MAX_QUESTIONS = 5000


def _knowledge_of(institution_id: int) -> list[tuple[str, str]]:
    """(key, text) of what may answer the institution's questions: its validated articles and
    the sections of its manuals in force. Only keys are stored; readers see what they may."""
    articles = Article.objects.filter(
        state=ArticleStateChoices.VALIDATED, organization__institution_id=institution_id
    )
    items = [
        (f"article:{article.pk}", f"{article.title}\n{article.question}")
        for article in articles.only("pk", "title", "question")
    ]
    sections = ManualSection.objects.filter(
        version__manual__current_version=F("version"),
        version__manual__organization__institution_id=institution_id,
    )
    items += [
        (f"section:{section.pk}", f"{section.title}\n{section.body[:200]}") for section in sections
    ]
    return items


def knowledge_gaps_detect(*, institution: Organization | None = None) -> int:
    """Recompute the open gaps of each institution with recent questions (or of one).
    Gaps already acted on are kept; the open ones are replaced. Returns the gaps found."""
    from suishin.search.embeddings import get_embedder

    source = question_source()
    if source is None:
        return 0
    recent = source.recent(
        timezone.now() - RECENT, institution.pk if institution is not None else None, MAX_QUESTIONS
    )
    embedder = get_embedder()
    found = 0
    for institution_id, inquiries in recent.items():
        gaps = []
        knowledge = _knowledge_of(institution_id)
        if inquiries:
            questions = embedder.queries([text for _pk, text in inquiries])
            answers = embedder.passages([text for _key, text in knowledge])
            gaps = find_gaps(questions, answers)
        now = timezone.now()
        with transaction.atomic():
            KnowledgeGap.objects.filter(
                institution_id=institution_id, status=GapStatusChoices.OPEN
            ).delete()
            for gap in gaps:
                members = [gap.representative] + [
                    index for index in gap.members if index != gap.representative
                ]
                KnowledgeGap.objects.create(
                    institution_id=institution_id,
                    detected_at=now,
                    size=len(gap.members),
                    inquiry_ids=[inquiries[index][0] for index in members][:500],
                    best_match_key=knowledge[gap.best_match][0]
                    if gap.best_match is not None
                    else "",
                    best_match_score=round(gap.best_score, 4),
                )
        found += len(gaps)
    return found


def _require_editor(actor: User, gap: KnowledgeGap) -> None:
    if not can_handle_gaps(actor) or actor.unit is None:
        raise AccessDenied(_("Only knowledge contributors and publishers can act on gaps."))
    if actor.unit.institution_id != gap.institution_id:
        raise AccessDenied(_("Only knowledge contributors and publishers can act on gaps."))
    if gap.status != GapStatusChoices.OPEN:
        raise InvalidInput(_("Someone has already acted on this group."))
    if not gap_questions(actor, gap):
        # Acting on a group means reading it: one of its askers' colleagues decides.
        raise InvalidInput(_("You cannot read any question of this group. Ask its askers."))


def _mark(actor: User, gap: KnowledgeGap, status: str, url: str = "") -> None:
    gap.status = status
    gap.result_url = url
    gap.handled_by = actor
    gap.handled_at = timezone.now()
    gap.save(update_fields=["status", "result_url", "handled_by", "handled_at"])
    audit_log(
        actor=actor,
        action="knowledge.gap_handled",
        target=gap,
        detail={"status": status, "size": gap.size},
    )


@transaction.atomic
def gap_to_article(*, actor: User, gap: KnowledgeGap) -> Article:
    """A draft article with the group's questions the actor may read, and the desk's answers
    where it has any: nothing of a question the actor may not open goes into it."""
    _require_editor(actor, gap)
    questions = gap_questions(actor, gap)
    source = question_source()
    latest = source.latest_answer(questions) if source is not None else ""
    title = questions[0].subject
    article = article_create(
        actor=actor,
        title=title[:200],
        question=title,
        environment="\n".join(f"・{q.subject}" for q in questions[:10]),
        answer=latest or _("(Write the answer.)"),
        search_words=[word for q in questions[:3] for word in q.subject.split()][:10],
        state=ArticleStateChoices.DRAFT,
        source_type="knowledge.gap",
        source_id=str(gap.pk),
    )
    _mark(actor, gap, GapStatusChoices.ARTICLE, article.get_absolute_url())
    return article


@transaction.atomic
def gap_mark_proposed(*, actor: User, gap: KnowledgeGap, url: str) -> None:
    _require_editor(actor, gap)
    _mark(actor, gap, GapStatusChoices.PROPOSAL, url)


@transaction.atomic
def gap_dismiss(*, actor: User, gap: KnowledgeGap) -> None:
    _require_editor(actor, gap)
    _mark(actor, gap, GapStatusChoices.DISMISSED)
