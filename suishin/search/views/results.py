"""The search page: results as the reader may see them, with facets and snippets."""

from django.http import HttpResponse
from django.shortcuts import render

from suishin.core.typing import AuthenticatedRequest
from suishin.search.forms import SearchForm
from suishin.search.selectors import search

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
