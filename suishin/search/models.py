from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.core.models import BusinessRecord
from suishin.search.choices import SearchTermKindChoices, VectorSlotChoices


class SearchDocument(BusinessRecord):
    """The indexed form of one searchable record. It copies the record's owner, classification
    and sharing, so the one need-to-know policy (``visible_to``) filters search inside retrieval."""

    type_key = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    title = models.CharField(max_length=500)
    body = models.TextField()
    url = models.CharField(max_length=500)
    facets = models.JSONField(default=dict)
    record_date = models.DateTimeField(null=True, blank=True)
    # Analyzed terms joined by spaces; the lexical index (FTS5 on SQLite, a tsvector on
    # PostgreSQL) is built from these two columns inside the same transaction.
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # What the dense model embeds, and its hash: a vector is current when the hashes match.
    dense_text = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type_key", "object_id"], name="unique_search_source")
        ]
        indexes = [models.Index(fields=["type_key", "record_date"])]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"{self.type_key}#{self.object_id}"


class DocumentVector(models.Model):
    """One dense embedding of a search document (float16, normalized)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="vectors")
    slot = models.CharField(max_length=8, choices=VectorSlotChoices.choices)
    model_name = models.CharField(max_length=100)
    content_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "slot"], name="unique_vector_slot")
        ]
        indexes = [models.Index(fields=["model_name", "slot", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.slot} vector of {self.document_id}"


class SearchTerm(models.Model):
    """An administrator's addition to the analysis: a synonym group (職質, 職務質問) or a phrase."""

    kind = models.CharField(_("kind"), max_length=16, choices=SearchTermKindChoices.choices)
    # Synonyms: the words of the group, separated by commas. Phrase: the phrase.
    terms = models.CharField(_("terms"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.terms
