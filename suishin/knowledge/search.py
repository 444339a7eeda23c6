"""Articles are searchable once they leave work in progress and until they are archived; the
question and the search words weigh more than the answer."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.models import Article, ManualSection
from suishin.search.registry import SearchableType, register

SEARCHABLE_STATES = (ArticleStateChoices.NOT_VALIDATED, ArticleStateChoices.VALIDATED)


register(
    SearchableType(
        model=Article,
        key="knowledge.article",
        label=_("Knowledge articles"),
        title=lambda article: article.title,
        body=lambda article: [
            (article.question, 2.0),
            (article.search_words, 2.0),
            (article.environment, 1.0),
            (article.answer, 1.5),
            (article.cause, 1.0),
            (article.basis, 1.0),
        ],
        url=lambda article: article.get_absolute_url(),
        facets=lambda article: {"category": article.category, "state": article.state},
        dense_text=lambda article: f"{article.title}\n{article.question}\n{article.search_words}",
        queryset=lambda: Article.objects.filter(state__in=SEARCHABLE_STATES),
        indexable=lambda article: article.state in SEARCHABLE_STATES,
    )
)


def _section_in_force(section: ManualSection) -> bool:
    return section.version_id == section.version.manual.current_version_id


# Sections of the version in force are searchable, each on its own; who may find them is
# decided by the manual (its owner, classification and sharing).
register(
    SearchableType(
        model=ManualSection,
        key="knowledge.manual_section",
        label=_("Manual sections"),
        title=lambda section: f"{section.version.manual.title}　{section.title}",
        body=lambda section: [(section.heading, 2.0), (section.body, 1.0)],
        url=lambda section: section.get_absolute_url(),
        facets=lambda section: {"manual": section.version.manual.title},
        date=lambda section: section.version.manual.updated_at,
        queryset=lambda: ManualSection.objects.filter(
            version__manual__current_version=F("version")
        ).select_related("version__manual"),
        indexable=_section_in_force,
        access_source=lambda section: section.version.manual,
    )
)
