"""Pages of the officer who asks: the question form with suggestions while typing, and the
list of one's own inquiries."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.errors import DomainError
from suishin.core.fragments import cached_fragment, fragment_key
from suishin.core.institutions import institution_id_of
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, paginate, require
from suishin.desk.access import can_ask
from suishin.desk.forms import InquiryForm
from suishin.desk.privacy import personal_data_typed
from suishin.desk.selectors import categories_for, desk_signature, my_inquiries
from suishin.desk.services.inquiries import inquiry_create
from suishin.desk.suggestions import suggest

SOLVED_SEPARATOR = "|"


def inquiry_list_view(request: AuthenticatedRequest) -> HttpResponse:
    def render_rows() -> str:
        page = paginate(request, my_inquiries(request.user), per_page=20)
        return render_to_string("desk/partials/my_inquiry_rows.html", {"page": page}, request)

    key = fragment_key("desk.my-inquiries", request, request.user, desk_signature())
    context = {"rows": cached_fragment(key, render_rows), "can_ask": can_ask(request.user)}
    return render(request, "desk/inquiry_list.html", context)


@require_http_methods(["GET", "POST"])
def inquiry_create_view(request: AuthenticatedRequest) -> HttpResponse:
    require(can_ask(request.user), _("Only members of an organization can ask the desk."))
    categories = categories_for(institution_id_of(request.user))
    form = InquiryForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        categories=categories,
        initial={"category": categories.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        solved = request.POST.get("solved", "")
        solved_by = None
        if SOLVED_SEPARATOR in solved:
            type_key, object_id = solved.split(SOLVED_SEPARATOR, 1)
            solved_by = (type_key[:64], object_id[:64])
        try:
            inquiry = inquiry_create(
                actor=request.user,
                category=data["category"],
                urgency=data["urgency"],
                subject=data["subject"],
                body=data["body"],
                classification=data["classification"],
                attachments=data["attachments"],
                solved_by=solved_by,
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            if inquiry.self_resolved:
                messages.success(request, _("Glad it helped. The question was recorded as solved."))
            else:
                messages.success(request, _("Your inquiry was sent to the desk."))
            return redirect(inquiry)
    results = None
    if request.method == "POST":
        results = suggest(
            request.user, request.POST.get("subject", ""), request.POST.get("body", "")
        )
    findings = (
        personal_data_typed(request.POST.get("subject", ""), request.POST.get("body", ""))
        if request.method == "POST"
        else []
    )
    context = {"form": form, "results": results, "findings": findings}
    return render(request, "desk/inquiry_form.html", context)


@require_POST
def suggest_view(request: AuthenticatedRequest) -> HttpResponse:
    """The best matching knowledge while the officer types (an htmx fragment), asked by POST:
    a question's body may be 10,000 characters, far past what a URL may carry, and what an
    officer types stays out of the access log."""
    require(can_ask(request.user), _("Only members of an organization can ask the desk."))
    results = suggest(request.user, request.POST.get("subject", ""), request.POST.get("body", ""))
    context = {"results": results, "can_solve": request.GET.get("context") == "ask"}
    return render(request, "desk/partials/suggestions.html", context)


@require_POST
def privacy_check_view(request: AuthenticatedRequest) -> HttpResponse:
    """While the officer types: the warning of ``desk.privacy`` (an htmx fragment, by POST for
    the same reasons as the suggestions)."""
    require(can_ask(request.user), _("Only members of an organization can ask the desk."))
    findings = personal_data_typed(request.POST.get("subject", ""), request.POST.get("body", ""))
    return render(request, "desk/partials/privacy_warning.html", {"findings": findings})
