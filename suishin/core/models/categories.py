"""The shape of a per-institution category list (inquiry subjects, initiative categories …).

A row without an institution belongs to the default list, which the platform ships; an
institution may keep rows of its own. Apps differ in how the two combine, so the queryset
offers both ways, and each app says which it uses.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InstitutionCategoryQuerySet(models.QuerySet):
    def default_list(self) -> InstitutionCategoryQuerySet:
        return self.filter(institution__isnull=True)

    def own_or_default_list(self, institution_id: int | None) -> InstitutionCategoryQuerySet:
        """The institution's own list once it has made one (its rows replace the defaults),
        else the default list."""
        if institution_id is not None and self.filter(institution_id=institution_id).exists():
            return self.filter(institution_id=institution_id)
        return self.default_list()

    def default_and_own(self, institution_id: int | None) -> InstitutionCategoryQuerySet:
        """The default list and the institution's additions to it."""
        return self.filter(Q(institution__isnull=True) | Q(institution_id=institution_id))


class InstitutionCategory(models.Model):
    # Empty for the default list, used by every institution.
    institution = models.ForeignKey(
        "core.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("display order"), default=0)

    objects = InstitutionCategoryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]
