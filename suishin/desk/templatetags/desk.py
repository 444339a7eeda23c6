"""Badges of the desk (status, urgency, where an inquiry stands against its targets) and the
roster's shift periods."""

from __future__ import annotations

from datetime import date, timedelta

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from suishin.core.templatetags.suishin import jdate
from suishin.desk.choices import InquiryStatusChoices, InquiryUrgencyChoices
from suishin.desk.models import DutyShift, Inquiry

register = template.Library()


@register.simple_tag
def status_badge(inquiry: Inquiry) -> str:
    return format_html(
        '<span class="badge badge--status-{}">{}</span>',
        inquiry.status,
        InquiryStatusChoices(inquiry.status).label,
    )


@register.simple_tag
def urgency_badge(inquiry: Inquiry) -> str:
    if inquiry.urgency != InquiryUrgencyChoices.URGENT:
        return format_html('<span class="badge">{}</span>', InquiryUrgencyChoices.NORMAL.label)
    return format_html(
        '<span class="badge badge--urgent">{}</span>', InquiryUrgencyChoices.URGENT.label
    )


@register.simple_tag
def sla_badge(inquiry: Inquiry) -> str:
    """Overdue, about to fall due (the escalation level), paused, or nothing — in words, never
    by colour alone."""
    if not inquiry.is_open:
        return ""
    if inquiry.status == InquiryStatusChoices.WAITING:
        return format_html('<span class="badge">{}</span>', _("Clock paused"))
    due = (
        inquiry.first_response_due if inquiry.first_responded_at is None else inquiry.resolution_due
    )
    if due is not None and due <= timezone.now():
        return format_html('<span class="badge badge--breached">{}</span>', _("Overdue"))
    level = (
        inquiry.first_response_escalation
        if inquiry.first_responded_at is None
        else inquiry.resolution_escalation
    )
    if level:
        return format_html('<span class="badge badge--warning">{}</span>', _("Due soon"))
    return ""


@register.simple_tag(takes_context=True)
def shift_period(context: template.Context, shift: DutyShift, day: date) -> str:
    """A shift as the roster row of ``day`` shows it: 17:15–翌08:30 for a night shift; the
    full start when it began on an earlier day, the full end when it runs past the next."""
    starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
    start_text: str = f"{starts:%H:%M}"
    if starts.date() != day:
        start_text = jdate(context, shift.starts_at, with_time=True)
    if ends.date() == starts.date():
        end_text = f"{ends:%H:%M}"
    elif ends.date() == starts.date() + timedelta(days=1):
        end_text = _("next day %(time)s") % {"time": f"{ends:%H:%M}"}
    else:
        end_text = jdate(context, shift.ends_at, with_time=True)
    # jdate's <time> elements arrive marked safe; the plain clock texts are escaped.
    return format_html("{}–{}", start_text, end_text)
