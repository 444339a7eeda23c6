from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.knowledge.choices import GapStatusChoices


class KnowledgeGap(models.Model):
    """改定候補: a group of recent questions of an institution that no validated article or
    manual section in force answers (found by services.gaps, acted on by editors)."""

    institution = models.ForeignKey("core.Organization", on_delete=models.CASCADE, related_name="+")
    detected_at = models.DateTimeField(_("detected at"))
    size = models.PositiveIntegerField(_("questions"))
    # The questions of the group, the most central first. No subject or text is stored: each
    # reader sees the questions they may open and the count of the rest (selectors.gap_for).
    inquiry_ids = models.JSONField(default=list)
    # The closest article or manual section ("article:12", "section:34"), shown only to a
    # reader who may open it.
    best_match_key = models.CharField(max_length=64, blank=True)
    best_match_score = models.FloatField(_("closest similarity"), default=0.0)
    status = models.CharField(
        _("status"), max_length=16, choices=GapStatusChoices.choices, default=GapStatusChoices.OPEN
    )
    result_url = models.CharField(max_length=500, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["-size", "-detected_at", "pk"]
        indexes = [models.Index(fields=["institution", "status"])]
        verbose_name = _("knowledge gap")
        verbose_name_plural = _("knowledge gaps")

    def __str__(self) -> str:
        return f"gap {self.pk}"
