"""Sharing an article beyond its institution (横展開): a masked snapshot, confirmed by a second
person, is all that leaves.

An editor (contributor or publisher) sees every finding of the detector and, for each, either
keeps its replacement or leaves the text with a recorded reason; adds words the detector
missed; and asks for the scope. The masked text becomes a ``SharedSnapshot`` awaiting
confirmation; the article itself, its versions and its history stay inside the institution.
A publisher who wrote none of the versions shared confirms it or sends it back
(``suishin.core.services.releases``). Any later change of the text withdraws the snapshot
until it is checked and confirmed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices, MaskKindChoices
from suishin.core.choices import ReleaseStateChoices as Release
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.masking import Finding, apply_masks, find_personal_data
from suishin.core.masking.fields import find_phrases, merge_overlapping, values_to_spread
from suishin.core.models import Organization, SharedSnapshot, User
from suishin.core.services.releases import outside_scope, release_submit, release_withdraw
from suishin.knowledge.access import can_share
from suishin.knowledge.choices import ArticleStateChoices as State
from suishin.knowledge.models import CONTENT_FIELDS, Article, ArticleVersion
from suishin.knowledge.services.masking_words import known_words, masking_words_remember

SOURCE_TYPE = "knowledge.article"
REASON_MAX = 200


@dataclass(frozen=True)
class FieldFinding:
    """A finding in one field of an article, with a key the form sends back."""

    field: str
    finding: Finding

    @property
    def key(self) -> str:
        f = self.finding
        return f"{self.field}:{f.start}:{f.end}:{f.kind}"


def article_findings(article: Article) -> list[FieldFinding]:
    """What leaving the institution would expose: the thorough detector (GiNZA too, where
    enabled) and the words the institution's editors added before."""
    known = known_words(article.organization.owning_institution.pk)
    return [
        FieldFinding(name, finding)
        for name in CONTENT_FIELDS
        for finding in find_personal_data(getattr(article, name), known=known, thorough=True)
    ]


def field_label(name: str) -> str:
    return str(Article._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def field_msgid(name: str) -> str:
    """The field's label untranslated: a snapshot stores it so, and every reader sees it in
    their own language (and its SHA-256 does not depend on the preparer's)."""
    with translation.override(None):
        return field_label(name)


def authors_of(article: Article, up_to_version: int) -> set[int]:
    """Everyone who wrote a version of the text being shared."""
    writers = set(
        ArticleVersion.objects.filter(article=article, number__lte=up_to_version).values_list(
            "created_by_id", flat=True
        )
    )
    return writers | {article.created_by_id}


def snapshots_of(article: Article) -> QuerySet[SharedSnapshot]:
    """Every snapshot made of the article (its institution's view of its sharing)."""
    return SharedSnapshot.objects.filter(
        source_type=SOURCE_TYPE, source_id=str(article.pk)
    ).select_related("prepared_by", "confirmed_by")


def _masked_content(
    article: Article,
    findings: list[FieldFinding],
    masked_keys: set[str],
    unmasked_reasons: Mapping[str, str],
    extra_phrases: list[tuple[str, str]],
) -> tuple[dict[str, str], dict[str, object]]:
    """The masked text of each field, and the summary kept with the snapshot."""
    kept_reasons = {key: reason.strip()[:REASON_MAX] for key, reason in unmasked_reasons.items()}
    missing = [
        item for item in findings if item.key not in masked_keys and not kept_reasons.get(item.key)
    ]
    if missing:
        message = _(
            "%(count)s findings are neither replaced nor kept with a reason. Replace each one "
            "or write why it may stay."
        ) % {"count": len(missing)}
        raise InvalidInput(message, fields={"keep": [message]})
    by_field: dict[str, list[Finding]] = {name: [] for name in CONTENT_FIELDS}
    kept: list[dict[str, str]] = []
    for item in findings:
        if item.key in masked_keys:
            by_field[item.field].append(item.finding)
        else:
            kept.append(
                {
                    "field": field_msgid(item.field),
                    "kind": item.finding.kind,
                    "text": item.finding.text,
                    "reason": kept_reasons[item.key],
                }
            )
    # A value replaced in one place is replaced wherever else it stands in the article, so a
    # name the detector caught once is not left readable in another field.
    everywhere = extra_phrases + values_to_spread(f for found in by_field.values() for f in found)
    replaced: dict[str, int] = {}
    texts: dict[str, str] = {}
    for name in CONTENT_FIELDS:
        text = getattr(article, name)
        chosen = merge_overlapping(text, by_field[name] + find_phrases(text, everywhere))
        for finding in chosen:
            replaced[finding.kind] = replaced.get(finding.kind, 0) + 1
        texts[name] = apply_masks(text, chosen)
    if not texts["title"].strip("［］ "):
        raise InvalidInput(_("The title would be empty after masking. Rewrite it first."))
    return texts, {"replaced": replaced, "kept": kept, "added": len(extra_phrases)}


@transaction.atomic
def article_share_request(
    *,
    actor: User,
    article: Article,
    expected_version: int,
    shared_nationwide: bool,
    shared_organizations: Iterable[Organization] = (),
    masked_keys: Iterable[str] = (),
    unmasked_reasons: Mapping[str, str] | None = None,
    extra_phrases: Iterable[tuple[str, str]] = (),
) -> SharedSnapshot:
    """A masked snapshot of the current version, awaiting a second person's confirmation.

    Every finding must be replaced (``masked_keys``) or kept with a reason
    (``unmasked_reasons``): a request that leaves any finding unaccounted for is refused,
    whatever the form sent."""
    article = Article.objects.select_for_update().select_related("organization").get(pk=article.pk)
    if not can_share(actor, article):
        raise AccessDenied(_("Only contributors and publishers can share articles."))
    if expected_version != article.version:
        raise InvalidInput(
            _("The article changed while you were checking it. Check the current text again.")
        )
    if article.state != State.VALIDATED:
        raise InvalidInput(_("Only validated articles can be shared beyond the institution."))
    if article.classification == ClassificationChoices.RESTRICTED:
        raise InvalidInput(_("A classification 3 record can only be shared with named people."))
    organizations = outside_scope(
        institution_id=article.organization.institution_id,
        nationwide=shared_nationwide,
        organizations=shared_organizations,
    )
    phrases = [(p.strip(), k) for p, k in extra_phrases if p.strip()]
    if any(kind not in MaskKindChoices.values for _phrase, kind in phrases):
        raise InvalidInput(_("Choose the kind of each added phrase."))
    texts, summary = _masked_content(
        article, article_findings(article), set(masked_keys), unmasked_reasons or {}, phrases
    )
    # What an editor had to add by hand is looked for in the institution's next texts.
    masking_words_remember(
        actor=actor, institution=article.organization.owning_institution, phrases=phrases
    )
    # A new request replaces one still awaiting confirmation; a shared one stays until this
    # one is confirmed.
    release_withdraw(
        actor=actor,
        releases=snapshots_of(article).filter(release_state=Release.PENDING),
        reason="resubmitted",
        # One confirmed meanwhile stays shared until this request is confirmed in its turn.
        states=(Release.PENDING,),
    )
    snapshot = SharedSnapshot(
        # Owned by the institution, not the unit that wrote it: outside readers learn which
        # prefecture shares it, and no unit name beyond that.
        organization=article.organization.owning_institution,
        classification=ClassificationChoices.INTERNAL,
        created_by=actor,
        source_type=SOURCE_TYPE,
        source_id=str(article.pk),
        source_version=article.version,
        title=texts["title"][:200],
        sections=[
            {"label": field_msgid(name), "text": texts[name]}
            for name in CONTENT_FIELDS
            if name != "title"
        ],
        masking_summary=summary,
    )
    clean_or_raise(snapshot)
    snapshot.save()
    release_submit(
        actor=actor,
        release=snapshot,
        nationwide=shared_nationwide,
        organizations=organizations,
        author_ids=authors_of(article, article.version),
    )
    return snapshot


@transaction.atomic
def article_share_stop(*, actor: User, article: Article) -> int:
    """Stop sharing the article beyond the institution (and cancel any request)."""
    if not can_share(actor, article):
        raise AccessDenied(_("Only contributors and publishers can share articles."))
    return release_withdraw(actor=actor, releases=snapshots_of(article), reason="stopped")


def withdraw_external_sharing(*, actor: User, article: Article, reason: str) -> int:
    """The text, state or classification changed: what was checked no longer matches it."""
    live = snapshots_of(article).filter(release_state__in=(Release.SHARED, Release.PENDING))
    return release_withdraw(actor=actor, releases=live, reason=reason)
