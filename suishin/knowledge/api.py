"""Knowledge for other systems: articles and manuals — list, read, search, create a draft."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from suishin.core.api_support import BoundedPagination, require_scope
from suishin.core.choices import ApiScopeChoices
from suishin.core.errors import InvalidInput
from suishin.core.models import User
from suishin.core.schemas import ErrorOut, RecordId
from suishin.core.selectors import get_visible_or_404
from suishin.core.typing import AuthenticatedRequest
from suishin.knowledge import selectors
from suishin.knowledge.models import Article, Manual, RevisionProposal
from suishin.knowledge.schemas import (
    ArticleFilter,
    ArticleIn,
    ArticleOut,
    ArticleSummaryOut,
    HitOut,
    HitSearchIn,
    ManualIn,
    ManualOut,
    ManualSummaryOut,
    ProposalIn,
    ProposalOut,
)
from suishin.knowledge.services.articles import article_create
from suishin.knowledge.services.manuals import manual_import
from suishin.knowledge.services.revisions import proposal_create
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
    response={200: list[HitOut], **ERRORS},
    url_name="knowledge_article_search",
)
def article_search_api(
    request: AuthenticatedRequest, params: Query[HitSearchIn]
) -> list[dict[str, object]]:
    """Ranked by the hybrid engine over what the caller may read."""
    require_scope(request, ApiScopeChoices.READ)
    return _hits(request, params, "knowledge.article")


def _hits(
    request: AuthenticatedRequest, params: HitSearchIn, type_key: str
) -> list[dict[str, object]]:
    results = search(request.user, params.q, types=[type_key], k=params.k, with_facets=False)
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


@router.get(
    "/knowledge/manuals",
    response={200: list[ManualSummaryOut], **ERRORS},
    url_name="knowledge_manual_list",
)
@paginate(BoundedPagination)
def manual_list_api(request: AuthenticatedRequest) -> object:
    require_scope(request, ApiScopeChoices.READ)
    return selectors.manuals_for(request.user)


@router.get(
    "/knowledge/manuals/search",
    response={200: list[HitOut], **ERRORS},
    url_name="knowledge_manual_search",
)
def manual_search_api(
    request: AuthenticatedRequest, params: Query[HitSearchIn]
) -> list[dict[str, object]]:
    """Sections of the versions in force, ranked by the hybrid engine."""
    require_scope(request, ApiScopeChoices.READ)
    return _hits(request, params, "knowledge.manual_section")


@router.get(
    "/knowledge/manuals/{manual_id}",
    response={200: ManualOut, **ERRORS},
    url_name="knowledge_manual_detail",
)
def manual_detail_api(request: AuthenticatedRequest, manual_id: RecordId) -> Manual:
    require_scope(request, ApiScopeChoices.READ)
    return get_visible_or_404(selectors.manuals_for(request.user), request.user, pk=manual_id)


@router.post(
    "/knowledge/manuals",
    response={201: ManualOut, **ERRORS},
    url_name="knowledge_manual_create",
)
def manual_create_api(request: AuthenticatedRequest, payload: ManualIn) -> Status[Manual]:
    require_scope(request, ApiScopeChoices.WRITE)
    manual = manual_import(
        actor=request.user,
        title=payload.title,
        summary=payload.summary,
        file_name="manual.md" if payload.format == "markdown" else "manual.txt",
        data=payload.text.encode(),
        effective_date=payload.effective_date,
        classification=payload.classification,
    )
    return Status(201, manual)


@router.post(
    "/knowledge/manuals/{manual_id}/proposals",
    response={201: ProposalOut, **ERRORS},
    url_name="knowledge_proposal_create",
)
def proposal_create_api(
    request: AuthenticatedRequest, manual_id: RecordId, payload: ProposalIn
) -> Status[RevisionProposal]:
    """A revision proposal in drafting (起案中), to be completed in the app."""
    require_scope(request, ApiScopeChoices.WRITE)
    manual = get_visible_or_404(selectors.manuals_for(request.user), request.user, pk=manual_id)
    people = User.objects.filter(is_active=True)
    reviewer = people.filter(username=payload.reviewer).first()
    approver = people.filter(username=payload.approver).first()
    if reviewer is None or approver is None:
        message = _("Name the reviewer and the approver by their user names.")
        raise InvalidInput(message, fields={"reviewer": [message]})
    proposal = proposal_create(
        actor=request.user,
        manual=manual,
        title=payload.title,
        reason=payload.reason,
        effective_date=payload.effective_date,
        reviewer=reviewer,
        approver=approver,
    )
    return Status(201, proposal)
