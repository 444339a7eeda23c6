"""How core confirms an article's snapshot (discovered at start-up, like ``search.py``): a
publisher of the institution confirms a copy of the version still in force."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ClassificationChoices, MaskKindChoices
from suishin.core.masking import find_personal_data
from suishin.core.models import SharedSnapshot, User
from suishin.core.personal_data import register_detector
from suishin.core.releases import ReleaseRule, register
from suishin.knowledge.access import knowledge_role
from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.choices import KnowledgeRoleChoices as Role
from suishin.knowledge.models import Article
from suishin.knowledge.services.masking_words import known_words
from suishin.knowledge.services.sharing import SOURCE_TYPE


def _is_current(snapshot: SharedSnapshot) -> bool:
    article = Article.objects.filter(pk=snapshot.source_id).first()
    return (
        article is not None
        and article.version == snapshot.source_version
        and article.state == ArticleStateChoices.VALIDATED
        and article.classification != ClassificationChoices.RESTRICTED
    )


def _may_confirm(user: User, snapshot: SharedSnapshot) -> bool:
    return knowledge_role(user, snapshot.organization.institution_id) >= Role.PUBLISHER


def _publishers(snapshot: SharedSnapshot) -> QuerySet[User]:
    institution_id = snapshot.organization.institution_id
    return User.objects.filter(
        is_active=True,
        unit__institution_id=institution_id,
        knowledge_roles__institution_id=institution_id,
        knowledge_roles__role__gte=Role.PUBLISHER,
    ).distinct()


def _detect(text: str, institution_id: int) -> list[tuple[str, str]]:
    return [
        (finding.text, str(MaskKindChoices(finding.kind).label))
        for finding in find_personal_data(text, known=known_words(institution_id), thorough=True)
    ]


# Core's own records (notices) that leave an institution are checked with the same detector.
register_detector(_detect)

register(
    ReleaseRule(
        key=SOURCE_TYPE,
        label=_("Knowledge article"),
        may_confirm=_may_confirm,
        is_current=_is_current,
        confirmers=_publishers,
        review_url=lambda snapshot: reverse("knowledge:article_share", args=[snapshot.source_id]),
        replaced_by=lambda snapshot: SharedSnapshot.objects.filter(
            source_type=SOURCE_TYPE, source_id=snapshot.source_id
        ),
    )
)
