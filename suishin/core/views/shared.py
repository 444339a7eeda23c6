"""Snapshots shared beyond their institution: the only thing an outside reader gets of them."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from suishin.core.releases import get as release_rule
from suishin.core.selectors import is_insider, shared_snapshot_for, shared_snapshots_for
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import paginate


def shared_list_view(request: AuthenticatedRequest) -> HttpResponse:
    page = paginate(request, shared_snapshots_for(request.user))
    return render(request, "core/shared_list.html", {"page": page})


def shared_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    snapshot = shared_snapshot_for(request.user, pk)
    insider = is_insider(request.user, snapshot)
    rule = release_rule(snapshot.source_type)
    context = {
        "snapshot": snapshot,
        "insider": insider,
        # Only the owning institution is led back to the source and its review.
        "review_url": rule.review_url(snapshot) if insider and rule else "",
        "kind_label": rule.label if rule else "",
    }
    return render(request, "core/shared_detail.html", context)
