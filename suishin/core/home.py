"""The home page is built from panels that apps register: each shows what its user has to do.

A panel is a function taking the request and returning a template name and context, or None
when it has nothing for this user. Each app registers its own in its ``panels.py``, which core
imports when it starts (core/registry.py), without touching core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from suishin.core.typing import AuthenticatedRequest


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]
    order: int = 100


PanelFunc = Callable[[AuthenticatedRequest], Panel | None]
_PANELS: list[PanelFunc] = []


def register_panel(func: PanelFunc) -> PanelFunc:
    _PANELS.append(func)
    return func


def panels_for(request: AuthenticatedRequest) -> list[Panel]:
    panels = [panel for func in _PANELS if (panel := func(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
