from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "suishin.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Registers core's home-page panels.
        from suishin.core import panels  # noqa: F401
