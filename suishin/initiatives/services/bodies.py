"""Writes to the promotion structure: posts, bodies and their seats."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices
from suishin.core.errors import AccessDenied, InvalidInput, clean_or_raise
from suishin.core.models import Organization, User
from suishin.core.services.audit import audit_log
from suishin.core.services.records import check_owner
from suishin.initiatives.access import can_manage_structure
from suishin.initiatives.models import BodyMember, Post, PromotionBody


def _require_manager(actor: User, organization: Organization | None = None) -> None:
    if not can_manage_structure(actor, organization):
        raise AccessDenied(
            _("Only the secretariat and system administrators can change the promotion structure.")
        )


@transaction.atomic
def post_create(*, actor: User, unit: Organization, title: str, holder: User | None = None) -> Post:
    _require_manager(actor, unit)
    title = title.strip()
    if Post.objects.filter(unit=unit, title=title).exists():
        raise InvalidInput(
            _("This unit already has that post."), fields={"title": [_("Choose another title.")]}
        )
    post = Post(unit=unit, title=title, holder=holder)
    clean_or_raise(post)
    post.save()
    audit_log(actor=actor, action="post.created", target=post, detail={"unit": unit.pk})
    return post


@transaction.atomic
def post_assign(*, actor: User, post: Post, holder: User | None) -> Post:
    """A transfer: the post's seats on every body pass to the new holder at once."""
    _require_manager(actor, post.unit)
    if (
        holder is not None
        and holder.unit is not None
        and post.unit.institution_id != holder.unit.institution_id
    ):
        raise InvalidInput(
            _("The holder must belong to the post's institution."),
            fields={"holder": [_("Choose a person of the post's institution.")]},
        )
    previous = post.holder_id
    post.holder = holder
    post.save(update_fields=["holder"])
    audit_log(
        actor=actor,
        action="post.assigned",
        target=post,
        detail={"from": previous, "to": holder.pk if holder else None},
    )
    return post


@transaction.atomic
def body_create(
    *,
    actor: User,
    name: str,
    kind: str,
    secretariat: Organization,
    parent: PromotionBody | None = None,
    purpose: str = "",
    classification: int = ClassificationChoices.INTERNAL,
    meetings_members_only: bool = False,
) -> PromotionBody:
    owner = actor.unit
    if owner is None:
        raise AccessDenied(_("You cannot create records for an organization outside your own."))
    _require_manager(actor)
    check_owner(actor=actor, organization=secretariat)
    if parent is not None and parent.organization.institution_id != owner.institution_id:
        raise InvalidInput(
            _("The parent body must belong to your institution."),
            fields={"parent": [_("Choose a body of your institution.")]},
        )
    body = PromotionBody(
        name=name.strip(),
        kind=kind,
        parent=parent,
        secretariat=secretariat,
        purpose=purpose.strip(),
        organization=secretariat,
        classification=classification,
        meetings_members_only=meetings_members_only,
        created_by=actor,
    )
    clean_or_raise(body)
    body.save()
    audit_log(
        actor=actor,
        action="record.created",
        target=body,
        detail={"kind": kind, "meetings_members_only": meetings_members_only},
    )
    return body


@transaction.atomic
def body_set_meetings_members_only(
    *, actor: User, body: PromotionBody, members_only: bool
) -> PromotionBody:
    """Whether the body's new meetings start as members only (meetings already scheduled keep
    their level)."""
    _require_manager(actor, body.organization)
    previous = body.meetings_members_only
    body.meetings_members_only = members_only
    body.save(update_fields=["meetings_members_only", "updated_at"])
    audit_log(
        actor=actor,
        action="body.meetings_default_changed",
        target=body,
        detail={"from": previous, "to": members_only},
    )
    return body


@transaction.atomic
def body_member_add(
    *,
    actor: User,
    body: PromotionBody,
    role: str,
    post: Post | None = None,
    person: User | None = None,
) -> BodyMember:
    _require_manager(actor, body.organization)
    if (post is None) == (person is None):
        raise InvalidInput(
            _("Choose a post or a person, not both."),
            fields={"post": [_("Choose a post or a person, not both.")]},
        )
    institution_id = body.organization.institution_id
    if post is not None and post.unit.institution_id != institution_id:
        raise InvalidInput(_("Choose a post of the body's institution."))
    if person is not None and (person.unit is None or person.unit.institution_id != institution_id):
        raise InvalidInput(_("Choose a person of the body's institution."))
    if BodyMember.objects.filter(body=body, post=post, person=person).exists():
        raise InvalidInput(_("That seat is already on the body."))
    member = BodyMember(body=body, role=role, post=post, person=person)
    clean_or_raise(member)
    member.save()
    audit_log(
        actor=actor,
        action="body.member_added",
        target=body,
        detail={"post": post.pk if post else None, "person": person.pk if person else None},
    )
    return member


@transaction.atomic
def body_member_remove(*, actor: User, member: BodyMember) -> None:
    _require_manager(actor, member.body.organization)
    audit_log(
        actor=actor, action="body.member_removed", target=member.body, detail={"member": member.pk}
    )
    member.delete()
