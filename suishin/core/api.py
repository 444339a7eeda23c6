from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from suishin.core.api_support import BoundedPagination, require_scope
from suishin.core.choices import ApiScopeChoices, RoleChoices
from suishin.core.errors import InvalidInput
from suishin.core.models import Notice, Organization, SharedSnapshot, User
from suishin.core.schemas import (
    AuditEntryOut,
    AuditFilter,
    ErrorOut,
    MeOut,
    NoticeFilter,
    NoticeIn,
    NoticeOut,
    NoticeSummaryOut,
    OrganizationOut,
    RecordId,
    SharedSnapshotOut,
    SharedSnapshotSummaryOut,
)
from suishin.core.selectors import (
    audit_entries,
    get_visible_or_404,
    notice_list,
    shared_snapshots_for,
)
from suishin.core.services.notices import notice_create, notice_delete, notice_update
from suishin.core.typing import AuthenticatedRequest

router = Router(tags=["core"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/me", response={200: MeOut, **ERRORS}, url_name="me")
def me(request: AuthenticatedRequest) -> dict[str, object]:
    require_scope(request, ApiScopeChoices.READ)
    user = request.user
    return {
        "username": user.username,
        "display_name": str(user),
        "unit": user.unit,
        "roles": sorted(user.role_set),
    }


@router.get(
    "/organizations", response={200: list[OrganizationOut], **ERRORS}, url_name="organization_list"
)
@paginate(BoundedPagination)
def organization_list(request: AuthenticatedRequest) -> object:
    require_scope(request, ApiScopeChoices.READ)
    return Organization.objects.filter(is_active=True)


@router.get("/notices", response={200: list[NoticeSummaryOut], **ERRORS}, url_name="notice_list")
@paginate(BoundedPagination)
def notice_list_api(request: AuthenticatedRequest, filters: Query[NoticeFilter]) -> object:
    require_scope(request, ApiScopeChoices.READ)
    notices = notice_list(request.user)
    if filters.classification is not None:
        notices = notices.filter(classification=filters.classification)
    if filters.organization_id is not None:
        notices = notices.filter(organization_id=filters.organization_id)
    return notices


@router.get("/notices/{notice_id}", response={200: NoticeOut, **ERRORS}, url_name="notice_detail")
def notice_detail_api(request: AuthenticatedRequest, notice_id: RecordId) -> Notice:
    require_scope(request, ApiScopeChoices.READ)
    return get_visible_or_404(Notice.objects.all(), request.user, pk=notice_id)


@router.get(
    "/shared", response={200: list[SharedSnapshotSummaryOut], **ERRORS}, url_name="shared_list"
)
@paginate(BoundedPagination)
def shared_list_api(request: AuthenticatedRequest) -> object:
    require_scope(request, ApiScopeChoices.READ)
    return shared_snapshots_for(request.user)


@router.get(
    "/shared/{snapshot_id}", response={200: SharedSnapshotOut, **ERRORS}, url_name="shared_detail"
)
def shared_detail_api(request: AuthenticatedRequest, snapshot_id: RecordId) -> SharedSnapshot:
    require_scope(request, ApiScopeChoices.READ)
    return get_visible_or_404(shared_snapshots_for(request.user), request.user, pk=snapshot_id)


def _sharing(payload: NoticeIn) -> tuple[list[Organization], list[User]]:
    organizations = list(Organization.objects.filter(pk__in=payload.shared_organization_ids))
    readers = list(User.objects.filter(username__in=payload.named_reader_usernames, is_active=True))
    errors: dict[str, list[str]] = {}
    if len(organizations) != len(set(payload.shared_organization_ids)):
        errors["shared_organization_ids"] = [_("Some organizations were not found.")]
    if len(readers) != len(set(payload.named_reader_usernames)):
        errors["named_reader_usernames"] = [_("Some user names were not found.")]
    if errors:
        raise InvalidInput(
            _("The input has errors. Correct the fields shown and try again."), fields=errors
        )
    return organizations, readers


@router.post("/notices", response={201: NoticeOut, **ERRORS}, url_name="notice_create")
def notice_create_api(request: AuthenticatedRequest, payload: NoticeIn) -> Status[Notice]:
    require_scope(request, ApiScopeChoices.WRITE)
    organizations, readers = _sharing(payload)
    notice = notice_create(
        actor=request.user,
        title=payload.title,
        body=payload.body,
        classification=payload.classification,
        shared_nationwide=payload.shared_nationwide,
        shared_organizations=organizations,
        named_readers=readers,
    )
    return Status(201, notice)


@router.put("/notices/{notice_id}", response={200: NoticeOut, **ERRORS}, url_name="notice_update")
def notice_update_api(
    request: AuthenticatedRequest, notice_id: RecordId, payload: NoticeIn
) -> Notice:
    require_scope(request, ApiScopeChoices.WRITE)
    notice = get_visible_or_404(Notice.objects.all(), request.user, pk=notice_id)
    organizations, readers = _sharing(payload)
    return notice_update(
        actor=request.user,
        notice=notice,
        title=payload.title,
        body=payload.body,
        classification=payload.classification,
        shared_nationwide=payload.shared_nationwide,
        shared_organizations=organizations,
        named_readers=readers,
    )


@router.delete("/notices/{notice_id}", response={204: None, **ERRORS}, url_name="notice_delete")
def notice_delete_api(request: AuthenticatedRequest, notice_id: RecordId) -> Status[None]:
    require_scope(request, ApiScopeChoices.WRITE)
    notice = get_visible_or_404(Notice.objects.all(), request.user, pk=notice_id)
    notice_delete(actor=request.user, notice=notice)
    return Status(204, None)


@router.get("/audit", response={200: list[AuditEntryOut], **ERRORS}, url_name="audit_list")
@paginate(BoundedPagination)
def audit_list_api(request: AuthenticatedRequest, filters: Query[AuditFilter]) -> object:
    require_scope(request, ApiScopeChoices.READ)
    if not request.user.has_role(RoleChoices.AUDITOR):
        raise PermissionDenied
    entries: object = audit_entries(
        request.user,
        action=filters.action,
        username=filters.username,
        object_type=filters.object_type,
    )
    return entries
