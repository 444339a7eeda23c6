from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.choices import RoleChoices
from suishin.core.errors import DomainError
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, require
from suishin.search.forms import SearchForm, SearchTermForm
from suishin.search.models import SearchTerm
from suishin.search.selectors import search
from suishin.search.services import search_term_create, search_term_delete

PER_PAGE = 20


def search_view(request: AuthenticatedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        page_number = request.GET.get("page", "1")
        offset = (
            (int(page_number) - 1) * PER_PAGE
            if page_number.isdigit() and 0 < int(page_number) < 500
            else 0
        )
        types = [form.cleaned_data["type"]] if form.cleaned_data["type"] else None
        results = search(
            request.user, form.cleaned_data["q"], types=types, k=PER_PAGE, offset=offset
        )
    template = "search/partials/results.html" if request.htmx else "search/search.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "results": results})


@require_http_methods(["GET", "POST"])
def search_terms_view(request: AuthenticatedRequest) -> HttpResponse:
    """Administrators extend the search vocabulary here, without code."""
    require(request.user.has_role(RoleChoices.SYSTEM_ADMIN))
    form = SearchTermForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            search_term_create(
                actor=request.user, kind=form.cleaned_data["kind"], terms=form.cleaned_data["terms"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The search vocabulary was updated."))
            return redirect("search:search_terms")
    terms = SearchTerm.objects.order_by("kind", "terms")
    return render(request, "search/search_terms.html", {"form": form, "terms": terms})


@require_POST
def search_term_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(request.user.has_role(RoleChoices.SYSTEM_ADMIN))
    term = get_object_or_404(SearchTerm, pk=pk)
    search_term_delete(actor=request.user, term=term)
    messages.success(request, _("The search vocabulary was updated."))
    return redirect("search:search_terms")
