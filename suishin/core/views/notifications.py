from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from suishin.core.models import Notification
from suishin.core.services.notifications import notification_mark_all_read, notification_mark_read
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import paginate


def notification_list_view(request: AuthenticatedRequest) -> HttpResponse:
    page = paginate(request, Notification.objects.visible_to(request.user))
    return render(request, "core/notification_list.html", {"page": page})


@require_POST
def notification_open_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Mark as read, then go to what it is about."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    notification_mark_read(actor=request.user, notification=notification)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@require_POST
def notification_read_all_view(request: AuthenticatedRequest) -> HttpResponse:
    notification_mark_all_read(actor=request.user)
    return redirect("core:notification_list")
