"""The inquiry page and its actions: thread, replies and notes, status, assignment, merging,
knowledge links and the hand-over to knowledge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.errors import DomainError
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, message_domain_error, require
from suishin.desk.access import is_asker, is_desk_staff, status_moves
from suishin.desk.choices import InquiryStatusChoices, MessageKindChoices, ReferenceKindChoices
from suishin.desk.forms import (
    AssignForm,
    MergeForm,
    MessageForm,
    ReferenceForm,
    ReplyForm,
    StatusForm,
)
from suishin.desk.models import Inquiry, InquiryReference
from suishin.desk.selectors import (
    canned_answers_for,
    inquiries_for,
    inquiry_for,
    references_for,
    responders_of,
    thread_for,
)
from suishin.desk.services.inquiries import (
    inquiry_assign,
    inquiry_change_status,
    inquiry_link_reference,
    inquiry_merge,
    inquiry_post,
    inquiry_unlink_reference,
)
from suishin.desk.services.knowledge import (
    inquiry_create_knowledge,
    inquiry_knowledge_draft,
    knowledge_available,
)
from suishin.desk.suggestions import suggested_types
from suishin.search.selectors import search


def _inquiry(request: AuthenticatedRequest, pk: int) -> Inquiry:
    return inquiry_for(request.user, pk)


def _show_errors(
    request: AuthenticatedRequest,
    form_errors: Mapping[str, Any] | None = None,
    error: DomainError | None = None,
) -> None:
    """Actions posted from buttons on the inquiry page report back as page messages."""
    if error is not None:
        message_domain_error(request, error)
    for field_messages in (form_errors or {}).values():
        for text in field_messages:
            messages.error(request, text)


def inquiry_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _inquiry(request, pk))


def _render_detail(
    request: AuthenticatedRequest,
    inquiry: Inquiry,
    bound_form: MessageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    staff = is_desk_staff(request.user, inquiry)
    asker = is_asker(request.user, inquiry)
    thread = list(thread_for(request.user, inquiry))
    seen = max((message.pk for message in thread), default=0)
    allowed = status_moves(request.user, inquiry)
    reply_form = follow_up_form = None
    if staff:
        reply_form = bound_form or ReplyForm(initial={"seen": seen})
    elif asker:
        follow_up_form = bound_form or MessageForm(initial={"seen": seen})
    context = {
        "inquiry": inquiry,
        "thread": thread,
        "staff": staff,
        "asker": asker,
        "references": references_for(request.user, inquiry),
        "status_choices": [
            (value, _status_button(value, str(label), staff=staff))
            for value, label in InquiryStatusChoices.choices
            if value in allowed
        ],
        "reply_form": reply_form,
        "follow_up_form": follow_up_form,
        "assign_form": AssignForm(
            responders=responders_of(inquiry), initial={"assignee": inquiry.assignee_id}
        )
        if staff
        else None,
        "merge_form": MergeForm() if staff and inquiry.merged_into_id is None else None,
        "canned_answers": list(canned_answers_for(request.user)) if staff else [],
        "knowledge_available": knowledge_available(),
    }
    return render(request, "desk/inquiry_detail.html", context, status=status)


@require_POST
def inquiry_post_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    staff = is_desk_staff(request.user, inquiry)
    form: MessageForm = (ReplyForm if staff else MessageForm)(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, inquiry, form, status=400)
    if isinstance(form, ReplyForm):
        kind, next_status = form.kind_and_status()
    else:
        kind, next_status = MessageKindChoices.FOLLOW_UP, None
    try:
        result = inquiry_post(
            actor=request.user,
            inquiry=inquiry,
            body=form.cleaned_data["body"],
            kind=kind,
            next_status=next_status,
            seen_message_id=form.cleaned_data.get("seen"),
            attachments=form.cleaned_data["attachments"],
        )
    except DomainError as error:
        if error.status_code == 403:
            raise PermissionDenied(error.message) from error
        apply_domain_error(form, error)
        return _render_detail(request, inquiry, form, status=400)
    if result.missed:
        names = "、".join(sorted({str(m.author) for m in result.missed if m.author}))
        messages.warning(
            request,
            _(
                "While you were writing, %(names)s also posted. Both messages were kept; "
                "read the thread below."
            )
            % {"names": names or _("someone")},
        )
    else:
        messages.success(request, _("The message was posted."))
    return redirect(inquiry)


@require_POST
def inquiry_status_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            inquiry_change_status(
                actor=request.user, inquiry=inquiry, status=form.cleaned_data["status"]
            )
        except DomainError as error:
            _show_errors(request, error=error)
        else:
            messages.success(request, _("The status was changed."))
    else:
        _show_errors(request, form.errors)
    return redirect(inquiry)


@require_POST
def inquiry_assign_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    require(is_desk_staff(request.user, inquiry))
    if "take" in request.POST:
        assignee = request.user
    else:
        form = AssignForm(request.POST, responders=responders_of(inquiry))
        if not form.is_valid():
            _show_errors(request, form.errors)
            return redirect(inquiry)
        assignee = form.cleaned_data["assignee"]
    try:
        inquiry_assign(actor=request.user, inquiry=inquiry, assignee=assignee)
    except DomainError as error:
        _show_errors(request, error=error)
    else:
        messages.success(request, _("The assignee was changed."))
    return redirect(inquiry)


@require_POST
def inquiry_merge_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    require(is_desk_staff(request.user, inquiry))
    form = MergeForm(request.POST)
    if not form.is_valid():
        _show_errors(request, form.errors)
        return redirect(inquiry)
    into = inquiries_for(request.user).filter(pk=form.cleaned_data["into"]).first()
    if into is None:
        messages.error(request, _("No inquiry with that number was found. Check the number."))
        return redirect(inquiry)
    try:
        inquiry_merge(actor=request.user, duplicate=inquiry, into=into)
    except DomainError as error:
        _show_errors(request, error=error)
        return redirect(inquiry)
    messages.success(request, _("The inquiry was merged."))
    return redirect(into)


@require_POST
def inquiry_reference_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    require(is_desk_staff(request.user, inquiry))
    form = ReferenceForm(request.POST)
    if form.is_valid():
        try:
            inquiry_link_reference(
                actor=request.user,
                inquiry=inquiry,
                type_key=form.cleaned_data["type_key"],
                object_id=form.cleaned_data["object_id"],
            )
        except DomainError as error:
            _show_errors(request, error=error)
        else:
            messages.success(request, _("The item was linked to the inquiry."))
    else:
        messages.error(request, _("The item to link was not found. Search again and choose one."))
    return redirect(inquiry)


@require_POST
def inquiry_reference_delete_view(
    request: AuthenticatedRequest, pk: int, reference_pk: int
) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    require(is_desk_staff(request.user, inquiry))
    reference = get_object_or_404(
        InquiryReference, pk=reference_pk, inquiry=inquiry, kind=ReferenceKindChoices.LINKED
    )
    inquiry_unlink_reference(actor=request.user, reference=reference)
    messages.success(request, _("The link was removed."))
    return redirect(inquiry)


def inquiry_knowledge_search_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The search box inside the answer screen: items to link (an htmx fragment)."""
    inquiry = _inquiry(request, pk)
    require(is_desk_staff(request.user, inquiry))
    query = request.GET.get("q", "")[:200]
    results = (
        search(request.user, query, types=suggested_types(), k=8, with_facets=False)
        if query.strip()
        else None
    )
    if results is not None:
        results.hits = [
            hit
            for hit in results.hits
            if not (hit.type_key == "desk.inquiry" and hit.object_id == str(inquiry.pk))
        ]
    return render(
        request, "desk/partials/link_results.html", {"inquiry": inquiry, "results": results}
    )


@require_http_methods(["GET", "POST"])
def inquiry_knowledge_draft_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The prefilled draft; posting it hands it to the knowledge module in one step."""
    inquiry = _inquiry(request, pk)
    require(is_desk_staff(request.user, inquiry))
    if request.method == "POST":
        try:
            article = inquiry_create_knowledge(actor=request.user, inquiry=inquiry)
        except DomainError as error:
            message_domain_error(request, error)
        else:
            messages.success(request, _("The draft article was saved. Check it and finish it."))
            return redirect(article)
    draft = inquiry_knowledge_draft(actor=request.user, inquiry=inquiry)
    return render(
        request,
        "desk/knowledge_draft.html",
        {"inquiry": inquiry, "draft": draft, "knowledge_available": knowledge_available()},
    )


def _status_button(value: str, label: str, *, staff: bool) -> str:
    """The desk moves an inquiry between its statuses; the officer who asked only says whether
    the answer solved it, in those words (never 「「対応中」にする」)."""
    if not staff and value == InquiryStatusChoices.RESOLVED:
        return _("Solved: close this inquiry")
    if not staff and value == InquiryStatusChoices.IN_PROGRESS:
        return _("Not solved: send it back to the desk")
    return _("Change to %(label)s") % {"label": label}
