from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from suishin.core.models import BusinessRecord
from suishin.knowledge.choices import ArticleStateChoices, KnowledgeRoleChoices

# The fields of an article that carry its content: versioned, searched, masked before sharing.
CONTENT_FIELDS = ("title", "question", "environment", "answer", "cause", "basis")


class KnowledgeRole(models.Model):
    """A person's KCS proficiency in their institution (candidate, contributor, publisher)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_roles"
    )
    institution = models.ForeignKey("core.Organization", on_delete=models.CASCADE, related_name="+")
    role = models.PositiveSmallIntegerField(_("KCS role"), choices=KnowledgeRoleChoices.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"], name="knowledge_role_one_per_institution"
            )
        ]
        verbose_name = _("KCS role")
        verbose_name_plural = _("KCS roles")

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()}"


class Article(BusinessRecord):
    """A KCS knowledge article: a question as it was asked, its situation, and the answer."""

    # Other institutions read its masked, confirmed snapshot; the article, its versions and its
    # history stay inside (services.sharing).
    shared_outside_by_snapshot = True

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question / event"))
    environment = models.TextField(_("situation / environment"), blank=True)
    answer = models.TextField(_("answer / action"))
    cause = models.TextField(_("cause"), blank=True)
    basis = models.TextField(
        _("basis"), blank=True, help_text=_("Laws, circulars and manual sections, one per line.")
    )
    category = models.CharField(_("category"), max_length=100, blank=True)
    # The words people searched with, so the article is found by the same words next time.
    search_words = models.CharField(_("search words"), max_length=500, blank=True)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=ArticleStateChoices.choices,
        default=ArticleStateChoices.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    review_due = models.DateField(_("review due"), null=True, blank=True)
    # The due date a reminder was last sent for, so each due date reminds once.
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    # Kept by the services on every save (health.refresh_health).
    content_score = models.PositiveSmallIntegerField(_("content score"), default=0)
    personal_data_found = models.BooleanField(_("personal data found"), default=False)
    # Where the article came from (an inquiry of the desk), for the trail back.
    source_type = models.CharField(max_length=64, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    source_url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["state", "review_due"])]
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article_detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"KB-{self.pk:06d}"

    @property
    def search_word_list(self) -> list[str]:
        return [word for word in self.search_words.split() if word]

    @property
    def basis_lines(self) -> list[str]:
        return [line.strip() for line in self.basis.splitlines() if line.strip()]


class ArticleVersion(models.Model):
    """The content of an article as one save left it; versions are never changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question / event"))
    environment = models.TextField(_("situation / environment"), blank=True)
    answer = models.TextField(_("answer / action"))
    cause = models.TextField(_("cause"), blank=True)
    basis = models.TextField(_("basis"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=ArticleStateChoices.choices)
    note = models.CharField(_("change note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="knowledge_version_unique")
        ]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class ArticleFlag(models.Model):
    """ "Flag it": a reader's report that an article is wrong or unclear, for its owner."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="flags")
    reason = models.TextField(_("reason"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.CharField(_("resolution"), max_length=500, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["article", "resolved_at"])]
        verbose_name = _("article flag")
        verbose_name_plural = _("article flags")

    def __str__(self) -> str:
        return self.reason[:40]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
