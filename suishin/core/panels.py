"""Core's home panels."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from suishin.core.choices import PRIVILEGED_ROLES, RoleChoices
from suishin.core.home import Panel, register_panel
from suishin.core.models import Notification, User
from suishin.core.selectors import audit_entries, notice_list
from suishin.core.typing import AuthenticatedRequest


@register_panel
def recent_notices(request: AuthenticatedRequest) -> Panel:
    notices = list(notice_list(request.user)[:5])
    return Panel("core/partials/panel_notices.html", {"notices": notices}, order=50)


@register_panel
def unread_notifications(request: AuthenticatedRequest) -> Panel | None:
    unread = list(Notification.objects.visible_to(request.user).unread()[:5])
    if not unread:
        return None
    return Panel("core/partials/panel_notifications.html", {"notifications": unread}, order=5)


@register_panel
def second_factor_advice(request: AuthenticatedRequest) -> Panel | None:
    user = request.user
    if getattr(user, "has_totp", True):
        return None
    return Panel("core/partials/panel_mfa.html", {}, order=10)


@register_panel
def auditor_overview(request: AuthenticatedRequest) -> Panel | None:
    user = request.user
    if not user.has_role(RoleChoices.AUDITOR):
        return None
    since = timezone.localdate() - timedelta(days=7)
    recent = audit_entries(user, date_from=since)
    # One query for the three counts.
    context: dict[str, object] = recent.aggregate(
        denials=Count("pk", filter=Q(action="access.denied")),
        failed_logins=Count("pk", filter=Q(action="login.failed")),
        lockouts=Count("pk", filter=Q(action="login.locked")),
    )
    context["since"] = since
    return Panel("core/partials/panel_auditor.html", context, order=20)


@register_panel
def administrator_overview(request: AuthenticatedRequest) -> Panel | None:
    user = request.user
    if not user.has_role(RoleChoices.SYSTEM_ADMIN) or user.unit is None:
        return None
    scope = user.unit.institution or user.unit
    institution_users = User.objects.filter(unit__path__startswith=scope.path)
    context = {
        "locked_users": institution_users.filter(locked_until__gt=timezone.now()).count(),
        "privileged_without_mfa": institution_users.filter(
            roles__role__in=PRIVILEGED_ROLES,
            totp_confirmed_at__isnull=True,
        )
        .distinct()
        .count(),
    }
    return Panel("core/partials/panel_admin.html", context, order=30)
