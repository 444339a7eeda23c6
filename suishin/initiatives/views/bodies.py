"""Pages of the promotion structure: bodies with their seats, posts, and meetings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
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
    require,
)
from suishin.initiatives import selectors
from suishin.initiatives.access import (
    can_close_action,
    can_manage_structure,
    can_run_meetings,
)
from suishin.initiatives.choices import MeetingStatusChoices
from suishin.initiatives.forms import (
    ActionForm,
    AgendaEditForm,
    AgendaForm,
    AssignForm,
    BodyForm,
    BodyMeetingsDefaultForm,
    DecisionForm,
    MaterialForm,
    MeetingAccessForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingScheduleForm,
    MemberForm,
    MinutesForm,
    PostForm,
)
from suishin.initiatives.models import (
    ActionItem,
    AgendaItem,
    Initiative,
    Meeting,
    Post,
    PromotionBody,
)
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
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
    decision_add,
    default_access,
    meeting_attach_material,
    meeting_cancel,
    meeting_create,
    meeting_record_minutes,
    meeting_remove_material,
    meeting_reschedule,
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
        starts_at = form.starts_at()
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


def _meeting_forms(
    request: AuthenticatedRequest, meeting: Meeting, data: Any = None, files: Any = None
) -> dict[str, Any]:
    """The forms of the meeting page, prefixed (the page holds several, and ids must not
    repeat), bound to ``data`` when a post is being read or shown again."""
    people = selectors.people_of_body(meeting.body)
    return {
        "access": _access_form(meeting, data),
        "agenda": AgendaForm(
            data, prefix="agenda", initiatives=_initiatives(request.user), people=people
        ),
        "minutes": MinutesForm(data, prefix="minutes", initial={"minutes": meeting.minutes}),
        "decision": DecisionForm(data, prefix="decision"),
        "action": ActionForm(data, prefix="action", people=selectors.people_of(request.user)),
        "material": MaterialForm(data, files, prefix="material", people=people),
        "schedule": MeetingScheduleForm(
            data,
            prefix="schedule",
            initial={
                "title": meeting.title,
                "date": timezone.localtime(meeting.starts_at).date(),
                "time": timezone.localtime(meeting.starts_at).time().replace(second=0),
                "place": meeting.place,
            },
        ),
        "cancel": MeetingCancelForm(data, prefix="cancel"),
    }


def _agenda_edit_form(item: AgendaItem, data: Any = None) -> AgendaEditForm:
    initial = {"title": item.title, "presenter": item.presenter}
    return AgendaEditForm(data, prefix=f"item{item.pk}", initial=initial)


def _render_meeting(
    request: AuthenticatedRequest, meeting: Meeting, refused: tuple[str, Any] | None = None
) -> HttpResponse:
    """The meeting page; ``refused`` is a form posted and refused (by its part, or by
    ``item<pk>`` for an agenda item's), shown again with what was typed and each message
    beside its field."""
    run = can_run_meetings(request.user, meeting.body)
    parts = selectors.meeting_parts(request.user, meeting)
    forms = _meeting_forms(request, meeting) if run else None
    if forms is not None:
        for item in parts["agenda"]:
            item.edit_form = _agenda_edit_form(item)
    if forms is not None and refused is not None:
        if refused[0].startswith("item"):
            for item in parts["agenda"]:
                if f"item{item.pk}" == refused[0]:
                    item.edit_form = refused[1]
        else:
            forms[refused[0]] = refused[1]
    context = {
        "meeting": meeting,
        **parts,
        "files": selectors.materials_for(request.user, meeting),
        "can_run": run,
        "closable": {
            action.pk for action in parts["actions"] if can_close_action(request.user, action)
        },
        "forms": forms,
        # A cancelled meeting takes nothing more: no agenda, minutes, decisions or actions.
        "can_add": forms is not None and meeting.status != MeetingStatusChoices.CANCELLED,
        "refused_part": refused[0] if refused else "",
        "refused_form": refused[1] if refused else None,
    }
    return render(
        request, "initiatives/meeting_detail.html", context, status=400 if refused else 200
    )


def meeting_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _render_meeting(request, _meeting(request, pk))


# What each form of the meeting page does once valid, and what it says when it has.
def _save_part(actor: User, meeting: Meeting, part: str, form: Any) -> str:
    data = form.cleaned_data
    if part == "access":
        meeting_set_access(actor=actor, meeting=meeting, **data)
        return _("Who may read the meeting was changed.")
    if part == "agenda":
        agenda_item_add(actor=actor, meeting=meeting, **data)
        return _("The agenda item was added.")
    if part == "minutes":
        meeting_record_minutes(actor=actor, meeting=meeting, **data)
        return _("The minutes were saved.")
    if part == "decision":
        decision_add(actor=actor, meeting=meeting, **data)
        return _("The decision was recorded.")
    if part == "action":
        action_item_add(actor=actor, meeting=meeting, **data)
        return _("The action item was added.")
    if part == "material":
        meeting_attach_material(
            actor=actor,
            meeting=meeting,
            upload=data["file"],
            readers=data["readers"],
            named_readers=data["named_readers"],
        )
        return _("The material was attached.")
    if part == "schedule":
        meeting_reschedule(
            actor=actor,
            meeting=meeting,
            title=data["title"],
            starts_at=form.starts_at(),
            place=data["place"],
        )
        return _("The meeting was changed.")
    if part == "cancel":
        meeting_cancel(actor=actor, meeting=meeting, reason=data["reason"])
        return _("The meeting was cancelled.")
    raise Http404  # a form of the page with no saving here


@require_POST
def meeting_update_view(request: AuthenticatedRequest, pk: int, part: str) -> HttpResponse:
    """One form of the meeting page. Refused, the page comes back with the form as typed."""
    meeting = _meeting(request, pk)
    require(can_run_meetings(request.user, meeting.body))
    forms = _meeting_forms(request, meeting, request.POST, request.FILES)
    if part not in forms:
        raise Http404
    form = forms[part]
    if not form.is_valid():
        return _render_meeting(request, meeting, (part, form))
    try:
        message = _save_part(request.user, meeting, part, form)
    except DomainError as error:
        apply_domain_error(form, error)
        return _render_meeting(request, meeting, (part, form))
    messages.success(request, message)
    return redirect(meeting)


@require_POST
def agenda_item_view(request: AuthenticatedRequest, pk: int, item: int, op: str) -> HttpResponse:
    """Edit, move up or down, or remove one agenda item."""
    meeting = _meeting(request, pk)
    require(can_run_meetings(request.user, meeting.body))
    # Only an item the runner may read: an item named for others is neither seen nor touched.
    agenda_item = get_object_or_404(
        selectors.readable_parts(request.user, meeting, meeting.agenda.select_related("meeting")),
        pk=item,
    )
    try:
        if op == "edit":
            form = _agenda_edit_form(agenda_item, request.POST)
            if not form.is_valid():
                return _render_meeting(request, meeting, (f"item{agenda_item.pk}", form))
            try:
                agenda_item_update(actor=request.user, item=agenda_item, **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
                return _render_meeting(request, meeting, (f"item{agenda_item.pk}", form))
            messages.success(request, _("The agenda item was changed."))
        elif op in ("up", "down"):
            agenda_item_move(actor=request.user, item=agenda_item, step=-1 if op == "up" else 1)
            messages.success(request, _("The agenda item was moved."))
        elif op == "remove":
            agenda_item_remove(actor=request.user, item=agenda_item)
            messages.success(request, _("The agenda item was removed."))
        else:
            raise Http404
    except DomainError as error:
        message_domain_error(request, error)
    return redirect(meeting)


@require_POST
def material_remove_view(request: AuthenticatedRequest, pk: int, file: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    require(can_run_meetings(request.user, meeting.body))
    stored = get_object_or_404(selectors.materials_for(request.user, meeting), pk=file)
    try:
        meeting_remove_material(actor=request.user, meeting=meeting, stored=stored)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("The material was removed."))
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
