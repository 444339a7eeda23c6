"""Pages of the officer who asks: the question form with suggestions while typing, and the
list of one's own inquiries."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from suishin.core.choices import MaskKindChoices
from suishin.core.errors import DomainError
from suishin.core.fragments import cached_fragment, fragment_key
from suishin.core.institutions import institution_id_of
from suishin.core.masking import find_personal_data
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, paginate, require
from suishin.desk.access import can_ask
from suishin.desk.forms import InquiryForm
from suishin.desk.selectors import categories_for, desk_signature, my_inquiries
from suishin.desk.services.inquiries import inquiry_create
from suishin.desk.suggestions import suggest

SOLVED_SEPARATOR = "|"
# The warning reads as much as the form accepts (subject 200, body 10,000) and no more.
PRIVACY_CHECK_LIMIT = 10_200


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
    findings = _personal_data_typed(request.POST) if request.method == "POST" else []
    context = {"form": form, "results": results, "findings": findings}
    return render(request, "desk/inquiry_form.html", context)


@require_http_methods(["GET", "POST"])
def suggest_view(request: AuthenticatedRequest) -> HttpResponse:
    """The best matching knowledge while the officer types (an htmx fragment). The page asks by
    POST: a question's body may be 10,000 characters, far past what a URL may carry."""
    data = request.POST if request.method == "POST" else request.GET
    results = suggest(request.user, data.get("subject", ""), data.get("body", ""))
    context = {"results": results, "can_solve": request.GET.get("context") == "ask"}
    return render(request, "desk/partials/suggestions.html", context)


@require_http_methods(["GET", "POST"])
def privacy_check_view(request: AuthenticatedRequest) -> HttpResponse:
    """While the officer types: what in the subject and body looks like personal data, which
    the form asks them not to write. A warning only; sending is never blocked. The fast
    detector without the institution's own word list, so that typing a name cannot tell
    whether the institution has masked it before."""
    require(can_ask(request.user), _("Only members of an organization can ask the desk."))
    return render(
        request,
        "desk/partials/privacy_warning.html",
        {
            "findings": _personal_data_typed(
                request.POST if request.method == "POST" else request.GET
            )
        },
    )


def _personal_data_typed(data: QueryDict) -> list[tuple[str, str]]:
    """(kind, words) for each piece of personal data in the subject and body typed so far."""
    text = f"{data.get('subject', '')}\n{data.get('body', '')}"[:PRIVACY_CHECK_LIMIT]
    if not text.strip():
        return []
    return [(str(MaskKindChoices(f.kind).label), f.text) for f in find_personal_data(text)]
