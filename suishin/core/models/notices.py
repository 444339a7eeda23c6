from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from suishin.core.models.records import BusinessRecord


class Notice(BusinessRecord):
    """An announcement from a unit to the people who may read it (お知らせ)."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), max_length=20000)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("core:notice_detail", args=[self.pk])
