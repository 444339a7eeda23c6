from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.access import can_author_notices
from suishin.core.errors import AccessDenied, DomainError
from suishin.core.forms import NoticeForm
from suishin.core.models import Notice
from suishin.core.selectors import files_for, get_visible_or_404, notice_list
from suishin.core.services.notices import notice_create, notice_delete, notice_update
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, paginate, require


def notice_list_view(request: AuthenticatedRequest) -> HttpResponse:
    page = paginate(request, notice_list(request.user))
    context = {"page": page, "can_create": can_author_notices(request.user)}
    return render(request, "core/notice_list.html", context)


def notice_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notice = get_visible_or_404(
        Notice.objects.select_related("organization", "created_by"), request.user, pk=pk
    )
    context = {
        "notice": notice,
        "files": files_for(notice),
        "can_edit": can_author_notices(request.user)
        and request.user.unit is not None
        and notice.organization.institution_id == request.user.unit.institution_id,
    }
    return render(request, "core/notice_detail.html", context)


@require_http_methods(["GET", "POST"])
def notice_create_view(request: AuthenticatedRequest) -> HttpResponse:
    require(can_author_notices(request.user))
    form = NoticeForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = notice_create(
                actor=request.user,
                title=data["title"],
                body=data["body"],
                classification=data["classification"],
                shared_nationwide=data["shared_nationwide"],
                shared_organizations=data["shared_organizations"],
                named_readers=data["named_readers"],
                attachments=data["attachments"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The notice was posted."))
            return redirect(notice)
    return render(request, "core/notice_form.html", {"form": form, "notice": None})


@require_http_methods(["GET", "POST"])
def notice_edit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(can_author_notices(request.user))
    notice = get_visible_or_404(Notice.objects.all(), request.user, pk=pk)
    initial = {
        "title": notice.title,
        "body": notice.body,
        "classification": notice.classification,
        "shared_nationwide": notice.shared_nationwide,
        "shared_organizations": list(notice.shared_organizations.all()),
        "named_readers": " ".join(notice.named_readers.values_list("username", flat=True)),
    }
    form = NoticeForm(request.POST if request.method == "POST" else None, initial=initial)
    form.fields.pop("attachments")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice_update(
                actor=request.user,
                notice=notice,
                title=data["title"],
                body=data["body"],
                classification=data["classification"],
                shared_nationwide=data["shared_nationwide"],
                shared_organizations=data["shared_organizations"],
                named_readers=data["named_readers"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The notice was updated."))
            return redirect(notice)
    return render(request, "core/notice_form.html", {"form": form, "notice": notice})


@require_POST
def notice_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(can_author_notices(request.user))
    notice = get_visible_or_404(Notice.objects.all(), request.user, pk=pk)
    try:
        notice_delete(actor=request.user, notice=notice)
    except AccessDenied as error:
        raise PermissionDenied(error.message) from error
    messages.success(request, _("The notice was deleted."))
    return redirect("core:notice_list")
