"""What leaves an institution: a masked copy, confirmed by a second person, and nothing else.

``MaskedRelease`` is the part every such copy shares (the state, who prepared and who confirmed
it, the scope asked for, the SHA-256 of the content confirmed); ``SharedSnapshot`` is the copy of
a record that stays inside (a knowledge article): readers outside the owning institution read the
snapshot, never the record, its versions or its history.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ReleaseStateChoices
from suishin.core.models.records import BusinessRecord


class MaskedRelease(models.Model):
    """Fields of a copy whose masked content is shared beyond its institution once confirmed."""

    release_state = models.CharField(
        _("sharing state"),
        max_length=16,
        choices=ReleaseStateChoices.choices,
        default=ReleaseStateChoices.PENDING,
        db_index=True,
    )
    # The scope asked for; it becomes the record's sharing only when a second person confirms.
    requested_nationwide = models.BooleanField(_("share nationwide"), default=False)
    requested_organizations = models.ManyToManyField(
        "core.Organization", verbose_name=_("share with"), blank=True, related_name="+"
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    prepared_at = models.DateTimeField(_("prepared at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The people who wrote what is shared: none of them may be the one who confirms it.
    author_ids = models.JSONField(default=list, editable=False)
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True)
    # Replacements by kind, and each finding left unmasked with the reason recorded for it.
    masking_summary = models.JSONField(default=dict, editable=False)
    review_comment = models.TextField(_("comment"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def release_key(self) -> str:
        """Which registered release rule governs this copy (``suishin.core.releases``)."""
        raise NotImplementedError

    def release_content(self) -> list[tuple[str, str]]:
        """(name, text) of everything an outside reader receives, in order. Names are fixed
        (field names, stored labels), never translated, so the SHA-256 does not depend on
        the language of the page it was confirmed on."""
        raise NotImplementedError

    def compute_sha256(self) -> str:
        payload = json.dumps(
            [[name, text] for name, text in self.release_content()],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @property
    def is_shared(self) -> bool:
        return self.release_state == ReleaseStateChoices.SHARED


class SharedSnapshot(MaskedRelease, BusinessRecord):
    """The masked, confirmed copy of one version of a record, for readers outside its owner."""

    source_type = models.CharField(max_length=64)
    source_id = models.CharField(max_length=64)
    source_version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    # [{"label": ..., "text": ...}, ...]: the masked fields in the source's order.
    sections = models.JSONField(default=list)

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        indexes = [models.Index(fields=["source_type", "source_id", "release_state"])]
        verbose_name = _("shared snapshot")
        verbose_name_plural = _("shared snapshots")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("core:shared_detail", args=[self.pk])

    @property
    def release_key(self) -> str:
        return self.source_type

    def release_content(self) -> list[tuple[str, str]]:
        return [("title", self.title)] + [
            (section["label"], section["text"]) for section in self.sections
        ]
