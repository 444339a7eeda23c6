"""The desk's menu entries."""

from django.utils.translation import gettext_lazy as _

from suishin.core.choices import RoleChoices
from suishin.core.menu import Group, NavItem, register

register(
    NavItem(
        _("Inquiry desk"),
        "desk:inquiry_list",
        group=Group.DAILY_WORK,
        weight=20,
    ),
    NavItem(
        _("Desk queue"),
        "desk:queue",
        (RoleChoices.RESPONDER,),
        group=Group.DAILY_WORK,
        weight=30,
    ),
    NavItem(
        _("Desk dashboard"),
        "desk:dashboard",
        (RoleChoices.RESPONDER, RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN),
        group=Group.OVERVIEW,
        weight=20,
    ),
    NavItem(
        _("Desk settings"),
        "desk:settings",
        (RoleChoices.SYSTEM_ADMIN,),
        group=Group.ADMINISTRATION,
        weight=40,
    ),
)
