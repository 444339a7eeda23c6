"""Words an institution's editors masked by hand because the detector missed them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import MaskKindChoices


class MaskingWord(models.Model):
    """Found in the institution's texts from then on (``masking.lexicon``). The list holds
    personal data: only the institution's editors read it (``selectors.masking_words_for``)."""

    institution = models.ForeignKey("core.Organization", on_delete=models.CASCADE, related_name="+")
    phrase = models.CharField(_("phrase"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=MaskKindChoices.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "phrase", "kind"], name="masking_word_once_per_institution"
            )
        ]
        ordering = ["kind", "phrase"]
        verbose_name = _("word to mask")
        verbose_name_plural = _("words to mask")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.phrase}"
