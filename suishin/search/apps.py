from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "suishin.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from suishin.core.audit_actions import register_audit_actions
        from suishin.search.choices import AUDIT_ACTIONS

        register_audit_actions(AUDIT_ACTIONS)

        from suishin.search import checks, signals  # noqa: F401

        # Every app's search.py was imported when core started (core.registry), so each
        # searchable type is known and its model's changes reach the index.
        signals.connect()
