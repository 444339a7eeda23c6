"""Navigation for the page shell, built from the user's roles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import RoleChoices
from suishin.core.models import Notification


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    roles: tuple[str, ...] = ()

    def visible_for(self, role_set: frozenset[str]) -> bool:
        return not self.roles or bool(role_set.intersection(self.roles))


# Apps add their entries here when they are installed (see each app's ``apps.py``).
NAVIGATION: list[NavItem] = [
    NavItem(_("Home"), "core:home"),
    NavItem(_("Notices"), "core:notice_list"),
    NavItem(_("Notifications"), "core:notification_list"),
    NavItem(_("Audit trail"), "core:audit_list", (RoleChoices.AUDITOR,)),
    NavItem(_("Settings"), "core:account"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu and the unread count, computed only if the page shows them: fragments that
    htmx fetches every few seconds need neither."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    # Templates call a callable when they first read it; cache() keeps the answer after that.
    return {
        "nav_items": cache(lambda: _items(request, user)),
        "unread_notifications": cache(
            lambda: Notification.objects.visible_to(user).unread().count()
        ),
    }


def _items(request: HttpRequest, user: Any) -> list[dict[str, Any]]:
    current = request.resolver_match.view_name if request.resolver_match else ""
    current_prefix = current.rsplit("_", 1)[0] if current else ""
    items = []
    for item in NAVIGATION:
        if item.visible_for(user.role_set):
            is_current = item.url_name == current or (
                current_prefix and item.url_name.rsplit("_", 1)[0] == current_prefix
            )
            items.append(
                {
                    "label": item.label,
                    "url": reverse(item.url_name),
                    "url_name": item.url_name,
                    "current": is_current,
                }
            )
    return items
