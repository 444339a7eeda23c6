"""Manuals (要領・規程): versions with an effective date, sections with stable keys, and the
revision proposals that make new versions through 起案 → 審査 → 決裁."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from suishin.core.models import BusinessRecord
from suishin.knowledge.choices import (
    RevisionActionChoices,
    RevisionStatusChoices,
    SectionChangeChoices,
)


class Manual(BusinessRecord):
    """A manual: its title, the version in force, and the people who follow its revisions."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    # The version in force; moved by the services when an approved version's date comes.
    current_version = models.ForeignKey(
        "ManualVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="followed_manuals"
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("manual")
        verbose_name_plural = _("manuals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:manual_detail", args=[self.pk])


class ManualVersion(models.Model):
    """One version of a manual: never changed once made; in force from its effective date."""

    manual = models.ForeignKey(Manual, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    effective_date = models.DateField(_("effective date"))
    # When it became the version in force (its followers were told then).
    took_effect_at = models.DateTimeField(_("took effect at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    source_name = models.CharField(_("imported from"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["manual", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["manual", "number"], name="manual_version_unique")
        ]
        indexes = [models.Index(fields=["took_effect_at", "effective_date"])]
        verbose_name = _("manual version")
        verbose_name_plural = _("manual versions")

    def __str__(self) -> str:
        return f"{self.manual_id} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:manual_version", args=[self.manual_id, self.number])


class ManualSection(models.Model):
    """A section (編・章・節・条 or a heading) of one version. ``key`` stays the same for the
    same section across versions, so a link to it always finds the text in force."""

    version = models.ForeignKey(ManualVersion, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=32)
    position = models.PositiveIntegerField()
    level = models.PositiveSmallIntegerField(_("level"))
    label = models.CharField(_("number"), max_length=50, blank=True)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="manual_section_key_unique")
        ]
        verbose_name = _("manual section")
        verbose_name_plural = _("manual sections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The stable link: the section as the version in force has it."""
        return reverse("knowledge:manual_section", args=[self.version.manual_id, self.key])

    @property
    def title(self) -> str:
        """Number and heading; the text before a manual's first heading (the only section an
        import leaves without either) is its preamble, 「前文」, never its key."""
        return "　".join(part for part in (self.label, self.heading) if part) or str(
            pgettext("manual section", "Preamble")
        )


class RevisionProposal(models.Model):
    """A proposed revision of a manual: the sections to change and why, on its way to approval."""

    manual = models.ForeignKey(Manual, on_delete=models.CASCADE, related_name="proposals")
    base_version = models.ForeignKey(ManualVersion, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    reason = models.TextField(_("reason for the revision"))
    effective_date = models.DateField(_("proposed effective date"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RevisionStatusChoices.choices,
        default=RevisionStatusChoices.DRAFTING,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approver"),
    )
    resulting_version = models.ForeignKey(
        ManualVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("revision proposal")
        verbose_name_plural = _("revision proposals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:proposal_detail", args=[self.pk])


class ProposedSection(models.Model):
    """One change a proposal makes: a section changed, added after another, or deleted."""

    proposal = models.ForeignKey(RevisionProposal, on_delete=models.CASCADE, related_name="changes")
    change = models.CharField(_("change"), max_length=8, choices=SectionChangeChoices.choices)
    # The section changed or deleted; for an addition, the new section's key.
    key = models.CharField(max_length=32)
    # For an addition: the key of the section it follows ("" = at the start).
    after_key = models.CharField(max_length=32, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), default=4)
    label = models.CharField(_("number"), max_length=50, blank=True)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["proposal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "key"], name="proposed_section_unique")
        ]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")

    def __str__(self) -> str:
        return f"{self.change} {self.key}"


class RevisionMotivation(models.Model):
    """An inquiry or article that showed the manual needs this revision."""

    proposal = models.ForeignKey(
        RevisionProposal, on_delete=models.CASCADE, related_name="motivations"
    )
    type_key = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=500)
    url = models.CharField(max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "type_key", "object_id"], name="revision_motivation_unique"
            )
        ]
        verbose_name = _("motivation")
        verbose_name_plural = _("motivations")

    def __str__(self) -> str:
        return self.title


class RevisionStep(models.Model):
    """One step of the approval route as it happened: who did what, with what comment."""

    proposal = models.ForeignKey(RevisionProposal, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("action"), max_length=16, choices=RevisionActionChoices.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.action}"
