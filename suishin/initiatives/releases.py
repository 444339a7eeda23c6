"""How core confirms a shared case (discovered at start-up, like ``search.py``): the
institution's secretariat confirms it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ClassificationChoices
from suishin.core.releases import ReleaseRule, register
from suishin.initiatives.access import can_confirm_case
from suishin.initiatives.services.sharing import secretariat_of

register(
    ReleaseRule(
        key="initiatives.case",
        label=_("Shared case"),
        may_confirm=can_confirm_case,
        # The case's text is its own (written for sharing), so it stays current while its
        # initiative may still be shared at all.
        is_current=lambda case: case.initiative.classification != ClassificationChoices.RESTRICTED,
        confirmers=secretariat_of,
        review_url=lambda case: case.get_absolute_url(),
    )
)
