"""The sharing page of an article: the request (every finding decided), the second person's
review (the findings beside the snapshot), and stopping the sharing. Inside the owning
institution only: the article is not visible to anyone else."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.choices import ReleaseStateChoices
from suishin.core.errors import DomainError
from suishin.core.masking import Finding
from suishin.core.selectors import get_visible_or_404
from suishin.core.services.releases import (
    release_confirm,
    release_return,
    second_person_problem,
)
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, message_domain_error, require
from suishin.knowledge import selectors
from suishin.knowledge.access import can_share
from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.forms import ShareForm, ShareReviewForm
from suishin.knowledge.models import CONTENT_FIELDS, Article
from suishin.knowledge.services.sharing import (
    FieldFinding,
    article_findings,
    article_share_request,
    article_share_stop,
    field_label,
    snapshots_of,
)


@dataclass(frozen=True)
class Segment:
    text: str
    finding: Finding | None = None


def _segments(text: str, findings: list[Finding]) -> list[Segment]:
    """The text cut around its findings, so the page can mark each one."""
    segments: list[Segment] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        segments.append(Segment(text[position : finding.start]))
        segments.append(Segment(text[finding.start : finding.end], finding))
        position = finding.end
    segments.append(Segment(text[position:]))
    return [segment for segment in segments if segment.text]


def _marked_fields(article: Article, findings: list[FieldFinding]) -> list[dict]:
    return [
        {
            "label": field_label(name),
            "segments": _segments(
                getattr(article, name), [f.finding for f in findings if f.field == name]
            ),
        }
        for name in CONTENT_FIELDS
        if getattr(article, name)
    ]


def _article(request: AuthenticatedRequest, pk: int) -> Article:
    article = selectors.article_for(request.user, pk)
    require(can_share(request.user, article))
    return article


@require_http_methods(["GET", "POST"])
def article_share_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The masking step and the request for a second person's confirmation."""
    article = _article(request, pk)
    findings = article_findings(article)
    keys = [item.key for item in findings]
    form = ShareForm(
        request.POST if request.method == "POST" else None,
        initial={"keep": keys, "version": article.version},
        finding_keys=keys,
        institution_id=article.organization.institution_id,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article_share_request(
                actor=request.user,
                article=article,
                expected_version=data["version"],
                shared_nationwide=data["shared_nationwide"],
                shared_organizations=data["shared_organizations"],
                masked_keys=data["keep"],
                unmasked_reasons=form.unmasked_reasons(),
                extra_phrases=form.extra_phrases(),
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The masked copy is waiting for a second publisher to confirm it."),
            )
            return redirect("knowledge:article_share", pk=article.pk)
    masked = set(form["keep"].value() or [])
    snapshots = list(snapshots_of(article)[:10])
    pending = next((s for s in snapshots if s.release_state == ReleaseStateChoices.PENDING), None)
    shared = next((s for s in snapshots if s.release_state == ReleaseStateChoices.SHARED), None)
    context = {
        "article": article,
        "form": form,
        "findings": [
            {
                "item": item,
                "checked": item.key in masked,
                "field": field_label(item.field),
                "reason": form[ShareForm.REASON_PREFIX + item.key],
            }
            for item in findings
        ],
        "is_validated": article.state == ArticleStateChoices.VALIDATED,
        "snapshots": snapshots,
        "pending": pending,
        "shared": shared,
        "marked_fields": _marked_fields(article, findings) if pending else [],
        "review_form": ShareReviewForm(initial={"sha256": pending.content_sha256})
        if pending
        else None,
        "review_problem": second_person_problem(request.user, pending) if pending else "",
    }
    return render(request, "knowledge/article_share.html", context)


@require_POST
def article_share_review_view(
    request: AuthenticatedRequest, pk: int, snapshot_pk: int
) -> HttpResponse:
    """The second person confirms the snapshot or sends it back."""
    article = _article(request, pk)
    snapshot = get_visible_or_404(snapshots_of(article), request.user, pk=snapshot_pk)
    form = ShareReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to confirm or to send back."))
        return redirect("knowledge:article_share", pk=article.pk)
    data = form.cleaned_data
    try:
        if data["decision"] == "confirm":
            release_confirm(actor=request.user, release=snapshot, expected_sha256=data["sha256"])
            messages.success(request, _("Confirmed: the masked copy is now shared."))
        else:
            release_return(actor=request.user, release=snapshot, comment=data["comment"])
            messages.success(request, _("The masked copy was sent back."))
    except DomainError as error:
        message_domain_error(request, error)
    return redirect("knowledge:article_share", pk=article.pk)


@require_POST
def article_share_stop_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    try:
        stopped = article_share_stop(actor=request.user, article=article)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        if stopped:
            messages.success(request, _("The article is no longer shared beyond the institution."))
    return redirect("knowledge:article_share", pk=article.pk)
