"""Producing the annual execution-status report: who may, for which scope, and its audit."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.errors import AccessDenied
from suishin.core.models import User
from suishin.core.services.audit import audit_log
from suishin.initiatives.access import can_report, is_national_secretariat
from suishin.initiatives.report import AnnualReport, build_report


def annual_report_produce(*, actor: User, fiscal_year: int, output: str) -> AnnualReport:
    """The report of the actor's institution, or for the national agency's secretariat the
    national aggregate; every production (page, PDF or Excel) is in the audit chain."""
    if not can_report(actor) or actor.unit is None:
        raise AccessDenied(_("Only a secretariat can produce the execution-status report."))
    national = is_national_secretariat(actor)
    report = build_report(
        user=actor,
        fiscal_year=fiscal_year,
        institution=None if national else actor.unit.institution,
        now=timezone.localtime(),
    )
    audit_log(
        actor=actor,
        action="initiative.report",
        detail={"year": fiscal_year, "national": national, "format": output},
    )
    return report
