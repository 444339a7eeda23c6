"""Sharing an article beyond its institution (横展開), only after its personal data is masked.

The editor sees every finding of the detector, keeps or undoes each, adds phrases it missed,
and confirms; the masked text becomes a new version and that version is recorded as checked.
Any later change of the text withdraws the sharing beyond the institution until it is checked
again, so unchecked text never leaves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import Organization, User
from suishin.core.services.audit import audit_log
from suishin.core.services.records import apply_sharing
from suishin.knowledge.choices import ArticleStateChoices as State
from suishin.knowledge.choices import KnowledgeRoleChoices as Role
from suishin.knowledge.choices import MaskKindChoices
from suishin.knowledge.health import refresh_health
from suishin.knowledge.masking import Finding, apply_masks, find_personal_data
from suishin.knowledge.models import CONTENT_FIELDS, Article
from suishin.knowledge.services.articles import version_snapshot
from suishin.knowledge.services.roles import knowledge_role


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
    return [
        FieldFinding(name, finding)
        for name in CONTENT_FIELDS
        for finding in find_personal_data(getattr(article, name))
    ]


def can_share(user: User, article: Article) -> bool:
    return knowledge_role(user, article.organization.institution_id) >= Role.CONTRIBUTOR


def can_share_beyond(user: User, article: Article) -> bool:
    return knowledge_role(user, article.organization.institution_id) >= Role.PUBLISHER


def _extra_findings(text: str, phrases: Iterable[tuple[str, str]]) -> list[Finding]:
    found = []
    for phrase, kind in phrases:
        for match in re.finditer(re.escape(phrase), text):
            found.append(Finding(match.start(), match.end(), kind, phrase))
    return found


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if not any(finding.overlaps(other) for other in kept):
            kept.append(finding)
    return kept


@transaction.atomic
def article_share(
    *,
    actor: User,
    article: Article,
    expected_version: int,
    shared_nationwide: bool,
    shared_organizations: Iterable[Organization] = (),
    kept_keys: Iterable[str] = (),
    extra_phrases: Iterable[tuple[str, str]] = (),
    confirmed: bool = False,
) -> Article:
    """Set who beyond the owner may read the article; beyond the institution, mask first."""
    article = Article.objects.select_for_update().select_related("organization").get(pk=article.pk)
    if not can_share(actor, article):
        raise AccessDenied(_("Only contributors and publishers can share articles."))
    if expected_version != article.version:
        raise InvalidInput(
            _("The article changed while you were checking it. Check the current text again.")
        )
    organizations = list(shared_organizations)
    institution_id = article.organization.institution_id
    beyond = shared_nationwide or any(o.institution_id != institution_id for o in organizations)
    if beyond:
        if not can_share_beyond(actor, article):
            raise AccessDenied(_("Only publishers can share articles beyond their institution."))
        if article.state != State.VALIDATED:
            raise InvalidInput(_("Only validated articles can be shared beyond the institution."))
        if article.classification == ClassificationChoices.RESTRICTED:
            raise InvalidInput(_("A classification 3 record can only be shared with named people."))
        if not confirmed:
            raise InvalidInput(
                _("Confirm that you checked the text for personal data."),
                fields={"confirmed": [_("Check the replacements and confirm.")]},
            )
        _mask_article(
            actor=actor,
            article=article,
            kept_keys=set(kept_keys),
            extra_phrases=[(p.strip(), k) for p, k in extra_phrases if p.strip()],
        )
    article.shared_nationwide = shared_nationwide
    article.save(update_fields=["shared_nationwide", "masked_version", "updated_at"])
    apply_sharing(record=article, shared_organizations=organizations)
    audit_log(
        actor=actor,
        action="knowledge.shared",
        target=article,
        detail={
            "shared_nationwide": shared_nationwide,
            "shared_organizations": sorted(o.pk for o in organizations),
            "masked_version": article.masked_version,
        },
    )
    return article


def _mask_article(
    *, actor: User, article: Article, kept_keys: set[str], extra_phrases: list[tuple[str, str]]
) -> None:
    valid_kinds = set(MaskKindChoices.values)
    if any(kind not in valid_kinds for _phrase, kind in extra_phrases):
        raise InvalidInput(_("Choose the kind of each added phrase."))
    by_field: dict[str, list[Finding]] = {name: [] for name in CONTENT_FIELDS}
    for item in article_findings(article):
        if item.key in kept_keys:
            by_field[item.field].append(item.finding)
    counts: dict[str, int] = {}
    changed = False
    for name in CONTENT_FIELDS:
        text = getattr(article, name)
        findings = _without_overlaps(by_field[name] + _extra_findings(text, extra_phrases))
        for finding in findings:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
        masked = apply_masks(text, findings)
        if masked != text:
            setattr(article, name, masked)
            changed = True
    if changed:
        if not article.title.strip("［］ "):
            raise InvalidInput(_("The title would be empty after masking. Rewrite it first."))
        article.version += 1
        health_fields = refresh_health(article)
        article.save(update_fields=[*CONTENT_FIELDS, *health_fields, "version", "updated_at"])
        version_snapshot(article=article, actor=actor, note=_("Personal data masked for sharing"))
    article.masked_version = article.version
    # Kinds and counts only: the audit trail never holds the personal data itself.
    audit_log(
        actor=actor,
        action="knowledge.masked",
        target=article,
        detail={"version": article.version, "replacements": counts},
    )


@transaction.atomic
def withdraw_external_sharing(*, actor: User, article: Article) -> None:
    institution_id = article.organization.institution_id
    outside = list(article.shared_organizations.exclude(institution_id=institution_id))
    article.shared_nationwide = False
    article.masked_version = None
    article.save(update_fields=["shared_nationwide", "masked_version", "updated_at"])
    if outside:
        article.shared_organizations.remove(*outside)
    audit_log(
        actor=actor,
        action="knowledge.sharing_withdrawn",
        target=article,
        detail={"reason": "content_changed", "organizations": sorted(o.pk for o in outside)},
    )
