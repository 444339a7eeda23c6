from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "suishin.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives and promotion bodies")

    def ready(self) -> None:
        from suishin.core.choices import RoleChoices
        from suishin.core.context_processors import NAVIGATION, NavItem
        from suishin.initiatives import demo, panels, schedule  # noqa: F401

        NAVIGATION.insert(5, NavItem(_("Initiatives"), "initiatives:initiative_list"))
        NAVIGATION.insert(6, NavItem(_("Promotion bodies"), "initiatives:body_list"))
        NAVIGATION.insert(7, NavItem(_("Shared cases"), "initiatives:case_catalogue"))
        NAVIGATION.append(
            NavItem(
                _("Annual execution-status report"),
                "initiatives:annual_report",
                (RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN),
            )
        )
        NAVIGATION.insert(
            8,
            NavItem(
                _("Portfolio"),
                "initiatives:portfolio",
                (RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN, RoleChoices.INITIATIVE_OWNER),
            ),
        )
