"""Knowledge articles for other systems: list, read, search and create a draft."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from suishin.core.api_support import BoundedPagination, require_scope
from suishin.core.choices import ApiScopeChoices
from suishin.core.schemas import ErrorOut, RecordId
from suishin.core.selectors import get_visible_or_404
from suishin.core.typing import AuthenticatedRequest
from suishin.knowledge import selectors
from suishin.knowledge.models import Article
from suishin.knowledge.schemas import (
    ArticleFilter,
    ArticleHitOut,
    ArticleIn,
    ArticleOut,
    ArticleSearchIn,
    ArticleSummaryOut,
)
from suishin.knowledge.services.articles import article_create
from suishin.search.selectors import search

router = Router(tags=["knowledge"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get(
    "/knowledge/articles",
    response={200: list[ArticleSummaryOut], **ERRORS},
    url_name="knowledge_article_list",
)
@paginate(BoundedPagination)
def article_list_api(request: AuthenticatedRequest, filters: Query[ArticleFilter]) -> object:
    require_scope(request, ApiScopeChoices.READ)
    chosen = selectors.ArticleFilter(
        state=filters.state or "", category=filters.category or "", mine=filters.mine
    )
    return selectors.articles_for(request.user, chosen).order_by("-updated_at", "-pk")


@router.get(
    "/knowledge/articles/search",
    response={200: list[ArticleHitOut], **ERRORS},
    url_name="knowledge_article_search",
)
def article_search_api(
    request: AuthenticatedRequest, params: Query[ArticleSearchIn]
) -> list[dict[str, object]]:
    """Ranked by the hybrid engine over what the caller may read."""
    require_scope(request, ApiScopeChoices.READ)
    results = search(
        request.user, params.q, types=["knowledge.article"], k=params.k, with_facets=False
    )
    return [
        {
            "id": int(hit.object_id),
            "title": hit.title,
            "url": hit.url,
            "snippet": str(hit.snippet),
            "score": hit.score,
        }
        for hit in results.hits
    ]


@router.get(
    "/knowledge/articles/{article_id}",
    response={200: ArticleOut, **ERRORS},
    url_name="knowledge_article_detail",
)
def article_detail_api(request: AuthenticatedRequest, article_id: RecordId) -> Article:
    require_scope(request, ApiScopeChoices.READ)
    return get_visible_or_404(Article.objects.all(), request.user, pk=article_id)


@router.post(
    "/knowledge/articles",
    response={201: ArticleOut, **ERRORS},
    url_name="knowledge_article_create",
)
def article_create_api(request: AuthenticatedRequest, payload: ArticleIn) -> Status[Article]:
    require_scope(request, ApiScopeChoices.WRITE)
    article = article_create(actor=request.user, **payload.dict())
    return Status(201, article)
