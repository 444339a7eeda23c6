"""Badges of the desk: status, urgency and where an inquiry stands against its targets."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from suishin.desk.choices import InquiryStatusChoices, InquiryUrgencyChoices
from suishin.desk.models import Inquiry

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
