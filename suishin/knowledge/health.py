"""Content health: the KCS content-standard checklist, computed from an article's own row.

The score is stored when the article is saved (services), so the health page can list
low-scoring articles with one query; the page of one article shows each item.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from suishin.core.masking import find_personal_data
from suishin.knowledge.models import CONTENT_FIELDS, Article

LOW_SCORE = 60


@dataclass(frozen=True)
class CheckItem:
    label: str
    passed: bool


def checklist(article: Article) -> list[CheckItem]:
    return [
        CheckItem(
            str(_("The title states the question in the asker's words (8–100 characters).")),
            8 <= len(article.title) <= 100,
        ),
        CheckItem(
            str(_("The question or event is described (20 characters or more).")),
            len(article.question) >= 20,
        ),
        CheckItem(str(_("The situation or environment is given.")), bool(article.environment)),
        CheckItem(
            str(_("The answer is complete enough to act on (40 characters or more).")),
            len(article.answer) >= 40,
        ),
        CheckItem(
            str(_("The basis (law, circular or manual section) is cited.")),
            bool(article.basis_lines),
        ),
        CheckItem(str(_("A category is set.")), bool(article.category)),
        CheckItem(
            str(_("At least two search words are recorded.")),
            len(article.search_word_list) >= 2,
        ),
        CheckItem(
            str(_("No personal data is detected in the text.")),
            not any(find_personal_data(getattr(article, name)) for name in CONTENT_FIELDS),
        ),
    ]


def content_score(items: list[CheckItem]) -> int:
    return round(100 * sum(item.passed for item in items) / len(items)) if items else 0


def refresh_health(article: Article) -> list[str]:
    """Store the score and the personal-data flag on the row; returns the fields changed."""
    items = checklist(article)
    article.content_score = content_score(items)
    article.personal_data_found = not items[-1].passed
    return ["content_score", "personal_data_found"]
