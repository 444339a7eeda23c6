"""Finds each app's tooling, ``suishin/devtools/<app label>/<module>.py``, when a command
needs it (the demo builders, the benchmark targets, the evaluations)."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

DEVTOOLS_PACKAGE = "suishin.devtools"


def discover_devtools(module_name: str) -> None:
    """Import ``suishin.devtools.<label>.<module_name>`` for each of the project's apps that
    has one, in the order of INSTALLED_APPS (demo builders run in that order)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("suishin.") or config.name == DEVTOOLS_PACKAGE:
            continue
        package = f"{DEVTOOLS_PACKAGE}.{config.label}"
        if find_spec(package) is None or find_spec(f"{package}.{module_name}") is None:
            continue
        import_module(f"{package}.{module_name}")
