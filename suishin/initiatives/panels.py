"""The home panel of the promotion structure: the action items meetings gave this person."""

from __future__ import annotations

from suishin.core.home import Panel, register_panel
from suishin.core.typing import AuthenticatedRequest
from suishin.initiatives.selectors import open_actions_of


@register_panel
def my_action_items(request: AuthenticatedRequest) -> Panel | None:
    actions = list(open_actions_of(request.user)[:10])
    if not actions:
        return None
    return Panel("initiatives/partials/panel_actions.html", {"actions": actions}, order=14)
