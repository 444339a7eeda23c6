"""Core's menu entries: home, notices, notifications, the audit trail, one's settings."""

from django.utils.translation import gettext_lazy as _

from suishin.core.choices import RoleChoices
from suishin.core.menu import Group, NavItem, register

register(
    NavItem(
        _("Home"),
        "core:home",
        group=Group.DAILY_WORK,
        weight=10,
    ),
    NavItem(
        _("Shared by other institutions"),
        "core:shared_list",
        group=Group.OVERVIEW,
        weight=10,
    ),
    NavItem(
        _("Notices"),
        "core:notice_list",
        group=Group.OVERVIEW,
        weight=30,
    ),
    NavItem(
        _("Notifications"),
        "core:notification_list",
        group=Group.OVERVIEW,
        weight=50,
    ),
    NavItem(
        _("Audit trail"),
        "core:audit_list",
        (RoleChoices.AUDITOR,),
        group=Group.ADMINISTRATION,
        weight=10,
    ),
    NavItem(
        _("Settings"),
        "core:account",
        group=Group.ADMINISTRATION,
        weight=20,
    ),
)
