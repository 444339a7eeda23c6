"""How the desk works: figures per organization, or nationally for the agency's secretariat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.exports import csv_response
from suishin.core.services.audit import audit_log
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import require
from suishin.desk.access import can_see_dashboard
from suishin.desk.dashboard import DeskStats, desk_stats, institutions_for
from suishin.desk.forms import DashboardForm

DEFAULT_WEEKS = 12
TABLES = ("category", "unit", "week", "gaps")


def _stats(request: AuthenticatedRequest) -> tuple[DashboardForm, DeskStats]:
    form = DashboardForm(request.GET or None, institutions=institutions_for(request.user))
    today = timezone.localdate()
    start: date = today - timedelta(weeks=DEFAULT_WEEKS)
    end: date = today
    institution = None
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["date_from"] or start
        end = form.cleaned_data["date_to"] or end
        institution = form.cleaned_data["institution"]
    return form, desk_stats(request.user, start=start, end=end, institution=institution)


def dashboard_view(request: AuthenticatedRequest) -> HttpResponse:
    require(
        can_see_dashboard(request.user),
        _("Only the desk and the secretariat can see these figures."),
    )
    form, stats = _stats(request)
    query = request.GET.urlencode()
    return render(request, "desk/dashboard.html", {"form": form, "stats": stats, "query": query})


def dashboard_export_view(request: AuthenticatedRequest) -> HttpResponse | StreamingHttpResponse:
    """Each chart's data as CSV (UTF-8 with BOM, so that Excel opens it correctly)."""
    require(can_see_dashboard(request.user))
    _form, stats = _stats(request)
    table = request.GET.get("table", "category")
    if table not in TABLES:
        table = "category"
    rows: list[Sequence[object]]
    if table == "category":
        rows = [(_("Category"), _("Inquiries")), *stats.by_category]
    elif table == "unit":
        rows = [(_("Organization"), _("Inquiries")), *stats.by_unit]
    elif table == "week":
        rows = [(_("Week starting"), _("Inquiries"))]
        rows += [(day.isoformat(), count) for day, count in stats.by_week]
    else:
        rows = [
            (_("Category"), _("Answered without a knowledge link"), _("Inquiries")),
            *stats.gaps,
        ]
    audit_log(actor=request.user, action="desk.figures_exported", detail={"table": table})
    return csv_response(f"desk-{table}-{stats.start:%Y%m%d}-{stats.end:%Y%m%d}.csv", rows)
