"""Searchable types of core, which may not import search itself."""

from django.utils.translation import gettext_lazy as _

from suishin.core.models import Notice
from suishin.search.registry import SearchableType, register

register(
    SearchableType(
        model=Notice,
        key="core.notice",
        label=_("Notices"),
        title=lambda notice: notice.title,
        body=lambda notice: [(notice.body, 1.0)],
        url=lambda notice: notice.get_absolute_url(),
        date=lambda notice: notice.created_at,
    )
)
