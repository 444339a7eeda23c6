"""Pages of the promotion structure: bodies with their seats, posts, and meetings."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.errors import DomainError
from suishin.core.institutions import institution_id_of
from suishin.core.models import Organization, User
from suishin.core.selectors import get_visible_or_404
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import (
    apply_domain_error,
    message_domain_error,
    message_form_errors,
    require,
)
from suishin.initiatives import selectors
from suishin.initiatives.access import (
    can_close_action,
    can_manage_structure,
    can_run_meetings,
)
from suishin.initiatives.forms import (
    ActionForm,
    AgendaForm,
    AssignForm,
    BodyForm,
    BodyMeetingsDefaultForm,
    DecisionForm,
    MaterialForm,
    MeetingAccessForm,
    MeetingForm,
    MemberForm,
    MinutesForm,
    PostForm,
)
from suishin.initiatives.models import ActionItem, Initiative, Meeting, Post, PromotionBody
from suishin.initiatives.services.bodies import (
    body_create,
    body_member_add,
    body_member_remove,
    body_set_meetings_members_only,
    post_assign,
    post_create,
)
from suishin.initiatives.services.meetings import (
    access_choices,
    access_of,
    action_item_add,
    action_item_done,
    agenda_item_add,
    decision_add,
    default_access,
    meeting_attach_material,
    meeting_create,
    meeting_record_minutes,
    meeting_set_access,
)


def _initiatives(user: User) -> QuerySet[Initiative]:
    return Initiative.objects.visible_to(user).filter(
        organization__institution_id=institution_id_of(user)
    )


def _units(user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(institution_id=institution_id_of(user), is_active=True)


def body_list_view(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "nodes": selectors.body_tree(request.user),
        "can_manage": can_manage_structure(request.user),
    }
    return render(request, "initiatives/body_list.html", context)


@require_http_methods(["GET", "POST"])
def body_create_view(request: AuthenticatedRequest) -> HttpResponse:
    require(can_manage_structure(request.user))
    own_bodies = selectors.bodies_for(request.user).filter(
        organization__institution_id=institution_id_of(request.user)
    )
    form = BodyForm(
        request.POST if request.method == "POST" else None,
        bodies=own_bodies,
        units=_units(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            body = body_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The body was created. Add its members next."))
            return redirect(body)
    return render(request, "initiatives/body_form.html", {"form": form})


def _body(request: AuthenticatedRequest, pk: int) -> PromotionBody:
    return get_visible_or_404(
        PromotionBody.objects.select_related("secretariat", "parent", "organization"),
        request.user,
        pk=pk,
    )


def body_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    manage = can_manage_structure(request.user, body.organization)
    context = {
        "body": body,
        "members": selectors.members_of(body),
        "children": selectors.bodies_for(request.user).filter(parent=body),
        "meetings": selectors.meetings_of(request.user, body)[:20],
        "can_manage": manage,
        "can_run": can_run_meetings(request.user, body),
        "member_form": MemberForm(
            posts=selectors.posts_of(institution_id_of(request.user)),
            people=selectors.people_of(request.user),
        )
        if manage
        else None,
        "default_form": BodyMeetingsDefaultForm(
            initial={"meetings_members_only": body.meetings_members_only}
        )
        if manage
        else None,
    }
    return render(request, "initiatives/body_detail.html", context)


@require_POST
def body_meetings_default_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Whether the body's new meetings start as members only."""
    body = _body(request, pk)
    require(can_manage_structure(request.user, body.organization))
    form = BodyMeetingsDefaultForm(request.POST)
    form.is_valid()  # a checkbox: absent means no
    members_only = bool(form.cleaned_data.get("meetings_members_only"))
    body_set_meetings_members_only(actor=request.user, body=body, members_only=members_only)
    if members_only:
        messages.success(request, _("New meetings of this body are for members only."))
    else:
        messages.success(request, _("New meetings of this body follow its classification."))
    return redirect(body)


@require_POST
def body_member_add_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    require(can_manage_structure(request.user, body.organization))
    form = MemberForm(
        request.POST,
        posts=selectors.posts_of(institution_id_of(request.user)),
        people=selectors.people_of(request.user),
    )
    if not form.is_valid():
        messages.error(request, _("Choose a role and a post or a person."))
        return redirect(body)
    try:
        body_member_add(actor=request.user, body=body, **form.cleaned_data)
    except DomainError as error:
        # The view checked the same rule first: an access refusal here is a 403 as well.
        message_domain_error(request, error)
    else:
        messages.success(request, _("The member was added."))
    return redirect(body)


@require_POST
def body_member_remove_view(request: AuthenticatedRequest, pk: int, member_pk: int) -> HttpResponse:
    body = _body(request, pk)
    require(can_manage_structure(request.user, body.organization))
    member = get_object_or_404(body.members, pk=member_pk)
    body_member_remove(actor=request.user, member=member)
    messages.success(request, _("The member was removed."))
    return redirect(body)


@require_http_methods(["GET", "POST"])
def post_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """Posts (職) of the institution and who holds them; a transfer is one change here."""
    require(can_manage_structure(request.user))
    form = PostForm(
        request.POST if request.method == "POST" else None,
        units=_units(request.user),
        people=selectors.people_of(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            post_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The post was added."))
            return redirect("initiatives:post_list")
    context = {
        "posts": selectors.posts_of(institution_id_of(request.user)),
        "form": form,
        "people": selectors.people_of(request.user),
    }
    return render(request, "initiatives/post_list.html", context)


@require_POST
def post_assign_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(can_manage_structure(request.user))
    post = get_object_or_404(
        Post.objects.select_related("unit"),
        pk=pk,
        unit__institution_id=institution_id_of(request.user),
    )
    form = AssignForm(request.POST, people=selectors.people_of(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a person of your institution."))
        return redirect("initiatives:post_list")
    try:
        post_assign(actor=request.user, post=post, holder=form.cleaned_data["holder"])
    except DomainError as error:
        # The view checked the same rule first: an access refusal here is a 403 as well.
        message_domain_error(request, error)
    else:
        messages.success(request, _("The holder of the post was changed."))
    return redirect("initiatives:post_list")


@require_http_methods(["GET", "POST"])
def meeting_create_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    require(can_run_meetings(request.user, body))
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        levels=access_choices(body),
        people=selectors.people_of_body(body),
        initial={"access": default_access(body)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at = timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))
        agenda = []
        for line in data["agenda"].splitlines():
            if line.strip():
                item, _sep, presenter = line.partition("／")
                agenda.append((item.strip()[:200], presenter.strip()[:200]))
        try:
            meeting = meeting_create(
                actor=request.user,
                body=body,
                title=data["title"],
                starts_at=starts_at,
                place=data["place"],
                agenda=agenda,
                access=data["access"],
                named_readers=data["named_readers"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The meeting was scheduled."))
            return redirect(meeting)
    return render(request, "initiatives/meeting_form.html", {"form": form, "body": body})


def _meeting(request: AuthenticatedRequest, pk: int) -> Meeting:
    return get_visible_or_404(
        Meeting.objects.select_related("body__organization", "body__secretariat"),
        request.user,
        pk=pk,
    )


def _access_form(meeting: Meeting, data: Any = None) -> MeetingAccessForm:
    named = " ".join(meeting.named_readers.order_by("username").values_list("username", flat=True))
    return MeetingAccessForm(
        data,
        prefix="access",
        levels=access_choices(meeting.body),
        people=selectors.people_of_body(meeting.body),
        initial={"access": access_of(meeting), "named_readers": named},
    )


def meeting_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    run = can_run_meetings(request.user, meeting.body)
    parts = selectors.meeting_parts(request.user, meeting)
    people = selectors.people_of_body(meeting.body)
    context = {
        "meeting": meeting,
        **parts,
        "files": selectors.materials_for(request.user, meeting),
        "can_run": run,
        "closable": {
            action.pk for action in parts["actions"] if can_close_action(request.user, action)
        },
        # Prefixed: the page holds six forms, and ids must not repeat.
        "forms": {
            "access": _access_form(meeting),
            "agenda": AgendaForm(
                prefix="agenda", initiatives=_initiatives(request.user), people=people
            ),
            "minutes": MinutesForm(prefix="minutes", initial={"minutes": meeting.minutes}),
            "decision": DecisionForm(prefix="decision"),
            "action": ActionForm(prefix="action", people=selectors.people_of(request.user)),
            "material": MaterialForm(prefix="material", people=people),
        }
        if run
        else None,
    }
    return render(request, "initiatives/meeting_detail.html", context)


@require_POST
def meeting_update_view(request: AuthenticatedRequest, pk: int, part: str) -> HttpResponse:
    """One form of the meeting page: agenda, minutes, decision, action item or material."""
    meeting = _meeting(request, pk)
    require(can_run_meetings(request.user, meeting.body))
    actor = request.user
    people = selectors.people_of_body(meeting.body)
    try:
        if part == "access":
            access = _access_form(meeting, request.POST)
            if access.is_valid():
                meeting_set_access(actor=actor, meeting=meeting, **access.cleaned_data)
                messages.success(request, _("Who may read the meeting was changed."))
            else:
                message_form_errors(request, access, _("Choose who may read the meeting."))
        elif part == "agenda":
            agenda = AgendaForm(
                request.POST, prefix=part, initiatives=_initiatives(actor), people=people
            )
            if agenda.is_valid():
                agenda_item_add(actor=actor, meeting=meeting, **agenda.cleaned_data)
                messages.success(request, _("The agenda item was added."))
            elif "title" in agenda.errors:
                messages.error(request, _("Enter the agenda item."))
            else:
                message_form_errors(request, agenda, _("Enter the agenda item."))
        elif part == "minutes":
            minutes = MinutesForm(request.POST, prefix=part)
            if minutes.is_valid():
                meeting_record_minutes(actor=actor, meeting=meeting, **minutes.cleaned_data)
                messages.success(request, _("The minutes were saved."))
            else:
                messages.error(request, _("Enter the minutes."))
        elif part == "decision":
            decision = DecisionForm(request.POST, prefix=part)
            if decision.is_valid():
                decision_add(actor=actor, meeting=meeting, **decision.cleaned_data)
                messages.success(request, _("The decision was recorded."))
            else:
                messages.error(request, _("Enter the decision."))
        elif part == "action":
            action = ActionForm(request.POST, prefix=part, people=selectors.people_of(actor))
            if action.is_valid():
                action_item_add(actor=actor, meeting=meeting, **action.cleaned_data)
                messages.success(request, _("The action item was added."))
            else:
                message_form_errors(request, action)
        elif part == "material":
            material = MaterialForm(request.POST, request.FILES, prefix=part, people=people)
            if material.is_valid():
                meeting_attach_material(
                    actor=actor,
                    meeting=meeting,
                    upload=material.cleaned_data["file"],
                    readers=material.cleaned_data["readers"],
                    named_readers=material.cleaned_data["named_readers"],
                )
                messages.success(request, _("The material was attached."))
            elif "file" in material.errors:
                messages.error(request, _("Choose a file."))
            else:
                message_form_errors(request, material, _("Choose a file."))
        else:
            messages.error(request, _("Choose what to do."))
    except DomainError as error:
        message_domain_error(request, error)
    return redirect(meeting)


@require_POST
def action_done_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The owner or the secretariat; anyone else who may read the meeting gets 403, and
    someone who may not, 404."""
    action = get_object_or_404(ActionItem.objects.select_related("meeting__body"), pk=pk)
    get_visible_or_404(Meeting.objects.all(), request.user, pk=action.meeting_id)
    try:
        action_item_done(actor=request.user, action=action)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("The action item is done."))
    next_url = request.POST.get("next", "")
    if next_url == "home":
        return redirect("core:home")
    return redirect(action.meeting)
