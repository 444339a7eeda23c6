"""The promotion structure and initiatives for other systems: bodies, meetings, initiatives,
progress updates and the catalogue of shared cases."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from suishin.core.api_support import BoundedPagination, require_scope
from suishin.core.choices import ApiScopeChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.institutions import institution_id_of
from suishin.core.models import User
from suishin.core.schemas import ErrorOut, RecordId
from suishin.core.selectors import get_visible_or_404
from suishin.core.typing import AuthenticatedRequest
from suishin.initiatives import selectors
from suishin.initiatives.access import can_author
from suishin.initiatives.choices import MeetingStatusChoices
from suishin.initiatives.models import (
    Initiative,
    Meeting,
    ProgressUpdate,
    PromotionBody,
    SharedCase,
)
from suishin.initiatives.schemas import (
    BodyOut,
    CaseFilterIn,
    CaseOut,
    InitiativeFilterIn,
    InitiativeIn,
    InitiativeOut,
    MeetingOut,
    UpdateIn,
    UpdateOut,
)
from suishin.initiatives.services.initiatives import (
    categories_for,
    initiative_create,
    progress_update_create,
)
from suishin.search.selectors import search

router = Router(tags=["initiatives"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get(
    "/initiatives/bodies", response={200: list[BodyOut], **ERRORS}, url_name="initiatives_body_list"
)
@paginate(BoundedPagination)
def body_list_api(request: AuthenticatedRequest) -> object:
    require_scope(request, ApiScopeChoices.READ)
    return selectors.bodies_for(request.user).order_by("name", "pk")


@router.get(
    "/initiatives/bodies/{body_id}",
    response={200: BodyOut, **ERRORS},
    url_name="initiatives_body_detail",
)
def body_detail_api(request: AuthenticatedRequest, body_id: RecordId) -> PromotionBody:
    require_scope(request, ApiScopeChoices.READ)
    return get_visible_or_404(selectors.bodies_for(request.user), request.user, pk=body_id)


@router.get(
    "/initiatives/meetings/{meeting_id}",
    response={200: MeetingOut, **ERRORS},
    url_name="initiatives_meeting_detail",
)
def meeting_detail_api(request: AuthenticatedRequest, meeting_id: RecordId) -> MeetingOut:
    require_scope(request, ApiScopeChoices.READ)
    meeting = get_visible_or_404(Meeting.objects.all(), request.user, pk=meeting_id)
    parts = selectors.meeting_parts(request.user, meeting)
    return MeetingOut(
        id=meeting.pk,
        body_id=meeting.body_id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        place=meeting.place,
        status=MeetingStatusChoices(meeting.status),
        members_only=meeting.members_only,
        minutes=meeting.minutes,
        agenda=[item.title for item in parts["agenda"]],
        decisions=[decision.text for decision in parts["decisions"]],
    )


@router.get(
    "/initiatives", response={200: list[InitiativeOut], **ERRORS}, url_name="initiatives_list"
)
@paginate(BoundedPagination)
def initiative_list_api(
    request: AuthenticatedRequest, filters: Query[InitiativeFilterIn]
) -> object:
    require_scope(request, ApiScopeChoices.READ)
    initiatives = selectors.initiatives_for(
        request.user,
        selectors.InitiativeFilter(
            status=filters.status or "", health=filters.health or "", sort="title"
        ),
    )
    if filters.category:
        initiatives = initiatives.filter(category__code=filters.category)
    return initiatives


@router.get(
    "/initiatives/cases", response={200: list[CaseOut], **ERRORS}, url_name="initiatives_cases"
)
def case_list_api(request: AuthenticatedRequest, filters: Query[CaseFilterIn]) -> list[SharedCase]:
    """The catalogue: ranked by the search engine with ``q``, newest first without."""
    require_scope(request, ApiScopeChoices.READ)
    visible = selectors.case_catalogue(request.user)
    if filters.q and filters.q.strip():
        hits = search(
            request.user, filters.q, types=["initiatives.case"], k=50, with_facets=False
        ).hits
        by_id = visible.in_bulk([int(hit.object_id) for hit in hits])
        return [by_id[int(hit.object_id)] for hit in hits if int(hit.object_id) in by_id]
    return list(visible.order_by("-created_at", "-pk")[:100])


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, **ERRORS},
    url_name="initiatives_detail",
)
def initiative_detail_api(request: AuthenticatedRequest, initiative_id: RecordId) -> Initiative:
    require_scope(request, ApiScopeChoices.READ)
    return get_visible_or_404(
        Initiative.objects.select_related("category", "owner"), request.user, pk=initiative_id
    )


@router.post("/initiatives", response={201: InitiativeOut, **ERRORS}, url_name="initiatives_create")
def initiative_create_api(
    request: AuthenticatedRequest, payload: InitiativeIn
) -> Status[Initiative]:
    require_scope(request, ApiScopeChoices.WRITE)
    if not can_author(request.user):
        raise AccessDenied(
            _("Only initiative owners and the secretariat can register initiatives.")
        )
    categories = {c.code: c for c in categories_for(institution_id_of(request.user))}
    category = categories.get(payload.category)
    if category is None:
        message = _("Use one of these categories: %(codes)s") % {"codes": "、".join(categories)}
        raise InvalidInput(message, fields={"category": [message]})
    owner = User.objects.filter(
        username=payload.owner, is_active=True, unit__institution_id=institution_id_of(request.user)
    ).first()
    if owner is None:
        message = _("Name the owner by the user name of a person of your institution.")
        raise InvalidInput(message, fields={"owner": [message]})
    data = payload.dict(exclude={"category", "owner"})
    initiative = initiative_create(actor=request.user, category=category, owner=owner, **data)
    return Status(201, initiative)


@router.post(
    "/initiatives/{initiative_id}/updates",
    response={201: UpdateOut, **ERRORS},
    url_name="initiatives_update_create",
)
def progress_update_api(
    request: AuthenticatedRequest, initiative_id: RecordId, payload: UpdateIn
) -> Status[ProgressUpdate]:
    require_scope(request, ApiScopeChoices.WRITE)
    initiative = get_visible_or_404(Initiative.objects.all(), request.user, pk=initiative_id)
    update = progress_update_create(actor=request.user, initiative=initiative, **payload.dict())
    return Status(201, update)
