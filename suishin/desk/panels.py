"""The desk's home panels: the officer's open questions; the responder's assigned work."""

from __future__ import annotations

from suishin.core.home import Panel, register_panel
from suishin.core.typing import AuthenticatedRequest
from suishin.desk.access import can_ask, is_responder
from suishin.desk.choices import OPEN_STATUSES, InquiryStatusChoices
from suishin.desk.selectors import QueueFilter, my_inquiries, queue_inquiries


@register_panel
def my_open_inquiries(request: AuthenticatedRequest) -> Panel | None:
    if not can_ask(request.user):
        return None
    mine = my_inquiries(request.user)
    # Open questions only; an answer waiting for the asker's word is a different task
    # (解決した／解決していない), so it is listed apart rather than as 対応中.
    inquiries = list(mine.filter(status__in=OPEN_STATUSES)[:5])
    answered = list(mine.filter(status=InquiryStatusChoices.ANSWERED)[:5])
    return Panel(
        "desk/partials/panel_my_inquiries.html",
        {"inquiries": inquiries, "answered": answered},
        order=15,
    )


@register_panel
def assigned_to_me(request: AuthenticatedRequest) -> Panel | None:
    if not is_responder(request.user):
        return None
    inquiries = list(queue_inquiries(request.user, QueueFilter(assignee="me"))[:10])
    return Panel("desk/partials/panel_assigned.html", {"inquiries": inquiries}, order=12)
