from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "suishin.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Registers core's home-page panels and its periodic job.
        from suishin.core import checks, panels, schedule  # noqa: F401

        # Each app's release rules (``<app>/releases.py``): how its masked copies are confirmed,
        # known before any request, task or command confirms one.
        autodiscover_modules("releases")
