"""Revision proposals: 起案 (drafting) → 審査 (review) → 決裁 (approval) → a new version.

The drafter gathers the sections to change and the inquiries and articles that motivated
them; the named reviewer and then the named approver either pass the proposal on or send it
back with a comment. Every step is recorded on the proposal and in the audit chain. Approval
makes the new version, in force from the proposal's effective date (at once if it has come).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from suishin.core.date_range import require_dates_in_range
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.models import User
from suishin.core.services.audit import audit_log
from suishin.core.services.notifications import notification_create
from suishin.knowledge.access import can_draft, can_edit_manuals
from suishin.knowledge.choices import RevisionActionChoices as Action
from suishin.knowledge.choices import RevisionStatusChoices as Status
from suishin.knowledge.choices import SectionChangeChoices as Change
from suishin.knowledge.models import (
    Manual,
    ManualSection,
    ManualVersion,
    ProposedSection,
    RevisionMotivation,
    RevisionProposal,
    RevisionStep,
)
from suishin.knowledge.services.manuals import manual_versions_take_effect, next_section_number

MOTIVATION_TYPES = ("desk.inquiry", "knowledge.article")


def _require_drafter(actor: User, proposal: RevisionProposal) -> None:
    if not can_draft(actor, proposal):
        raise AccessDenied(_("Only the drafter can change a proposal while it is being drafted."))


def _step(proposal: RevisionProposal, actor: User, action: str, comment: str = "") -> None:
    RevisionStep.objects.create(proposal=proposal, action=action, actor=actor, comment=comment)
    audit_log(
        actor=actor,
        action=f"revision.{action}",
        target=proposal.manual,
        detail={"proposal": proposal.pk, "status": proposal.status},
    )


def _tell(recipient: User, proposal: RevisionProposal, title: str) -> None:
    notification_create(recipient=recipient, kind="manual.revision", title=title, about=proposal)


def _in_institution(user: User, manual: Manual) -> bool:
    return user.unit is not None and user.unit.institution_id == manual.organization.institution_id


@transaction.atomic
def proposal_create(
    *,
    actor: User,
    manual: Manual,
    title: str,
    reason: str,
    effective_date: datetime.date,
    reviewer: User,
    approver: User,
    motivations: Iterable[tuple[str, str, str, str]] = (),
) -> RevisionProposal:
    """``motivations``: (type key, id, title, url) of inquiries and articles found by the
    caller through visible_to."""
    if not can_edit_manuals(actor, manual.organization.institution_id):
        raise AccessDenied(_("Only knowledge contributors and publishers can manage manuals."))
    require_dates_in_range(effective_date=effective_date)
    base = manual.current_version or manual.versions.order_by("-number").first()
    if base is None:
        raise InvalidInput(_("This manual has no version to revise."))
    errors: dict[str, list[str]] = {}
    for field, person in (("reviewer", reviewer), ("approver", approver)):
        if not _in_institution(person, manual):
            errors.setdefault(field, []).append(_("Choose a person of the manual's institution."))
        if person.pk == actor.pk:
            errors.setdefault(field, []).append(
                _("The drafter cannot review or approve their own proposal.")
            )
    if reviewer.pk == approver.pk:
        errors.setdefault("approver", []).append(
            _("The approver must be someone other than the reviewer.")
        )
    if errors:
        raise InvalidInput(_("Check the approval route."), fields=errors)
    proposal = RevisionProposal(
        manual=manual,
        base_version=base,
        title=title.strip(),
        reason=reason.strip(),
        effective_date=effective_date,
        reviewer=reviewer,
        approver=approver,
        created_by=actor,
    )
    clean_or_raise(proposal)
    proposal.save()
    for type_key, object_id, item_title, url in motivations:
        if type_key in MOTIVATION_TYPES:
            RevisionMotivation.objects.get_or_create(
                proposal=proposal,
                type_key=type_key,
                object_id=object_id,
                defaults={"title": item_title[:500], "url": url[:500]},
            )
    audit_log(
        actor=actor,
        action="revision.created",
        target=manual,
        detail={"proposal": proposal.pk, "base_version": base.number},
    )
    return proposal


def _base_section(proposal: RevisionProposal, key: str) -> ManualSection:
    section = proposal.base_version.sections.filter(key=key).first()
    if section is None:
        raise InvalidInput(_("That section is not in the version being revised."))
    return section


@transaction.atomic
def proposal_change_section(
    *, actor: User, proposal: RevisionProposal, key: str, label: str, heading: str, body: str
) -> ProposedSection:
    _require_drafter(actor, proposal)
    section = _base_section(proposal, key)
    if (section.label, section.heading, section.body) == (
        label.strip(),
        heading.strip(),
        body.strip(),
    ):
        raise InvalidInput(_("The text is the same as in force. Change it or cancel."))
    change, _created = ProposedSection.objects.update_or_create(
        proposal=proposal,
        key=key,
        defaults={
            "change": Change.CHANGE,
            "level": section.level,
            "label": label.strip()[:50],
            "heading": heading.strip()[:200],
            "body": body.strip(),
        },
    )
    return change


@transaction.atomic
def proposal_add_section(
    *,
    actor: User,
    proposal: RevisionProposal,
    after_key: str,
    level: int,
    label: str,
    heading: str,
    body: str,
) -> ProposedSection:
    _require_drafter(actor, proposal)
    if after_key:
        _base_section(proposal, after_key)
    if not (label.strip() or heading.strip()):
        raise InvalidInput(
            _("Give the new section a number or a heading."),
            fields={"heading": [_("Give the new section a number or a heading.")]},
        )
    used = set(proposal.changes.values_list("key", flat=True))
    number = next_section_number(proposal.manual)
    while f"s{number}" in used:
        number += 1
    return ProposedSection.objects.create(
        proposal=proposal,
        change=Change.ADD,
        key=f"s{number}",
        after_key=after_key,
        level=max(1, min(level, 6)),
        label=label.strip()[:50],
        heading=heading.strip()[:200],
        body=body.strip(),
    )


@transaction.atomic
def proposal_delete_section(
    *, actor: User, proposal: RevisionProposal, key: str
) -> ProposedSection:
    _require_drafter(actor, proposal)
    section = _base_section(proposal, key)
    change, _created = ProposedSection.objects.update_or_create(
        proposal=proposal,
        key=key,
        defaults={
            "change": Change.DELETE,
            "level": section.level,
            "label": "",
            "heading": "",
            "body": "",
        },
    )
    return change


@transaction.atomic
def proposal_discard_change(*, actor: User, change: ProposedSection) -> None:
    _require_drafter(actor, change.proposal)
    change.delete()


@transaction.atomic
def proposal_submit(*, actor: User, proposal: RevisionProposal) -> RevisionProposal:
    _require_drafter(actor, proposal)
    if not proposal.changes.exists():
        raise InvalidInput(_("Change, add or delete at least one section before submitting."))
    proposal.status = Status.IN_REVIEW
    proposal.save(update_fields=["status", "updated_at"])
    _step(proposal, actor, Action.SUBMITTED)
    _tell(proposal.reviewer, proposal, _("A manual revision awaits your review"))
    return proposal


@transaction.atomic
def proposal_decide(
    *, actor: User, proposal: RevisionProposal, approve: bool, comment: str = ""
) -> RevisionProposal:
    """The reviewer (in review) or the approver (awaiting approval) passes or sends back."""
    proposal = RevisionProposal.objects.select_for_update().get(pk=proposal.pk)
    comment = comment.strip()
    if proposal.status == Status.IN_REVIEW and actor.pk == proposal.reviewer_id:
        stage = "review"
    elif proposal.status == Status.IN_APPROVAL and actor.pk == proposal.approver_id:
        stage = "approval"
    else:
        raise AccessDenied(_("This proposal is not waiting for you."))
    if not approve:
        if not comment:
            raise InvalidInput(
                _("Say why it is sent back."), fields={"comment": [_("Say why it is sent back.")]}
            )
        proposal.status = Status.DRAFTING
        proposal.save(update_fields=["status", "updated_at"])
        _step(proposal, actor, Action.SENT_BACK, comment)
        _tell(proposal.created_by, proposal, _("Your manual revision was sent back"))
        return proposal
    if stage == "review":
        proposal.status = Status.IN_APPROVAL
        proposal.save(update_fields=["status", "updated_at"])
        _step(proposal, actor, Action.REVIEWED, comment)
        _tell(proposal.approver, proposal, _("A manual revision awaits your approval"))
        return proposal
    version = _make_version(proposal, actor)
    proposal.status = Status.APPROVED
    proposal.resulting_version = version
    proposal.save(update_fields=["status", "resulting_version", "updated_at"])
    _step(proposal, actor, Action.APPROVED, comment)
    _tell(proposal.created_by, proposal, _("Your manual revision was approved"))
    manual_versions_take_effect(manual=proposal.manual)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal: RevisionProposal) -> RevisionProposal:
    if proposal.created_by_id != actor.pk or proposal.status == Status.APPROVED:
        raise AccessDenied(_("Only the drafter can withdraw a proposal that is not approved."))
    proposal.status = Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    _step(proposal, actor, Action.WITHDRAWN)
    return proposal


def _make_version(proposal: RevisionProposal, actor: User) -> ManualVersion:
    manual = Manual.objects.select_for_update().get(pk=proposal.manual_id)
    latest = manual.versions.aggregate(number=Max("number"))["number"] or 0
    if proposal.base_version.number != latest:
        raise InvalidInput(
            _(
                "Version %(number)s was made after this proposal was drafted. Send it back so "
                "that the drafter can check the changes against it."
            )
            % {"number": latest}
        )
    if proposal.effective_date < proposal.base_version.effective_date:
        raise InvalidInput(_("The effective date cannot be before that of the version revised."))
    changes = {change.key: change for change in proposal.changes.all()}
    additions: dict[str, list[ProposedSection]] = {}
    for change in changes.values():
        if change.change == Change.ADD:
            additions.setdefault(change.after_key, []).append(change)
    version = ManualVersion.objects.create(
        manual=manual,
        number=latest + 1,
        effective_date=proposal.effective_date,
        note=proposal.title[:200],
        created_by=actor,
    )
    rows: list[ManualSection] = []

    def add(level: int, key: str, label: str, heading: str, body: str) -> None:
        rows.append(
            ManualSection(
                version=version,
                key=key,
                position=len(rows),
                level=level,
                label=label,
                heading=heading,
                body=body,
            )
        )

    def add_new(after: str) -> None:
        for new in additions.get(after, []):
            add(new.level, new.key, new.label, new.heading, new.body)
            add_new(new.key)  # a section added after another added one

    add_new("")
    for section in proposal.base_version.sections.all():
        edit = changes.get(section.key)
        if edit is None:
            add(section.level, section.key, section.label, section.heading, section.body)
        elif edit.change == Change.CHANGE:
            add(section.level, section.key, edit.label, edit.heading, edit.body)
        add_new(section.key)
    ManualSection.objects.bulk_create(rows)
    return version
