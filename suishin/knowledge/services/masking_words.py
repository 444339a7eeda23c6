"""The institution's own words to mask: remembered when an editor adds a missed word to a
shared copy, removed by a publisher when one was added by mistake.

The audit chain records that a word of a kind was added or removed, never the word itself
(it is personal data).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.choices import MaskKindChoices
from suishin.core.errors import AccessDenied
from suishin.core.models import Organization, User
from suishin.core.services.audit import audit_log
from suishin.knowledge.access import can_read_words, can_remove_words
from suishin.knowledge.models import MaskingWord

PHRASE_MAX = MaskingWord._meta.get_field("phrase").max_length or 100


def known_words(institution_id: int | None) -> list[tuple[str, str]]:
    """(phrase, kind) pairs the detector looks for in this institution's texts."""
    if institution_id is None:
        return []
    return list(
        MaskingWord.objects.filter(institution_id=institution_id).values_list("phrase", "kind")
    )


@transaction.atomic
def masking_words_remember(
    *, actor: User, institution: Organization, phrases: Iterable[tuple[str, str]]
) -> int:
    """Keep the words an editor masked by hand; returns how many were new."""
    if not can_read_words(actor, institution.pk):
        raise AccessDenied(_("Only contributors and publishers can add words to mask."))
    added = 0
    for phrase, kind in phrases:
        phrase = phrase.strip()
        if not phrase or len(phrase) > PHRASE_MAX or kind not in MaskKindChoices.values:
            continue
        word, created = MaskingWord.objects.get_or_create(
            institution=institution, phrase=phrase, kind=kind, defaults={"added_by": actor}
        )
        if created:
            added += 1
            audit_log(
                actor=actor, action="knowledge.masking_word_add", target=word, detail={"kind": kind}
            )
    return added


@transaction.atomic
def masking_word_remove(*, actor: User, word: MaskingWord) -> None:
    if not can_remove_words(actor, word.institution_id):
        raise AccessDenied(_("Only publishers can remove words to mask."))
    audit_log(
        actor=actor, action="knowledge.masking_word_remove", target=word, detail={"kind": word.kind}
    )
    word.delete()
