from django.http import HttpRequest
from ninja import Query, Router

from suishin.core.api_support import require_scope
from suishin.core.choices import ApiScopeChoices
from suishin.core.schemas import ErrorOut
from suishin.search.schemas import SearchFilter, SearchOut
from suishin.search.selectors import Filters, search

router = Router(tags=["search"])


@router.get(
    "/search",
    response={200: SearchOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    url_name="search",
)
def search_api(request: HttpRequest, params: Query[SearchFilter]) -> dict[str, object]:
    """Hybrid Japanese search over everything the caller may open."""
    require_scope(request, ApiScopeChoices.READ)
    results = search(
        request.user,
        params.q,
        types=params.types or None,
        filters=Filters(
            organization_id=params.organization_id,
            category=params.category,
            date_from=params.date_from,
            date_to=params.date_to,
        ),
        k=params.k,
        offset=params.offset,
        mode=params.mode,
    )
    return {
        "query": results.query,
        "total": results.total,
        "hits": [
            {
                "type": hit.type_key,
                "type_label": hit.type_label,
                "object_id": hit.object_id,
                "title": hit.title,
                "url": hit.url,
                "snippet_html": str(hit.snippet),
                "score": hit.score,
                "organization": hit.organization_name,
                "date": hit.record_date,
                "classification": hit.classification,
            }
            for hit in results.hits
        ],
        "facets": {
            name: [
                {"value": value, "label": label, "count": count} for value, label, count in entries
            ]
            for name, entries in results.facets.items()
        },
        "message": results.message,
        "elapsed_ms": results.elapsed_ms,
    }
