"""The initiatives' menu entries."""

from django.utils.translation import gettext_lazy as _

from suishin.core.choices import RoleChoices
from suishin.core.menu import Group, NavItem, register

register(
    NavItem(
        _("Initiatives"),
        "initiatives:initiative_list",
        group=Group.INITIATIVES,
        weight=10,
    ),
    NavItem(
        _("Promotion bodies"),
        "initiatives:body_list",
        group=Group.INITIATIVES,
        weight=20,
    ),
    NavItem(
        _("Shared cases"),
        "initiatives:case_catalogue",
        group=Group.INITIATIVES,
        weight=30,
    ),
    NavItem(
        _("Portfolio"),
        "initiatives:portfolio",
        (RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN, RoleChoices.INITIATIVE_OWNER),
        group=Group.INITIATIVES,
        weight=40,
    ),
    NavItem(
        _("Annual execution-status report"),
        "initiatives:annual_report",
        (RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN),
        group=Group.ADMINISTRATION,
        weight=60,
    ),
)
