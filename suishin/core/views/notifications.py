"""The notification list: filtered by state and by what it is about, each opened by a link."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from suishin.core.forms import NotificationFilterForm
from suishin.core.models import Notification
from suishin.core.selectors import notification_apps, notification_subjects, notifications_for
from suishin.core.services.notifications import notification_mark_all_read, notification_mark_read
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import paginate


def notification_list_view(request: AuthenticatedRequest) -> HttpResponse:
    form = NotificationFilterForm(request.GET or None, app_labels=notification_apps(request.user))
    state, app_label = "", ""
    if form.is_bound and form.is_valid():
        state, app_label = form.cleaned_data["state"], form.cleaned_data["app"]
    notifications = notifications_for(
        request.user, unread_only=state == "unread", app_label=app_label
    )
    page = paginate(request, notifications)
    rows = list(page.object_list)
    subjects = notification_subjects(request.user, rows)
    context = {
        "page": page,
        "form": form,
        "rows": [(n, subjects.get(n.pk, "")) for n in rows],
        "query": request.GET.urlencode() if form.is_bound and form.is_valid() else "",
    }
    return render(request, "core/notification_list.html", context)


# A link (GET): opening marks the notification read, which changes nothing anyone else sees,
# and a link is what a reader can open in a new tab or with the keyboard as any other.
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
