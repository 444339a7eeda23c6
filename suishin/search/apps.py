from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "suishin.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Each app declares its searchable types in its own search.py (as NetBox does);
        # core cannot import search, so its notices are declared here.
        from suishin.search import builtin, checks, schedule  # noqa: F401

        autodiscover_modules("search")
        from suishin.search import signals

        signals.connect()

        from suishin.core.choices import RoleChoices
        from suishin.core.context_processors import NAVIGATION, NavItem

        NAVIGATION.insert(2, NavItem(_("Search"), "search:search"))
        NAVIGATION.append(
            NavItem(_("Search vocabulary"), "search:search_terms", (RoleChoices.SYSTEM_ADMIN,))
        )
