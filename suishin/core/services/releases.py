"""Four eyes before anything leaves an institution.

One person prepares a masked copy and asks for a scope beyond the institution
(``release_submit``); a second person with the confirming role, who wrote none of what is
shared, sees the findings beside the copy and confirms it (``release_confirm``) or sends it
back (``release_return``). Only a confirmed copy carries sharing, and the policy lets outside
readers reach nothing else. Both names, the time and the copy's SHA-256 go into the audit
chain.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices
from suishin.core.choices import ReleaseStateChoices as State
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import MaskedRelease, Organization, User
from suishin.core.releases import rule_for
from suishin.core.services.audit import audit_log
from suishin.core.services.notifications import notification_create

# A MaskedRelease that is also a BusinessRecord (SharedSnapshot, a shared case): the type
# checker cannot express the intersection of the two abstract models.
Release = Any


def outside_scope(
    *, institution_id: int | None, nationwide: bool, organizations: Iterable[Organization]
) -> list[Organization]:
    """The organizations a copy is to be shared with, all of them outside the institution."""
    chosen = list(organizations)
    inside = [o for o in chosen if o.institution_id == institution_id]
    if inside:
        message = _("Your own institution already reads the record: choose other institutions.")
        raise InvalidInput(message, fields={"shared_organizations": [message]})
    if not nationwide and not chosen:
        message = _("Share nationwide or choose the organizations to share with.")
        raise InvalidInput(message, fields={"shared_organizations": [message]})
    return chosen


def _scope(release: MaskedRelease) -> dict[str, Any]:
    return {
        "nationwide": release.requested_nationwide,
        "organizations": sorted(release.requested_organizations.values_list("pk", flat=True)),
    }


@transaction.atomic
def release_submit(
    *,
    actor: User,
    release: Release,
    nationwide: bool,
    organizations: list[Organization],
    author_ids: Iterable[int],
) -> None:
    """Ask for confirmation of a saved copy (already masked by the caller's service)."""
    if release.classification == ClassificationChoices.RESTRICTED:
        raise InvalidInput(_("A classification 3 record can only be shared with named people."))
    release.release_state = State.PENDING
    release.requested_nationwide = nationwide
    release.prepared_by = actor
    release.prepared_at = timezone.now()
    release.author_ids = sorted(set(author_ids))
    release.content_sha256 = release.compute_sha256()
    # Nothing is shared until a second person confirms.
    release.shared_nationwide = False
    release.save()
    release.requested_organizations.set(organizations)
    release.shared_organizations.clear()
    audit_log(
        actor=actor,
        action="sharing.submitted",
        target=release,
        detail={"sha256": release.content_sha256, **_scope(release)},
    )
    rule = rule_for(release)
    for person in rule.confirmers(release):
        if person.pk != actor.pk and person.pk not in release.author_ids:
            notification_create(
                recipient=person,
                kind="sharing.confirmation_requested",
                title=_("A confirmation of sharing beyond the institution is requested"),
                about=release,
                url=rule.review_url(release),
            )


def second_person_problem(actor: User, release: MaskedRelease) -> str:
    """Why ``actor`` may not confirm this copy ('' when they may)."""
    if not rule_for(release).may_confirm(actor, release):
        return _("Only a person with the confirming role can confirm sharing.")
    if actor.pk == release.prepared_by_id:
        return _("A second person must confirm: you prepared this copy.")
    if actor.pk in (release.author_ids or []):
        return _("A second person must confirm: you wrote part of what is shared.")
    return ""


def _locked(release: Release) -> Release:
    return type(release).objects.select_for_update().get(pk=release.pk)


@transaction.atomic
def release_confirm(*, actor: User, release: Release, expected_sha256: str) -> Release:
    """Share the copy with the scope asked for; earlier copies of the source are withdrawn."""
    release = _locked(release)
    rule = rule_for(release)
    problem = second_person_problem(actor, release)
    if problem:
        raise AccessDenied(problem)
    if release.release_state != State.PENDING:
        raise InvalidInput(_("This copy is not awaiting confirmation."))
    if not rule.is_current(release):
        raise InvalidInput(
            _("The source changed after this copy was made. Ask for the check to be done again.")
        )
    sha256 = release.compute_sha256()
    if sha256 != release.content_sha256 or sha256 != expected_sha256:
        raise InvalidInput(_("The copy is not the one you reviewed. Review it again."))
    for earlier in rule.replaced_by(release):
        if earlier.pk != release.pk and earlier.release_state in (State.SHARED, State.PENDING):
            _withdraw(actor=actor, release=earlier, reason="replaced")
    release.release_state = State.SHARED
    release.confirmed_by = actor
    release.confirmed_at = timezone.now()
    release.shared_nationwide = release.requested_nationwide
    release.save(
        update_fields=[
            "release_state",
            "confirmed_by",
            "confirmed_at",
            "shared_nationwide",
            "updated_at",
        ]
    )
    release.shared_organizations.set(release.requested_organizations.all())
    prepared_by = release.prepared_by
    audit_log(
        actor=actor,
        action="sharing.confirmed",
        target=release,
        detail={
            "sha256": sha256,
            "prepared_by": prepared_by.get_username() if prepared_by else "",
            "confirmed_by": actor.get_username(),
            "confirmed_at": release.confirmed_at.isoformat(),
            **_scope(release),
        },
    )
    if prepared_by is not None and prepared_by.pk != actor.pk:
        notification_create(
            recipient=prepared_by,
            kind="sharing.confirmed",
            title=_("Sharing beyond the institution was confirmed"),
            about=release,
            url=rule.review_url(release),
        )
    return release


@transaction.atomic
def release_return(*, actor: User, release: Release, comment: str) -> Release:
    """Send the copy back to the person who prepared it, saying what to change."""
    release = _locked(release)
    rule = rule_for(release)
    if not rule.may_confirm(actor, release):
        raise AccessDenied(_("Only a person with the confirming role can confirm sharing."))
    if release.release_state != State.PENDING:
        raise InvalidInput(_("This copy is not awaiting confirmation."))
    comment = comment.strip()
    if not comment:
        message = _("Say what should be changed before it can be shared.")
        raise InvalidInput(message, fields={"comment": [message]})
    release.release_state = State.RETURNED
    release.review_comment = comment[:2000]
    release.save(update_fields=["release_state", "review_comment", "updated_at"])
    audit_log(
        actor=actor,
        action="sharing.returned",
        target=release,
        detail={"sha256": release.content_sha256},
    )
    if release.prepared_by is not None:
        notification_create(
            recipient=release.prepared_by,
            kind="sharing.returned",
            title=_("Sharing beyond the institution was sent back"),
            about=release,
            url=rule.review_url(release),
        )
    return release


def _withdraw(*, actor: User | None, release: Release, reason: str) -> None:
    release.release_state = State.WITHDRAWN
    release.withdrawn_at = timezone.now()
    release.shared_nationwide = False
    release.save(update_fields=["release_state", "withdrawn_at", "shared_nationwide", "updated_at"])
    release.shared_organizations.clear()
    audit_log(actor=actor, action="sharing.withdrawn", target=release, detail={"reason": reason})


@transaction.atomic
def release_withdraw(
    *,
    actor: User | None,
    releases: Iterable[Release],
    reason: str,
    states: tuple[str, ...] = (State.SHARED, State.PENDING),
) -> int:
    """Stop sharing these copies (and cancel any awaiting confirmation), each only if it is
    still in one of ``states`` once locked. Returns how many."""
    count = 0
    for release in releases:
        release = _locked(release)
        if release.release_state in states:
            _withdraw(actor=actor, release=release, reason=reason)
            count += 1
    return count
