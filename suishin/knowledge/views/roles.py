"""KCS roles: the system administrator grants them to people of the institution."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from suishin.core.errors import DomainError
from suishin.core.selectors import people_of_institution
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import message_domain_error, paginate, require
from suishin.knowledge.access import can_grant_roles
from suishin.knowledge.choices import KnowledgeRoleChoices
from suishin.knowledge.forms import (
    KnowledgeRoleForm,
)
from suishin.knowledge.models import KnowledgeRole
from suishin.knowledge.services.roles import knowledge_role_set


@require_http_methods(["GET", "POST"])
def knowledge_roles_view(request: AuthenticatedRequest) -> HttpResponse:
    """System administrators grant the KCS roles of their institution's people."""
    require(can_grant_roles(request.user) and request.user.unit is not None)
    unit = request.user.unit
    assert unit is not None  # noqa: S101 — required above
    people = people_of_institution(unit.institution_id)
    if request.method == "POST":
        form = KnowledgeRoleForm(request.POST, people=people)
        if form.is_valid():
            try:
                knowledge_role_set(
                    actor=request.user,
                    user=form.cleaned_data["user"],
                    role=form.cleaned_data["role"],
                )
            except DomainError as error:
                message_domain_error(request, error)
            else:
                messages.success(request, _("The KCS role was saved."))
        else:
            messages.error(request, _("Choose a person and a KCS role."))
        return redirect("knowledge:roles")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        people = people.filter(Q(username__icontains=query) | Q(display_name__icontains=query))
    page = paginate(request, people.select_related("unit").order_by("unit__path", "username"))
    granted = dict(
        KnowledgeRole.objects.filter(
            institution_id=unit.institution_id, user__in=[p.pk for p in page.object_list]
        ).values_list("user_id", "role")
    )
    rows = [
        {"person": person, "role": granted.get(person.pk, KnowledgeRoleChoices.CANDIDATE)}
        for person in page.object_list
    ]
    context = {"page": page, "rows": rows, "roles": KnowledgeRoleChoices.choices, "query": query}
    return render(request, "knowledge/roles.html", context)
