"""Knowledge's menu entries."""

from django.utils.translation import gettext_lazy as _

from suishin.core.choices import RoleChoices
from suishin.core.menu import Group, NavItem, register

register(
    NavItem(
        _("Knowledge"),
        "knowledge:article_list",
        group=Group.DAILY_WORK,
        weight=40,
    ),
    NavItem(
        _("Manuals"),
        "knowledge:manual_list",
        group=Group.DAILY_WORK,
        weight=50,
    ),
    NavItem(
        _("KCS roles"),
        "knowledge:roles",
        (RoleChoices.SYSTEM_ADMIN,),
        group=Group.ADMINISTRATION,
        weight=50,
    ),
)
