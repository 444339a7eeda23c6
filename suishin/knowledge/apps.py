from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "suishin.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge and manuals")

    def ready(self) -> None:
        from suishin.core.choices import RoleChoices
        from suishin.core.context_processors import NAVIGATION, NavItem
        from suishin.knowledge import checks, demo, schedule  # noqa: F401

        NAVIGATION.insert(3, NavItem(_("Knowledge"), "knowledge:article_list"))
        NAVIGATION.insert(4, NavItem(_("Manuals"), "knowledge:manual_list"))
        NAVIGATION.insert(5, NavItem(_("Shared by other institutions"), "core:shared_list"))
        NAVIGATION.append(NavItem(_("KCS roles"), "knowledge:roles", (RoleChoices.SYSTEM_ADMIN,)))
