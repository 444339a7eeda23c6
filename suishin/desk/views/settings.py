"""The desk's settings for administrators (categories, queues, routing, service levels) and
the on-duty roster for supervisors."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.calendar import holiday_name, is_business_day
from suishin.core.choices import OrganizationKindChoices, RoleChoices
from suishin.core.errors import AccessDenied, DomainError
from suishin.core.institutions import institution_id_of
from suishin.core.selectors import people_of_institution
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, require
from suishin.desk.access import can_configure
from suishin.desk.forms import (
    CategoryForm,
    QueueForm,
    RoutingRuleForm,
    ServiceLevelForm,
    ShiftForm,
)
from suishin.desk.models import DutyShift, InquiryCategory, RoutingRule, ServiceLevel
from suishin.desk.selectors import (
    categories_for,
    queues_of,
    responders_in,
    roster_days,
    roster_queues,
    units_of,
)
from suishin.desk.services.configuration import (
    category_create,
    category_set_active,
    duty_shift_create,
    duty_shift_delete,
    queue_create,
    routing_rule_create,
    routing_rule_delete,
    service_level_delete,
    service_level_set,
)
from suishin.desk.services.sla import BUILT_IN_TARGETS

ROSTER_DAYS = 7


def _forms(request: AuthenticatedRequest, posted: str | None = None) -> dict[str, object]:
    institution_id = institution_id_of(request.user)
    categories = categories_for(institution_id)
    units = units_of(institution_id)
    people = people_of_institution(institution_id)
    data = request.POST if request.method == "POST" else None

    def bound(name: str) -> Any:
        return data if posted == name else None

    return {
        "category_form": CategoryForm(bound("category")),
        "queue_form": QueueForm(
            bound("queue"),
            divisions=units.filter(
                kind__in=(OrganizationKindChoices.DIVISION, OrganizationKindChoices.OFFICE),
                desk_queue__isnull=True,
            ),
            people=people,
        ),
        # Both forms have a category field on one page: each its own element ids.
        "rule_form": RoutingRuleForm(
            bound("rule"),
            categories=categories,
            units=units,
            queues=queues_of(institution_id),
            auto_id="id_rule_%s",
        ),
        "level_form": ServiceLevelForm(
            bound("level"), categories=categories, auto_id="id_level_%s"
        ),
    }


def _settings_context(request: AuthenticatedRequest, forms: dict[str, object]) -> dict[str, object]:
    institution_id = institution_id_of(request.user)
    return {
        **forms,
        "categories": InquiryCategory.objects.filter(institution_id=institution_id),
        "default_categories": InquiryCategory.objects.filter(institution__isnull=True),
        "queues": queues_of(institution_id),
        "rules": RoutingRule.objects.filter(institution_id=institution_id).select_related(
            "category", "source", "queue__division"
        ),
        "levels": ServiceLevel.objects.filter(institution_id=institution_id).select_related(
            "category"
        ),
        "built_in_targets": BUILT_IN_TARGETS.items(),
    }


@require_http_methods(["GET", "POST"])
def settings_view(request: AuthenticatedRequest) -> HttpResponse:
    require(
        can_configure(request.user), _("Only system administrators can change the desk settings.")
    )
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = _forms(request, posted)
    if posted in ("category", "queue", "rule", "level"):
        form = forms[f"{posted}_form"]
        if form.is_valid():  # type: ignore[attr-defined]
            try:
                _save_setting(request, posted, form.cleaned_data)  # type: ignore[attr-defined]
            except DomainError as error:
                apply_domain_error(form, error)  # type: ignore[arg-type]
            else:
                messages.success(request, _("The desk settings were saved."))
                return redirect("desk:settings")
    return render(request, "desk/settings.html", _settings_context(request, forms))


def _save_setting(request: AuthenticatedRequest, posted: str, data: dict[str, Any]) -> None:
    user = request.user
    institution = user.unit.institution if user.unit else None
    if institution is None:
        raise PermissionDenied
    if posted == "category":
        category_create(
            actor=user,
            institution=institution,
            name=data["name"],
            sort_order=data["sort_order"],
        )
    elif posted == "queue":
        queue_create(
            actor=user,
            division=data["division"],
            supervisor=data["supervisor"],
            manager=data["manager"],
        )
    elif posted == "rule":
        routing_rule_create(
            actor=user,
            institution=institution,
            queue=data["queue"],
            category=data["category"],
            source=data["source"],
        )
    else:
        service_level_set(
            actor=user,
            institution=institution,
            urgency=data["urgency"],
            category=data["category"],
            first_response_minutes=data["first_response_minutes"],
            resolution_minutes=data["resolution_minutes"],
            clock=data["clock"],
        )


@require_POST
def category_toggle_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(can_configure(request.user))
    category = get_object_or_404(
        InquiryCategory, pk=pk, institution_id=institution_id_of(request.user)
    )
    category_set_active(actor=request.user, category=category, is_active=not category.is_active)
    messages.success(request, _("The desk settings were saved."))
    return redirect("desk:settings")


@require_POST
def routing_rule_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(can_configure(request.user))
    rule = get_object_or_404(RoutingRule, pk=pk, institution_id=institution_id_of(request.user))
    routing_rule_delete(actor=request.user, rule=rule)
    messages.success(request, _("The desk settings were saved."))
    return redirect("desk:settings")


@require_POST
def service_level_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(can_configure(request.user))
    level = get_object_or_404(ServiceLevel, pk=pk, institution_id=institution_id_of(request.user))
    service_level_delete(actor=request.user, level=level)
    messages.success(request, _("The desk settings were saved."))
    return redirect("desk:settings")


@require_http_methods(["GET", "POST"])
def roster_view(request: AuthenticatedRequest) -> HttpResponse:
    """The on-duty roster (当番表) for a week, with holidays marked, and the form to add shifts."""
    user = request.user
    require(
        user.has_role(RoleChoices.RESPONDER, RoleChoices.SYSTEM_ADMIN),
        _("Only responders and administrators can open the roster."),
    )
    institution_id = institution_id_of(user)
    queues = roster_queues(user)
    may_edit = queues.exists()
    responders = responders_in(institution_id)
    form = ShiftForm(
        request.POST if request.method == "POST" else None,
        queues=queues,
        responders=responders,
        initial={"start_date": timezone.localdate()},
    )
    if request.method == "POST":
        require(
            may_edit, _("Only the division supervisor and administrators can change the roster.")
        )
        if form.is_valid():
            starts_at, ends_at = form.period()
            try:
                shifts = duty_shift_create(
                    actor=user,
                    queue=form.cleaned_data["queue"],
                    responder=form.cleaned_data["responder"],
                    starts_at=starts_at,
                    ends_at=ends_at,
                    repeat_days=form.cleaned_data["repeat_days"],
                )
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(
                    request, _("%(count)d shifts were added.") % {"count": len(shifts)}
                )
                return redirect("desk:roster")
    week_param = request.GET.get("week", "")
    try:
        first_day = date.fromisoformat(week_param[:10]) if week_param else None
    except ValueError:
        first_day = None
    first_day = first_day or timezone.localdate()
    first_day -= timedelta(days=first_day.weekday())
    days = [
        {
            "date": day.date,
            "business": is_business_day(day.date),
            "holiday": holiday_name(day.date),
            "shifts": day.shifts,
        }
        for day in roster_days(institution_id, first_day, ROSTER_DAYS)
    ]
    context = {
        "form": form if may_edit else None,
        "days": days,
        "previous_week": first_day - timedelta(days=7),
        "next_week": first_day + timedelta(days=7),
        "may_edit": may_edit,
    }
    return render(request, "desk/roster.html", context)


@require_POST
def shift_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(
        DutyShift, pk=pk, queue__division__institution_id=institution_id_of(request.user)
    )
    try:
        duty_shift_delete(actor=request.user, shift=shift)
    except AccessDenied as error:
        raise PermissionDenied(error.message) from error
    messages.success(request, _("The shift was removed."))
    return redirect("desk:roster")
