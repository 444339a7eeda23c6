from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.core.access import visibility_filter
from suishin.core.choices import ClassificationChoices

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from suishin.core.models.users import User


class BusinessRecordQuerySet(models.QuerySet):
    def visible_to(self, user: User | AnonymousUser | None) -> Self:
        """The only way views, API and search read business records."""
        return self.filter(visibility_filter(self.model, user))


class BusinessRecord(models.Model):
    """Abstract base of every business record: an owner, a classification, explicit sharing."""

    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("owning organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    classification = models.PositiveSmallIntegerField(
        _("classification"),
        choices=ClassificationChoices.choices,
        default=ClassificationChoices.INTERNAL,
    )
    shared_organizations = models.ManyToManyField(
        "core.Organization", verbose_name=_("shared with"), blank=True, related_name="+"
    )
    shared_nationwide = models.BooleanField(_("shared nationwide"), default=False)
    named_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("named readers"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = BusinessRecordQuerySet.as_manager()

    # A record whose readers outside the owning institution read its masked, confirmed copy
    # (``SharedSnapshot``): the policy then grants nothing of the record itself beyond the
    # institution, whatever its sharing fields say.
    shared_outside_by_snapshot: ClassVar[bool] = False

    class Meta:
        abstract = True

    @property
    def audit_type(self) -> str:
        return self._meta.label_lower
