"""The responder queue (updating itself), saved views and canned answers."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.errors import DomainError
from suishin.core.fragments import cached, cached_fragment, fragment_key
from suishin.core.institutions import institution_id_of
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, message_domain_error, paginate, require
from suishin.desk.access import is_responder
from suishin.desk.forms import CannedAnswerForm, QueueFilterForm, SavedViewForm
from suishin.desk.models import CannedAnswer, SavedQueueView
from suishin.desk.selectors import (
    QueueFilter,
    canned_answers_for,
    categories_for,
    desk_signature,
    on_duty_now,
    queue_inquiries,
    queues_of,
    saved_views_for,
)
from suishin.desk.services.configuration import (
    canned_answer_create,
    canned_answer_delete,
    saved_view_create,
    saved_view_delete,
)

FILTER_FIELDS = ("queue", "status", "urgency", "category", "assignee", "text")
QUEUE_PAGE_SIZE = 50


def _filter_form(request: AuthenticatedRequest) -> QueueFilterForm:
    institution_id = institution_id_of(request.user)
    queues = list(queues_of(institution_id))
    data = request.GET.copy()
    if not any(name in data for name in FILTER_FIELDS):
        # A responder's first look: their own division's open inquiries.
        own = next((queue for queue in queues if queue.division_id == request.user.unit_id), None)
        data.update({"status": "open", "queue": str(own.pk) if own else ""})
    return QueueFilterForm(data, queues=queues, categories=categories_for(institution_id))


def _filters(form: QueueFilterForm) -> QueueFilter:
    if not form.is_valid():
        return QueueFilter()
    data = form.cleaned_data
    return QueueFilter(
        queue_id=data["queue"],
        status=data["status"] or "open",
        urgency=data["urgency"],
        category_id=data["category"],
        assignee=data["assignee"],
        text=data["text"],
    )


def _query(form: QueueFilterForm) -> str:
    """The filters as a query string, for the page links and for saving the view."""
    return urlencode(
        {name: form.data.get(name, "") for name in FILTER_FIELDS if form.data.get(name)}
    )


def queue_view(request: AuthenticatedRequest) -> HttpResponse:
    require(is_responder(request.user), _("Only responders can open the desk queue."))
    signature = desk_signature()
    if request.htmx and request.GET.get("since") == signature:  # type: ignore[attr-defined]
        # The self-refreshing list asks every few seconds; most of the time nothing changed.
        return HttpResponse(status=204)
    # Read only when needed: kept rows need no form on a refresh.
    filter_form = cache(lambda: _filter_form(request))

    def render_rows() -> str:
        page = paginate(
            request,
            queue_inquiries(request.user, _filters(filter_form())),
            per_page=QUEUE_PAGE_SIZE,
        )
        context = {"page": page, "query": _query(filter_form()), "signature": signature}
        return render_to_string("desk/partials/queue_rows.html", context, request)

    key = fragment_key("desk.queue", request, request.user, signature, FILTER_FIELDS)
    rows = cached_fragment(key, render_rows)
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(rows)

    def render_controls() -> tuple[str, str]:
        form = filter_form()
        context = {"form": form, "on_duty": on_duty_now(institution_id_of(request.user))}
        html = render_to_string("desk/partials/queue_controls.html", context, request)
        return html, _query(form)

    controls, query = cached(
        fragment_key("desk.queue-controls", request, request.user, signature, FILTER_FIELDS),
        render_controls,
    )
    page_number = request.GET.get("page", "")
    refresh = urlencode({"page": page_number}) if page_number.isdigit() else ""
    context = {
        # Rendered template output only (see render_controls).
        "controls": mark_safe(controls),  # noqa: S308
        "rows": rows,
        "query": query,
        "refresh_query": "&".join(part for part in (query, refresh) if part),
        "saved_views": saved_views_for(request.user),
        "saved_view_form": SavedViewForm(),
    }
    return render(request, "desk/queue.html", context)


@require_POST
def saved_view_create_view(request: AuthenticatedRequest) -> HttpResponse:
    require(is_responder(request.user))
    form = SavedViewForm(request.POST)
    query = request.POST.get("query", "")[:500]
    if form.is_valid():
        try:
            saved_view_create(actor=request.user, name=form.cleaned_data["name"], query=query)
        except DomainError as error:
            message_domain_error(request, error)
        else:
            messages.success(request, _("The view was saved."))
    else:
        messages.error(request, _("Enter a name for the view."))
    return redirect(f"{reverse('desk:queue')}?{query}")


@require_POST
def saved_view_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    view = get_object_or_404(SavedQueueView, pk=pk, owner=request.user)
    saved_view_delete(actor=request.user, view=view)
    messages.success(request, _("The view was deleted."))
    return redirect("desk:queue")


@require_http_methods(["GET", "POST"])
def canned_answer_list_view(request: AuthenticatedRequest) -> HttpResponse:
    require(is_responder(request.user), _("Only responders can keep canned answers."))
    form = CannedAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            canned_answer_create(
                actor=request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The canned answer was saved."))
            return redirect("desk:canned_answers")
    context = {"form": form, "answers": canned_answers_for(request.user)}
    return render(request, "desk/canned_answers.html", context)


@require_POST
def canned_answer_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(is_responder(request.user))
    answer = get_object_or_404(CannedAnswer, pk=pk, institution_id=institution_id_of(request.user))
    canned_answer_delete(actor=request.user, answer=answer)
    messages.success(request, _("The canned answer was deleted."))
    return redirect("desk:canned_answers")
