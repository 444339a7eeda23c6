"""横展開: publishing an initiative as a case for other organizations, and what they do with
it — bookmark it, ask its owner, or adopt it as an initiative of their own.

The case's text goes through the knowledge module's personal-data detector: every finding is
replaced by its placeholder before the case is stored, the publisher sees the masked text and
confirms it, and the case then waits, unshared, until a second person — the institution's
secretariat, who neither prepared it nor owns the initiative — confirms it
(``suishin.core.services.releases``). Only a confirmed case is in the catalogue, can be asked
about or adopted. A classification 3 initiative cannot be published.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices, RoleChoices
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.masking import mask
from suishin.core.masking.fields import mask_fields
from suishin.core.models import Organization, User
from suishin.core.services.audit import audit_log
from suishin.core.services.notifications import notification_create
from suishin.core.services.releases import outside_scope, release_submit, release_withdraw
from suishin.initiatives.access import can_author, can_confirm_case, can_run
from suishin.initiatives.models import CaseBookmark, CaseQuestion, Initiative, SharedCase
from suishin.initiatives.services.initiatives import initiative_create
from suishin.knowledge.access import own_institution_id
from suishin.knowledge.services.masking_words import known_words


def masked_case_texts(
    initiative: Initiative, *, title: str, summary: str, lessons: str
) -> dict[str, str]:
    """A case's texts as they would be shared, masked as one record with the institution's
    own words: what the publisher checks and confirms, and what is stored."""
    return mask_fields(
        {"title": title.strip(), "summary": summary.strip(), "lessons": lessons.strip()},
        known=known_words(initiative.organization.owning_institution.pk),
        thorough=True,
    )


@transaction.atomic
def case_publish(
    *,
    actor: User,
    initiative: Initiative,
    title: str,
    summary: str,
    lessons: str = "",
    shared_nationwide: bool = True,
    shared_organizations: Iterable[Organization] = (),
    confirmed: bool = False,
) -> SharedCase:
    if not can_run(actor, initiative):
        raise AccessDenied(_("Only the owner and the secretariat can publish this initiative."))
    if initiative.classification == ClassificationChoices.RESTRICTED:
        raise InvalidInput(_("A classification 3 initiative cannot be shared."))
    organizations = outside_scope(
        institution_id=initiative.organization.institution_id,
        nationwide=shared_nationwide,
        organizations=shared_organizations,
    )
    if not confirmed:
        message = _("Check the text with personal data replaced and confirm.")
        raise InvalidInput(message, fields={"confirmed": [message]})
    texts = masked_case_texts(initiative, title=title, summary=summary, lessons=lessons)
    if not texts["title"].strip("［］ ") or not texts["summary"]:
        raise InvalidInput(_("Give the case a title and a summary."))
    case = SharedCase(
        initiative=initiative,
        category=initiative.category,
        # The institution, not the unit: other organizations learn which prefecture shares
        # the case (its own people reach the unit through the initiative).
        organization=initiative.organization.owning_institution,
        classification=ClassificationChoices.INTERNAL,
        created_by=actor,
        **texts,
    )
    clean_or_raise(case)
    case.save()
    release_submit(
        actor=actor,
        release=case,
        nationwide=shared_nationwide,
        organizations=organizations,
        author_ids={actor.pk, initiative.owner_id},
    )
    audit_log(
        actor=actor,
        action="initiative.case_published",
        target=case,
        detail={
            "initiative": initiative.pk,
            "shared_nationwide": shared_nationwide,
            "shared_organizations": sorted(o.pk for o in organizations),
        },
    )
    return case


def _require_shared(case: SharedCase) -> None:
    if not case.is_shared:
        raise InvalidInput(_("This case is not shared yet: a second person must confirm it."))


@transaction.atomic
def case_bookmark(*, actor: User, case: SharedCase, keep: bool = True) -> None:
    """The caller found the case through visible_to."""
    _require_shared(case)
    if keep:
        CaseBookmark.objects.get_or_create(case=case, user=actor)
    else:
        CaseBookmark.objects.filter(case=case, user=actor).delete()


@transaction.atomic
def case_ask(*, actor: User, case: SharedCase, question: str) -> CaseQuestion:
    _require_shared(case)
    question = question.strip()
    if not question:
        raise InvalidInput(
            _("Write the question."), fields={"question": [_("This field is required.")]}
        )
    # A question from another institution leaves it: its personal data is replaced, as in the
    # answer that comes back.
    asker_institution_id = own_institution_id(actor)
    if asker_institution_id != case.organization_id:
        question = mask(question, known=known_words(asker_institution_id), thorough=True)
    asked = CaseQuestion.objects.create(case=case, asked_by=actor, question=question[:4000])
    audit_log(
        actor=actor, action="initiative.case_question", target=case, detail={"question": asked.pk}
    )
    notification_create(
        recipient=case.initiative.owner,
        kind="initiative.case_question",
        title=_("Another organization asked about your shared case"),
        about=case,
    )
    return asked


@transaction.atomic
def case_answer(*, actor: User, question: CaseQuestion, answer: str) -> CaseQuestion:
    if not can_run(actor, question.case.initiative):
        raise AccessDenied(
            _("Only the owner and the secretariat can answer questions on this case.")
        )
    if not answer.strip():
        raise InvalidInput(
            _("Write the answer."), fields={"answer": [_("This field is required.")]}
        )
    # The answer goes to another institution: personal data in it is replaced, as in the case.
    # The case's organization is its institution (case_publish).
    known = known_words(question.case.organization_id)
    question.answer = mask(answer.strip(), known=known, thorough=True)[:4000]
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_at"])
    audit_log(
        actor=actor,
        action="initiative.case_answered",
        target=question.case,
        detail={"question": question.pk},
    )
    notification_create(
        recipient=question.asked_by,
        kind="initiative.case_answer",
        title=_("Your question about a shared case was answered"),
        about=question.case,
    )
    return question


@transaction.atomic
def case_adopt(*, actor: User, case: SharedCase, confirmed: bool = False) -> Initiative:
    """An initiative of the actor's own institution, linked to the case it copies."""
    if not can_author(actor) or actor.unit is None:
        raise AccessDenied(_("Only initiative owners and the secretariat can adopt a case."))
    _require_shared(case)
    if case.organization.institution_id == actor.unit.institution_id:
        raise InvalidInput(_("This case comes from your own institution."))
    if not confirmed:
        # Adopting registers an initiative of the adopter's unit: asked, never by one click.
        message = _("Tick the box to confirm the adoption, then adopt.")
        raise InvalidInput(message, fields={"confirm": [message]})
    initiative = initiative_create(
        actor=actor,
        title=case.title,
        category=case.category
        if case.category.institution_id is None
        else case.initiative.category,
        owner=actor,
        goal=case.summary,
        start_date=timezone.localdate(),
    )
    initiative.adopted_from = case
    initiative.save(update_fields=["adopted_from"])
    audit_log(
        actor=actor,
        action="initiative.case_adopted",
        target=case,
        detail={"initiative": initiative.pk},
    )
    notification_create(
        recipient=case.initiative.owner,
        kind="initiative.case_adopted",
        title=_("Another organization adopted your shared case"),
        about=case,
    )
    return initiative


@transaction.atomic
def case_share_stop(*, actor: User, case: SharedCase) -> int:
    """The owner or the secretariat stops sharing a case (or cancels its confirmation);
    adoptions already made stay, linked to it."""
    if not (can_run(actor, case.initiative) or can_confirm_case(actor, case)):
        raise AccessDenied(_("Only the owner and the secretariat can stop sharing this case."))
    return release_withdraw(actor=actor, releases=[case], reason="stopped")


def adoption_chain(case: SharedCase) -> list[SharedCase]:
    """The cases this one descends from, oldest first (its source initiative adopted a case,
    which came from an initiative that adopted another …)."""
    chain: list[SharedCase] = []
    seen: set[int] = set()
    current = case.initiative.adopted_from
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = current.initiative.adopted_from
    return list(reversed(chain))


def secretariat_of(case: SharedCase) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        unit__institution_id=case.organization.institution_id,
        roles__role=RoleChoices.SECRETARIAT,
    ).distinct()
