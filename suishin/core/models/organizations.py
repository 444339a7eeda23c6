from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import OrganizationKindChoices


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def subtree_of(self, organization: Organization) -> OrganizationQuerySet:
        return self.filter(path__startswith=organization.path)


class Organization(models.Model):
    """A unit in the tree of police and prefectural-government organizations."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKindChoices.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Materialized path ("/1/4/17/") so that subtree and ancestor checks are one indexed
    # prefix match; maintained only by the organization services.
    path = models.CharField(max_length=500, db_index=True, editable=False)
    # The institution (prefectural police, national agency, prefectural government) this unit
    # belongs to; derived from the path and kept by the services.
    institution = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    sort_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    @property
    def owning_institution(self) -> Organization:
        """The institution this unit belongs to (itself for an institution, or a unit outside
        any): who owns what it shares beyond its walls."""
        return self.institution or self

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this unit, itself included."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    @property
    def depth(self) -> int:
        return len(self.ancestor_ids) - 1

    def is_within(self, other: Organization) -> bool:
        return self.path.startswith(other.path)
