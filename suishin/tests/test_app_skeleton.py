"""Every app has the same file set (docs/architecture.md, "One app skeleton"), the template
that ``startapp`` copies has it too, and no web process loads the tooling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

# A name ending in "/" is a package; "models" may be either.
SKELETON = (
    "models",
    "choices.py",
    "access.py",
    "services/",
    "selectors.py",
    "views/",
    "forms.py",
    "api.py",
    "schemas.py",
    "urls.py",
    "search.py",
    "tasks.py",
    "schedule.py",
    "panels.py",
    "navigation.py",
    "templates/{app}/",
    "tests/access_rows.py",
    "tests/factories.py",
)

TEMPLATE = Path(__file__).resolve().parent.parent / "devtools" / "app_template"
PYPROJECT = Path(__file__).resolve().parent.parent.parent / "pyproject.toml"


def _missing(folder: Path, app: str) -> list[str]:
    missing = []
    for entry in SKELETON:
        name = entry.format(app=app)
        if name == "models":
            found = (folder / "models.py").is_file() or (
                folder / "models" / "__init__.py"
            ).is_file()
        elif name.endswith("/"):
            found = (folder / name).is_dir()
            if found and not name.startswith("templates/"):
                found = (folder / name / "__init__.py").is_file()
        else:
            found = (folder / name).is_file()
        if not found:
            missing.append(name)
    return missing


def _product_apps() -> list[tuple[str, Path]]:
    return [
        (config.label, Path(config.path))
        for config in apps.get_app_configs()
        if config.name.startswith("suishin.") and config.name != "suishin.devtools"
    ]


def test_the_five_apps_are_checked() -> None:
    labels = {label for label, _path in _product_apps()}
    assert labels >= {"core", "search", "desk", "knowledge", "initiatives"}


def test_every_app_is_named_in_each_import_contract() -> None:
    """The contracts list apps by name: an app left out of one would escape it (a new app
    importing the tooling, say) without the linter saying so."""
    contracts = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    modules = {f"suishin.{label}" for label, _path in _product_apps()}
    by_type = {contract["type"]: contract for contract in contracts}
    assert set(by_type["layers"]["layers"]) == modules
    assert set(by_type["forbidden"]["source_modules"]) == modules
    assert set(by_type["acyclic_siblings"]["ancestors"]) == modules


@pytest.mark.parametrize(("label", "folder"), _product_apps(), ids=lambda value: str(value))
def test_every_installed_app_has_the_file_set(label: str, folder: Path) -> None:
    assert _missing(folder, label) == []


def test_startapp_with_the_template_makes_the_file_set(tmp_path: Path) -> None:
    target = tmp_path / "patrol"
    target.mkdir()
    call_command("startapp", "patrol", str(target), template=str(TEMPLATE), verbosity=0)
    assert _missing(target, "patrol") == []
    # What it writes is Python that compiles, with the app's names filled in.
    for source in target.rglob("*.py"):
        compile(source.read_text(), str(source), "exec")
        assert "{{" not in source.read_text(), source
    assert 'name = "suishin.patrol"' in (target / "apps.py").read_text()
    assert 'app_name = "patrol"' in (target / "urls.py").read_text()


def test_a_web_process_loads_none_of_the_tooling() -> None:
    """The WSGI application, every URL, view, API operation, task and periodic job loaded
    as a server, a worker and the scheduler load them: no module of the tooling but the
    package and its app configuration."""
    script = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
from suishin.wsgi import application
import suishin.api, suishin.urls
get_resolver().url_patterns
from django.utils.module_loading import autodiscover_modules
autodiscover_modules("tasks")
print(json.dumps(sorted(name for name in sys.modules if name.startswith("suishin.devtools"))))
"""
    output = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "suishin.settings"},
    ).stdout
    assert json.loads(output.strip().splitlines()[-1]) == [
        "suishin.devtools",
        "suishin.devtools.apps",
    ]


def test_the_apps_narrow_their_files_through_registered_rules() -> None:
    """The rules that used to live on the models are registered when the apps start."""
    from suishin.core.file_rules import file_rules_for
    from suishin.desk.access import may_read_inquiry_file
    from suishin.desk.models import Inquiry
    from suishin.initiatives.models import Meeting
    from suishin.initiatives.selectors import may_read_material

    assert file_rules_for(Inquiry) == [may_read_inquiry_file]
    assert file_rules_for(Meeting) == [may_read_material]
