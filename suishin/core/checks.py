"""Deployment checks of core (``suishin check --deploy``)."""

from __future__ import annotations

from importlib import util
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def audit_checkpoint_key_given(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """In production the checkpoint key is the operators' to keep: a key made beside the files
    is lost with the machine, and one each worker made for itself would not verify."""
    if settings.PRODUCTION and settings.SUISHIN_AUDIT_CHECKPOINT_KEY_GENERATED:
        return [
            Warning(
                "The audit checkpoint key was generated on this machine.",
                hint="Set SUISHIN_AUDIT_CHECKPOINT_KEY (or SUISHIN_AUDIT_CHECKPOINT_KEY_FILE) to "
                "a key kept apart from the database and its backups (docs/operations.md).",
                id="core.W001",
            )
        ]
    return []


# The masking models must come from the installed packages: the intranet has no internet, and
# a detector that quietly ran without its named-entity model would mask less than it says.
@register()
def masking_models_installed(app_configs: Any, **kwargs: Any) -> list[Error]:
    errors = []
    if util.find_spec("presidio_analyzer") is None or util.find_spec("sudachipy") is None:
        errors.append(
            Error(
                "The personal-data detector's packages are missing.",
                hint="Install the project with `make install` (presidio-analyzer, SudachiPy).",
                id="core.E001",
            )
        )
    if settings.SUISHIN_MASKING_NER:
        spec = util.find_spec("ja_ginza")
        folder = Path(spec.origin).parent if spec and spec.origin else None
        if folder is None or not any(folder.glob("ja_ginza-*/config.cfg")):
            errors.append(
                Error(
                    "GiNZA's model (ja_ginza) is not installed with its weights.",
                    hint="Install the project with `make install`, or set "
                    "SUISHIN_MASKING_NER=0 to mask without the named-entity model.",
                    id="core.E002",
                )
            )
    return errors
