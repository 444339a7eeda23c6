"""The auditor's view of the audit trail: filter, read, export as CSV."""

from __future__ import annotations

from itertools import chain
from typing import Any

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core import audit_chain
from suishin.core.audit_actions import action_label, object_type_label
from suishin.core.audit_chain import ChainBreak
from suishin.core.choices import RoleChoices
from suishin.core.exports import csv_response
from suishin.core.forms import AuditFilterForm
from suishin.core.models import AuditEntry
from suishin.core.selectors import audit_entries, visible_records
from suishin.core.services.audit import audit_log, audit_verify
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import paginate, require

CSV_COLUMNS = [
    "sequence",
    "occurred_at",
    "actor_username",
    "actor_roles",
    "organization_name",
    "action",
    "object_type",
    "object_id",
    "classification",
    "ip_address",
    "request_id",
    "entry_hash",
]


def _csv_header() -> list[str]:
    """The CSV's column names in the reader's language; the codes stay beside the names."""
    return [
        _("Number"),
        _("Time (JST)"),
        _("User name"),
        _("Roles"),
        _("Organization"),
        _("Action"),
        _("Action code"),
        _("Object type"),
        _("Object type code"),
        _("Object id"),
        _("Classification"),
        _("IP address"),
        _("Request id"),
        _("Entry hash"),
    ]


def _csv_row(entry: tuple[Any, ...]) -> list[Any]:
    (sequence, occurred_at, username, roles, organization, action, object_type, object_id,
     classification, ip_address, request_id, entry_hash) = entry  # fmt: skip
    return [
        sequence,
        # The time as the screen shows it (Japan time), to the second, as a spreadsheet reads it.
        timezone.localtime(occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
        username,
        roles,
        organization,
        action_label(action),
        action,
        object_type_label(object_type) if object_type else "",
        object_type,
        object_id,
        classification,
        ip_address,
        request_id,
        entry_hash,
    ]


def _filtered(request: AuthenticatedRequest) -> tuple[AuditFilterForm, QuerySet[AuditEntry]]:
    require(request.user.has_role(RoleChoices.AUDITOR))
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A filter refused is no filter dropped: the list shows the message, not everything.
        return form, AuditEntry.objects.none()
    filters = form.cleaned_data if form.is_bound else {}
    entries = audit_entries(
        request.user,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        action=filters.get("action", ""),
        username=filters.get("username", ""),
        object_type=filters.get("object_type", ""),
    )
    return form, entries


def _break_text(broken: ChainBreak) -> str:
    """What the auditor reads about a broken chain, in their language."""
    texts = {
        audit_chain.GAP: _(
            "entry %(n)s is not where the sequence expects it (entries are missing or out of order)"
        ),
        audit_chain.LINK: _("entry %(n)s does not link to the entry before it"),
        audit_chain.CONTENT: _("entry %(n)s was changed after it was written"),
        audit_chain.REWRITTEN: _("entry %(n)s differs from the one a signed checkpoint recorded"),
        audit_chain.MISSING: _(
            "entries %(n)s to %(last)s are missing (a signed checkpoint counted %(last)s)"
        ),
        audit_chain.CHECKPOINT_FILE: _("the checkpoint file was altered or cut"),
        audit_chain.CHECKPOINTS_LOST: _(
            "the checkpoint file is missing, although entry %(n)s records that checkpoints were started"
        ),
    }
    text = texts.get(broken.code, broken.reason)
    return text % {"n": broken.sequence, "last": broken.last} if "%(" in text else text


def audit_list_view(request: AuthenticatedRequest) -> HttpResponse:
    form, entries = _filtered(request)
    chain = audit_verify() if request.GET.get("verify") == "1" else None
    page = paginate(request, entries, per_page=50)
    query = request.GET.copy()
    query.pop("page", None)
    shown = list(page.object_list)
    records = visible_records(request.user, ((e.object_type, e.object_id) for e in shown))
    rows = [
        {
            "entry": entry,
            "action": action_label(entry.action),
            "object_type": object_type_label(entry.object_type) if entry.object_type else "",
            "url": _url_of(records.get((entry.object_type, entry.object_id))),
        }
        for entry in shown
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "hidden_query": [(k, v) for k, values in query.lists() for v in values if k != "verify"],
        "query": query.urlencode(),
        "chain": chain,
        "chain_problem": _break_text(chain.first_break) if chain and chain.first_break else "",
    }
    return render(request, "core/audit_list.html", context)


def audit_export_view(request: AuthenticatedRequest) -> HttpResponse | StreamingHttpResponse:
    form, entries = _filtered(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Correct the filters before exporting."))
        return redirect(f"{reverse('core:audit_list')}?{request.GET.urlencode()}")
    audit_log(
        actor=request.user,
        action="audit.exported",
        detail={"filters": sorted(k for k, v in request.GET.items() if v)},
    )
    rows = (
        _csv_row(entry)
        for entry in entries.order_by("sequence").values_list(*CSV_COLUMNS).iterator(2000)
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return csv_response(f"audit-{stamp}.csv", chain([_csv_header()], rows), stream=True)


def _url_of(record: Model | None) -> str:
    """Where the auditor opens a record the entry names, if it has a page and they may read it."""
    get_url = getattr(record, "get_absolute_url", None)
    return get_url() if get_url is not None else ""
