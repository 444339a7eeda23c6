"""The search vocabulary: system administrators add and remove synonym groups and phrases."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.errors import DomainError
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, require
from suishin.search.access import can_edit_vocabulary
from suishin.search.forms import SearchTermForm
from suishin.search.models import SearchTerm
from suishin.search.services.vocabulary import search_term_create, search_term_delete


@require_http_methods(["GET", "POST"])
def search_terms_view(request: AuthenticatedRequest) -> HttpResponse:
    """Administrators extend the search vocabulary here, without code."""
    require(can_edit_vocabulary(request.user))
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
    require(can_edit_vocabulary(request.user))
    term = get_object_or_404(SearchTerm, pk=pk)
    search_term_delete(actor=request.user, term=term)
    messages.success(request, _("The search vocabulary was updated."))
    return redirect("search:search_terms")
