from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Installed only so that Django finds the tooling's commands; it has no models and
    loads nothing when the project starts."""

    name = "suishin.devtools"
    label = "devtools"
    verbose_name = "Developer tools"
