"""The desk's API for other police systems: ask, list, read, reply and change status."""

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from suishin.core.api_support import BoundedPagination, require_scope
from suishin.core.choices import ApiScopeChoices
from suishin.core.errors import InvalidInput
from suishin.core.institutions import institution_id_of
from suishin.core.schemas import ErrorOut, RecordId
from suishin.core.typing import AuthenticatedRequest
from suishin.desk.choices import OPEN_STATUSES
from suishin.desk.models import Inquiry, InquiryMessage
from suishin.desk.schemas import (
    InquiryFilter,
    InquiryIn,
    InquiryOut,
    InquirySummaryOut,
    MessageIn,
    MessagePosted,
    StatusIn,
)
from suishin.desk.selectors import categories_for, inquiries_for, inquiry_for, thread_for
from suishin.desk.services.inquiries import inquiry_change_status, inquiry_create, inquiry_post

router = Router(tags=["desk"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _with_thread(request: AuthenticatedRequest, inquiry: Inquiry) -> Inquiry:
    inquiry.thread_for_reader = list(thread_for(request.user, inquiry))  # type: ignore[attr-defined]
    return inquiry


@router.post(
    "/desk/inquiries", response={201: InquiryOut, **ERRORS}, url_name="desk_inquiry_create"
)
def inquiry_create_api(request: AuthenticatedRequest, payload: InquiryIn) -> Status[Inquiry]:
    require_scope(request, ApiScopeChoices.WRITE)
    categories = categories_for(institution_id_of(request.user))
    category = categories.filter(name=payload.category).first()
    if category is None:
        message = _("Use one of these categories: %(names)s") % {
            "names": "、".join(categories.values_list("name", flat=True))
        }
        raise InvalidInput(message, fields={"category": [message]})
    inquiry = inquiry_create(
        actor=request.user,
        category=category,
        urgency=payload.urgency,
        subject=payload.subject,
        body=payload.body,
        classification=payload.classification,
    )
    return Status(201, _with_thread(request, inquiry))


@router.get(
    "/desk/inquiries",
    response={200: list[InquirySummaryOut], **ERRORS},
    url_name="desk_inquiry_list",
)
@paginate(BoundedPagination)
def inquiry_list_api(request: AuthenticatedRequest, filters: Query[InquiryFilter]) -> object:
    require_scope(request, ApiScopeChoices.READ)
    inquiries = inquiries_for(request.user).order_by("-created_at", "-pk")
    if filters.status == "open":
        inquiries = inquiries.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        inquiries = inquiries.filter(status=filters.status)
    if filters.urgency:
        inquiries = inquiries.filter(urgency=filters.urgency)
    if filters.category_id:
        inquiries = inquiries.filter(category_id=filters.category_id)
    if filters.queue_id:
        inquiries = inquiries.filter(queue_id=filters.queue_id)
    if filters.mine:
        inquiries = inquiries.filter(Q(created_by=request.user) | Q(assignee=request.user))
    if filters.updated_since:
        inquiries = inquiries.filter(updated_at__gte=filters.updated_since)
    return inquiries


@router.get(
    "/desk/inquiries/{inquiry_id}",
    response={200: InquiryOut, **ERRORS},
    url_name="desk_inquiry_detail",
)
def inquiry_detail_api(request: AuthenticatedRequest, inquiry_id: RecordId) -> Inquiry:
    require_scope(request, ApiScopeChoices.READ)
    inquiry = inquiry_for(request.user, inquiry_id)
    return _with_thread(request, inquiry)


@router.post(
    "/desk/inquiries/{inquiry_id}/messages",
    response={201: MessagePosted, **ERRORS},
    url_name="desk_inquiry_post",
)
def inquiry_post_api(
    request: AuthenticatedRequest, inquiry_id: RecordId, payload: MessageIn
) -> Status[dict[str, object]]:
    require_scope(request, ApiScopeChoices.WRITE)
    inquiry = inquiry_for(request.user, inquiry_id)
    result = inquiry_post(
        actor=request.user,
        inquiry=inquiry,
        body=payload.body,
        kind=payload.kind,
        next_status=payload.next_status if payload.kind == "reply" else None,
        seen_message_id=payload.seen_message_id,
    )
    message: InquiryMessage = result.message
    return Status(201, {"message": message, "missed": result.missed})


@router.post(
    "/desk/inquiries/{inquiry_id}/status",
    response={200: InquirySummaryOut, **ERRORS},
    url_name="desk_inquiry_status",
)
def inquiry_status_api(
    request: AuthenticatedRequest, inquiry_id: RecordId, payload: StatusIn
) -> Inquiry:
    require_scope(request, ApiScopeChoices.WRITE)
    inquiry = inquiry_for(request.user, inquiry_id)
    return inquiry_change_status(actor=request.user, inquiry=inquiry, status=payload.status)
