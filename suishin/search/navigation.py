"""Search's menu entries."""

from django.utils.translation import gettext_lazy as _

from suishin.core.choices import RoleChoices
from suishin.core.menu import Group, NavItem, register

register(
    NavItem(
        _("Search"),
        "search:search",
        group=Group.OVERVIEW,
        weight=40,
    ),
    NavItem(
        _("Search vocabulary"),
        "search:search_terms",
        (RoleChoices.SYSTEM_ADMIN,),
        group=Group.ADMINISTRATION,
        weight=30,
    ),
)
