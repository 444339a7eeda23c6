"""The notification list: filtered by state and by what it is about, each opened by a link."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from suishin.core.forms import NotificationFilterForm
from suishin.core.models import Notification
from suishin.core.selectors import notification_subjects, notification_types, notifications_for
from suishin.core.services.notifications import notification_mark_all_read, notification_mark_read
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import paginate


def notification_list_view(request: AuthenticatedRequest) -> HttpResponse:
    form = NotificationFilterForm(request.GET or None, types=notification_types(request.user))
    state, target_type = "", ""
    if form.is_bound and form.is_valid():
        state, target_type = form.cleaned_data["state"], form.cleaned_data["about"]
    notifications = notifications_for(
        request.user, unread_only=state == "unread", target_type=target_type
    )
    page = paginate(request, notifications)
    rows = list(page.object_list)
    subjects = notification_subjects(request.user, rows)
    context = {
        "page": page,
        "form": form,
        "rows": [(n, subjects.get(n.pk, "")) for n in rows],
        "query": _without_page(request) if form.is_bound and form.is_valid() else "",
    }
    return render(request, "core/notification_list.html", context)


def _without_page(request: AuthenticatedRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# A link (GET), as a notification is opened from a list or a mail: opening marks it read, a
# change to the reader's own list alone; anything that fetched the link could only do that.
@require_GET
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
