"""Searchable types of core, which may not import search itself, so the search app declares
them in its own search.py."""

from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ReleaseStateChoices
from suishin.core.models import Notice, SharedSnapshot
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


# What other institutions shared: their confirmed, masked snapshots. The owning institution
# finds the records themselves, so it is not shown their copies as well.
register(
    SearchableType(
        model=SharedSnapshot,
        key="core.shared_snapshot",
        label=_("Shared by other institutions"),
        title=lambda snapshot: snapshot.title,
        body=lambda snapshot: [(section["text"], 1.0) for section in snapshot.sections],
        url=lambda snapshot: snapshot.get_absolute_url(),
        date=lambda snapshot: snapshot.confirmed_at,
        dense_text=lambda snapshot: "\n".join(
            [snapshot.title] + [section["text"] for section in snapshot.sections[:1]]
        ),
        queryset=lambda: SharedSnapshot.objects.filter(release_state=ReleaseStateChoices.SHARED),
        indexable=lambda snapshot: snapshot.release_state == ReleaseStateChoices.SHARED,
        outsiders_only=True,
    )
)
