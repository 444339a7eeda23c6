"""The menu: the links a user's roles open, the same in the header and in the drawer."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from suishin.core.services.notifications import notification_create
from suishin.testing.personas import World, sign_in


def menus(content: str) -> tuple[str, str]:
    header = re.search(r'<nav class="global-nav".*?</nav>', content, re.DOTALL)
    drawer = re.search(r'<dialog id="drawer".*?</dialog>', content, re.DOTALL)
    assert header is not None and drawer is not None
    return header.group(0), drawer.group(0)


def links(menu: str) -> list[str]:
    return re.findall(r'<li><a href="([^"]+)"', menu)


def test_the_menu_shows_what_the_roles_open_with_the_current_page_marked(world: World) -> None:
    officer = sign_in(Client(), world.users["officer_a"])
    header, drawer = menus(officer.get(reverse("core:notice_list")).content.decode())
    assert links(header) == links(drawer)
    assert reverse("desk:inquiry_list") in links(header)
    assert reverse("desk:queue") not in links(header), "the queue is for responders"
    assert reverse("core:audit_list") not in links(header), "the trail is for auditors"
    current = f'<a href="{reverse("core:notice_list")}" aria-current="page">'
    assert current in header and current in drawer
    assert header.count('aria-current="page"') == 1

    responder = sign_in(Client(), world.users["responder_a"])
    header, _drawer = menus(responder.get(reverse("core:home")).content.decode())
    assert reverse("desk:queue") in links(header)


def test_the_unread_count_shows_in_both_menus(world: World) -> None:
    notification_create(
        recipient=world.users["officer_a"],
        kind="test",
        title="確認",
        about=world.box_a,
        url="/",
    )
    notification_create(
        recipient=world.users["officer_a"],
        kind="test",
        title="確認",
        about=world.box_a,
        url="/",
    )
    content = sign_in(Client(), world.users["officer_a"]).get(reverse("core:home")).content
    header, drawer = menus(content.decode())
    assert "（2件未読）" in header and "（2件未読）" in drawer


def test_entries_are_ordered_by_group_and_weight_whatever_the_order_apps_declare_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from suishin.core import menu as menu_module
    from suishin.core.menu import Group, NavItem, register

    monkeypatch.setattr(menu_module, "_ITEMS", {})
    monkeypatch.setattr(menu_module, "_menu", None)
    register(NavItem("設定", "core:account", group=Group.ADMINISTRATION, weight=10))
    register(NavItem("窓口", "desk:inquiry_list", group=Group.DAILY_WORK, weight=20))
    register(NavItem("ホーム", "core:home", group=Group.DAILY_WORK, weight=10))
    register(NavItem("取組", "initiatives:initiative_list", group=Group.INITIATIVES, weight=5))
    assert [item.url_name for item in menu_module.menu()] == [
        "core:home",
        "desk:inquiry_list",
        "initiatives:initiative_list",
        "core:account",
    ]


def test_every_app_declares_its_entries_in_its_navigation_module() -> None:
    """The menu of a running process holds each app's entries, each in a group."""
    from suishin.core.menu import Group, menu

    by_app = {item.url_name.split(":")[0] for item in menu()}
    assert by_app == {"core", "search", "desk", "knowledge", "initiatives"}
    assert all(isinstance(item.group, Group) for item in menu())


def test_the_header_names_the_unit_once(world: World) -> None:
    """A display name that already says the unit (「推進事務局（警務課）」) is not followed by
    it again; one that does not is."""
    officer = world.users["officer_a"]
    unit = officer.unit
    assert unit is not None
    client = sign_in(Client(), officer)
    header = re.search(r'<span class="site-user">(.*?)</span>', client.get("/").content.decode())
    assert header is not None and header.group(1).count(unit.name) == 1

    officer.display_name = f"推進事務局（{unit.name}）"
    officer.save(update_fields=["display_name"])
    header = re.search(r'<span class="site-user">(.*?)</span>', client.get("/").content.decode())
    assert header is not None
    assert header.group(1) == f"推進事務局（{unit.name}）"


def test_favicon_ico_leads_to_the_site_icon_without_signing_in() -> None:
    """Asked by browsers and proxies on every site: the icon, not a 404 or the sign-in page."""
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert (
        response["Location"].endswith(".svg")
        and "/static/suishin/icons/favicon" in response["Location"]
    )
    login = Client().get(reverse("core:login")).content.decode()
    assert 'rel="icon"' in login
