from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "suishin.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from suishin.core import checks  # noqa: F401
        from suishin.core.registry import discover_app_modules

        # Every app's searchable types, periodic jobs, home panels and menu entries (core
        # is the first app to start, and every app's models are loaded by now).
        discover_app_modules()
        # Each app's release rules (``<app>/releases.py``): how its masked copies are confirmed,
        # known before any request, task or command confirms one.
        autodiscover_modules("releases")
