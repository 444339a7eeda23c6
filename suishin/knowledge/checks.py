"""The masking models must come from the installed packages: the intranet has no internet, and
a detector that quietly ran without its named-entity model would mask less than it says."""

from __future__ import annotations

from importlib import util
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def masking_models_installed(app_configs: Any, **kwargs: Any) -> list[Error]:
    errors = []
    if util.find_spec("presidio_analyzer") is None or util.find_spec("sudachipy") is None:
        errors.append(
            Error(
                "The personal-data detector's packages are missing.",
                hint="Install the project with `make install` (presidio-analyzer, SudachiPy).",
                id="knowledge.E001",
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
                    id="knowledge.E002",
                )
            )
    return errors
