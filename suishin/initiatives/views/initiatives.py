"""Pages of initiatives: the list the secretariat steers by, registration, an initiative with
its KPIs and updates, and the update form."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.errors import DomainError
from suishin.core.exports import csv_response
from suishin.core.institutions import institution_id_of
from suishin.core.selectors import get_visible_or_404
from suishin.core.services.audit import audit_log
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import (
    apply_domain_error,
    message_domain_error,
    message_form_errors,
    paginate,
    require,
)
from suishin.core.wareki import fiscal_year, format_fiscal_year
from suishin.initiatives import selectors
from suishin.initiatives.access import can_author, can_configure_categories, can_report, can_run
from suishin.initiatives.choices import InitiativeStatusChoices
from suishin.initiatives.forms import (
    CategoryForm,
    ImportForm,
    InitiativeFilterForm,
    InitiativeForm,
    KpiForm,
    MilestoneForm,
    ProgressForm,
)
from suishin.initiatives.models import Initiative, InitiativeCategory, SharedCase
from suishin.initiatives.priority import priority_of
from suishin.initiatives.report_documents import report_pdf, report_xlsx
from suishin.initiatives.selectors import people_of
from suishin.initiatives.services.imports import COLUMNS, check_rows, import_rows, read_upload
from suishin.initiatives.services.initiatives import (
    categories_for,
    category_add,
    initiative_create,
    initiative_set_status,
    kpi_add,
    milestone_add,
    milestone_reach,
    progress_update_create,
)
from suishin.initiatives.services.reports import annual_report_produce


def _categories(request: AuthenticatedRequest) -> QuerySet[InitiativeCategory]:
    ids = [c.pk for c in categories_for(institution_id_of(request.user))]
    return InitiativeCategory.objects.filter(pk__in=ids)


def _filtered(
    request: AuthenticatedRequest,
) -> tuple[InitiativeFilterForm, selectors.InitiativeFilter]:
    """The filter form of the list and the portfolio, and what it asks for (nothing when the
    filters are invalid: the form then shows why)."""
    form = InitiativeFilterForm(request.GET or None, categories=_categories(request))
    if not form.is_valid():
        return form, selectors.InitiativeFilter()
    data = form.cleaned_data
    return form, selectors.InitiativeFilter(
        category=data["category"].pk if data["category"] else None,
        status=data["status"],
        health=data["health"],
        overdue=data["overdue"],
        sort=data["sort"] or "priority",
    )


def initiative_list_view(request: AuthenticatedRequest) -> HttpResponse:
    form, filters = _filtered(request)
    context = {
        "form": form,
        "page": paginate(request, selectors.initiatives_for(request.user, filters)),
        "can_create": can_author(request.user),
        "can_configure": can_configure_categories(request.user),
    }
    return render(request, "initiatives/initiative_list.html", context)


@require_http_methods(["GET", "POST"])
def initiative_create_view(request: AuthenticatedRequest) -> HttpResponse:
    require(can_author(request.user))
    form = InitiativeForm(
        request.POST if request.method == "POST" else None,
        initial={"owner": request.user},
        categories=_categories(request),
        people=people_of(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = initiative_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The initiative was registered. Add its KPIs next."))
            return redirect(initiative)
    return render(request, "initiatives/initiative_form.html", {"form": form})


def _initiative(request: AuthenticatedRequest, pk: int) -> Initiative:
    return get_visible_or_404(
        Initiative.objects.select_related("category", "owner", "organization"), request.user, pk=pk
    )


def initiative_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    run = can_run(request.user, initiative)
    kpis = list(initiative.kpis.all())
    context = {
        "initiative": initiative,
        "priority": priority_of(
            hours_saved=initiative.hours_saved_per_year,
            hours_eliminated=initiative.hours_eliminated_per_year,
            cost_yen_per_year=initiative.cost_yen_per_year,
            budget_yen=initiative.budget_yen,
        ),
        "trends": selectors.kpi_trends(initiative),
        "meetings": selectors.meetings_about(request.user, initiative),
        "updates": initiative.updates.select_related("created_by").prefetch_related("values__kpi")[
            :24
        ],
        "can_run": run,
        "kpi_form": KpiForm(prefix="kpi") if run else None,
        "milestone_form": MilestoneForm(prefix="milestone") if run else None,
        "milestones": initiative.milestones.all(),
        "today": timezone.localdate(),
        "progress_form": ProgressForm(prefix="progress", kpis=kpis) if run else None,
        "statuses": InitiativeStatusChoices.choices,
        # The case it adopts, only for those who may read that case.
        "adopted_from": SharedCase.objects.visible_to(request.user)
        .filter(pk=initiative.adopted_from_id)
        .first()
        if initiative.adopted_from_id
        else None,
    }
    return render(request, "initiatives/initiative_detail.html", context)


@require_POST
def initiative_kpi_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(can_run(request.user, initiative))
    form = KpiForm(request.POST, prefix="kpi")
    if not form.is_valid():
        messages.error(
            request, _("Check the KPI: every field is needed, dates as year, month, day.")
        )
        return redirect(initiative)
    try:
        kpi_add(actor=request.user, initiative=initiative, **form.cleaned_data)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("The KPI was added."))
    return redirect(initiative)


@require_POST
def initiative_progress_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(can_run(request.user, initiative))
    form = ProgressForm(request.POST, prefix="progress", kpis=initiative.kpis.all())
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect(initiative)
    data = form.cleaned_data
    try:
        progress_update_create(
            actor=request.user,
            initiative=initiative,
            period_end=data["period_end"],
            done=data["done"],
            effects=data["effects"],
            problems=data["problems"],
            health=data["health"],
            values=form.kpi_values(),
        )
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("The progress update was saved."))
    return redirect(initiative)


@require_POST
def initiative_status_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(can_run(request.user, initiative))
    try:
        initiative_set_status(
            actor=request.user, initiative=initiative, status=request.POST.get("status", "")
        )
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("The status was changed."))
    return redirect(initiative)


def portfolio_view(request: AuthenticatedRequest) -> HttpResponse:
    """The executive meeting's view of an institution's initiatives; printable."""
    form, filters = _filtered(request)
    institution_id = institution_id_of(request.user)
    context = {
        "form": form,
        "portfolio": selectors.portfolio(request.user, institution_id, filters),
        "institution": request.user.unit.institution if request.user.unit else None,
    }
    return render(request, "initiatives/portfolio.html", context)


def annual_report_view(request: AuthenticatedRequest) -> HttpResponse:
    """The yearly execution-status report: the institution's, or for the national agency's
    secretariat the national aggregate; shown here and downloadable as PDF or Excel."""
    require(can_report(request.user))
    today = timezone.localdate()
    current = fiscal_year(today)
    years = list(range(current, current - 6, -1))
    try:
        year = int(request.GET.get("year", current - 1 if today.month < 7 else current))
    except ValueError:
        year = current
    if year not in years:
        year = current
    report = annual_report_produce(
        actor=request.user, fiscal_year=year, output=request.GET.get("format", "html")
    )
    name = f"execution-status-{year}"
    if request.GET.get("format") == "pdf":
        response = HttpResponse(
            report_pdf(report, date_style=request.user.date_style), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            report_xlsx(report, date_style=request.user.date_style),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    years_labels = [(y, format_fiscal_year(y)) for y in years]
    context = {"report": report, "years": years_labels, "year": year}
    return render(request, "initiatives/annual_report.html", context)


@require_http_methods(["GET", "POST"])
def initiative_import_view(request: AuthenticatedRequest) -> HttpResponse:
    """Check a file of initiatives row by row; import it only when every row is clean."""
    require(can_author(request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    checks = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_upload(upload)
            checks = check_rows(actor=request.user, rows=rows)
            clean = not any(check.errors for check in checks)
            if clean and not form.cleaned_data["dry_run"]:
                created = import_rows(actor=request.user, checks=checks)
                messages.success(
                    request, _("%(n)s initiatives were imported.") % {"n": len(created)}
                )
                return redirect("initiatives:initiative_list")
        except DomainError as error:
            apply_domain_error(form, error)
    context = {
        "form": form,
        "checks": checks,
        "errors": [check for check in checks or [] if check.errors],
    }
    return render(request, "initiatives/initiative_import.html", context)


def initiative_export_view(request: AuthenticatedRequest) -> HttpResponse | StreamingHttpResponse:
    """The initiatives the user may read, as CSV (UTF-8 with BOM, so Excel opens it), in the
    columns the import reads plus status, health and the next update due."""
    # The import's columns, by the names its template prints, then what only the desk keeps.
    imported = [names[0] for names in COLUMNS.values()]
    header = [*imported, "状態", "状況", "次回報告期限", "所属"]
    items = selectors.initiatives_for(request.user, selectors.InitiativeFilter(sort="title"))
    rows = [
        [
            item.title,
            item.category.code,
            item.owner.username,
            item.goal,
            item.start_date.isoformat(),
            item.end_date.isoformat() if item.end_date else "",
            item.budget_yen,
            item.cost_yen_per_year,
            item.hours_saved_per_year,
            item.hours_eliminated_per_year,
            item.get_status_display(),
            item.get_health_display(),
            item.next_update_due.isoformat(),
            item.organization.name,
        ]
        for item in items
    ]
    # Who took a copy of the list, and how much of it (classification-2 records, user names).
    audit_log(
        actor=request.user,
        action="initiative.exported",
        detail={"format": "csv", "rows": len(rows)},
    )
    return csv_response("initiatives.csv", [header, *rows])


@require_POST
def initiative_milestone_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Add a milestone, or (with ``milestone``) mark one reached today."""
    initiative = _initiative(request, pk)
    require(can_run(request.user, initiative))
    try:
        milestone_id = request.POST.get("milestone", "")
        if milestone_id.isdigit() and len(milestone_id) < 10:
            milestone = get_object_or_404(initiative.milestones, pk=int(milestone_id))
            milestone_reach(
                actor=request.user, milestone=milestone, reached_on=timezone.localdate()
            )
            messages.success(request, _("The milestone was marked reached."))
        else:
            form = MilestoneForm(request.POST, prefix="milestone")
            if form.is_valid():
                milestone_add(actor=request.user, initiative=initiative, **form.cleaned_data)
                messages.success(request, _("The milestone was added."))
            else:
                messages.error(request, _("Give the milestone a name and a planned date."))
    except DomainError as error:
        message_domain_error(request, error)
    return redirect(initiative)


@require_http_methods(["GET", "POST"])
def category_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The categories in use: the circular's, and the institution's own additions."""
    require(can_configure_categories(request.user))
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            category_add(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The category was added."))
            return redirect("initiatives:category_list")
    context = {"categories": categories_for(institution_id_of(request.user)), "form": form}
    return render(request, "initiatives/category_list.html", context)
