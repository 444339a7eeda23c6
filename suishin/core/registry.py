"""The one place that finds what each app declares, the way Django's admin finds ``admin.py``.

Every app has the same modules (see docs/architecture.md, "One app skeleton"). Four of them
declare things core needs to know before the first request, and are imported from every
installed app once, when core starts (``CoreConfig.ready``):

- ``search.py``: the app's searchable types (``suishin.search.registry.register``);
- ``schedule.py``: its periodic jobs (``suishin.core.scheduler.register_periodic``);
- ``panels.py``: its home-page panels (``suishin.core.home.register_panel``);
- ``navigation.py``: its menu entries, each with a group and a weight
  (``suishin.core.menu.register``).

The tooling of each app (demo builders, benchmarks, evaluations) lives apart, in
``suishin/devtools/<app label>/``; the tooling finds it itself (``suishin.devtools.registry``),
only when a command runs it, so core never imports it.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

APP_MODULES = ("search", "schedule", "panels", "navigation")

# The tooling is no product app: its per-app packages bear the apps' labels (devtools.search).
DEVTOOLS_APP = "suishin.devtools"


def discover_app_modules() -> None:
    """Import every installed app's declaring modules (an app without one is skipped)."""
    for module_name in APP_MODULES:
        for config in apps.get_app_configs():
            if config.name == DEVTOOLS_APP or config.module is None:
                continue
            if module_has_submodule(config.module, module_name):
                import_module(f"{config.name}.{module_name}")
