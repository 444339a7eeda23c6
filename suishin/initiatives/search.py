"""Shared cases (横展開) are searchable: the catalogue other organizations find them in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ReleaseStateChoices
from suishin.initiatives.models import SharedCase
from suishin.search.registry import SearchableType, register

register(
    SearchableType(
        model=SharedCase,
        key="initiatives.case",
        label=_("Shared cases"),
        title=lambda case: case.title,
        body=lambda case: [(case.summary, 2.0), (case.lessons, 1.0)],
        url=lambda case: case.get_absolute_url(),
        facets=lambda case: {"category": case.category.name},
        queryset=lambda: SharedCase.objects.filter(
            release_state=ReleaseStateChoices.SHARED
        ).select_related("category"),
        # Found once a second person confirmed it, never while it waits.
        indexable=lambda case: case.release_state == ReleaseStateChoices.SHARED,
    )
)
