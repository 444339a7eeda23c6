"""Navigation for the page shell, built from the user's roles."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from suishin.core.menu import menu
from suishin.core.models import Notification


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu and the unread count, computed only if the page shows them: fragments that
    htmx fetches every few seconds need neither."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": ""}
    # Templates call a callable when they first read it; cache() keeps the answer after that.
    # The header and the drawer show the same links: rendered once for both.
    return {"nav_links": cache(lambda: _links(_items(request, user), _unread(user)))}


def _unread(user: Any) -> int:
    return Notification.objects.visible_to(user).unread().count()


CURRENT = mark_safe(' aria-current="page"')


def _links(items: list[dict[str, Any]], unread: int) -> SafeString:
    def label(item: dict[str, Any]) -> SafeString:
        if item["url_name"] != "core:notification_list" or not unread:
            return format_html("{}", item["label"])
        count = ngettext("%(counter)s unread", "%(counter)s unread", unread) % {"counter": unread}
        return format_html("{}（{}）", item["label"], count)

    return format_html_join(
        "",
        '<li><a href="{}"{}>{}</a></li>',
        (
            (
                item["url"],
                CURRENT if item["current"] else "",
                label(item),
            )
            for item in items
        ),
    )


@lru_cache(maxsize=256)
def _url(url_name: str, script_prefix: str) -> str:
    """The menu's addresses never change while a process runs (for one script prefix)."""
    return reverse(url_name)


def _items(request: HttpRequest, user: Any) -> list[dict[str, Any]]:
    current = request.resolver_match.view_name if request.resolver_match else ""
    current_prefix = current.rsplit("_", 1)[0] if current else ""
    items = []
    for item in menu():
        if item.visible_for(user.role_set):
            is_current = item.url_name == current or (
                current_prefix and item.url_name.rsplit("_", 1)[0] == current_prefix
            )
            items.append(
                {
                    "label": item.label,
                    "url": _url(item.url_name, get_script_prefix()),
                    "url_name": item.url_name,
                    "current": is_current,
                }
            )
    return items
