"""Pages of 横展開: publishing a case, the searchable catalogue, and a case with its questions,
bookmarks and adoptions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.choices import ReleaseStateChoices
from suishin.core.errors import DomainError
from suishin.core.selectors import get_visible_or_404, is_insider
from suishin.core.services.releases import (
    release_confirm,
    release_return,
    second_person_problem,
)
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import (
    apply_domain_error,
    message_domain_error,
    paginate,
    require,
)
from suishin.initiatives.access import can_author, can_run
from suishin.initiatives.forms import CaseAnswerForm, CasePublishForm, CaseQuestionForm
from suishin.initiatives.models import CaseBookmark, Initiative, SharedCase
from suishin.initiatives.selectors import (
    case_catalogue,
    cases_awaiting_confirmation,
    national_overview,
)
from suishin.initiatives.services.sharing import (
    adoption_chain,
    case_adopt,
    case_answer,
    case_ask,
    case_bookmark,
    case_publish,
    case_share_stop,
    masked_case_texts,
)
from suishin.search.selectors import search


@require_http_methods(["GET", "POST"])
def case_publish_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    initiative = get_visible_or_404(
        Initiative.objects.select_related("organization", "category"), request.user, pk=pk
    )
    require(can_run(request.user, initiative))
    initial = {"title": initiative.title, "summary": initiative.goal}
    latest = initiative.updates.first()
    if latest is not None and latest.effects:
        initial["lessons"] = latest.effects
    form = CasePublishForm(request.POST if request.method == "POST" else None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" not in request.POST:
            try:
                case = case_publish(actor=request.user, initiative=initiative, **data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("The case waits for the secretariat's confirmation before it is shared."),
                )
                return redirect(case)
        # The masked text: asked for first, or shown again with what refused the sharing.
        preview = masked_case_texts(
            initiative, title=data["title"], summary=data["summary"], lessons=data["lessons"]
        )
    context = {"initiative": initiative, "form": form, "preview": preview}
    return render(request, "initiatives/case_publish.html", context)


def case_catalogue_view(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    results = None
    page = None
    if query:
        results = search(request.user, query, types=["initiatives.case"], k=30)
    else:
        page = paginate(request, case_catalogue(request.user))
    overview = national_overview(request.user)
    awaiting = cases_awaiting_confirmation(request.user)
    context = {
        "query": query,
        "results": results,
        "page": page,
        "overview": overview,
        "awaiting": list(awaiting[:50]),
    }
    return render(request, "initiatives/case_catalogue.html", context)


def _case(request: AuthenticatedRequest, pk: int) -> SharedCase:
    return get_visible_or_404(
        SharedCase.objects.select_related("initiative__owner", "organization", "category"),
        request.user,
        pk=pk,
    )


def case_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    visible_cases = SharedCase.objects.visible_to(request.user)
    chain = [c for c in adoption_chain(case) if visible_cases.filter(pk=c.pk).exists()]
    owner_side = can_run(request.user, case.initiative)
    questions = case.questions.select_related("asked_by")
    if not owner_side:
        questions = questions.filter(asked_by=request.user)
    own_institution = is_insider(request.user, case)
    context = {
        "own_institution": own_institution,
        "review_problem": second_person_problem(request.user, case)
        if own_institution and case.release_state == ReleaseStateChoices.PENDING
        else "",
        "case": case,
        "chain": chain,
        "adoptions": Initiative.objects.visible_to(request.user).filter(adopted_from=case),
        "adoption_count": case.adoptions.count(),
        "bookmarked": CaseBookmark.objects.filter(case=case, user=request.user).exists(),
        "questions": questions,
        "owner_side": owner_side,
        "can_adopt": can_author(request.user) and not own_institution,
        "question_form": CaseQuestionForm(),
        "answer_form": CaseAnswerForm(),
    }
    return render(request, "initiatives/case_detail.html", context)


@require_POST
def case_action_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    case = _case(request, pk)
    try:
        if action == "bookmark":
            case_bookmark(actor=request.user, case=case, keep=request.POST.get("keep") == "1")
            messages.success(request, _("Your bookmarks were updated."))
        elif action == "ask":
            form = CaseQuestionForm(request.POST)
            if form.is_valid():
                case_ask(actor=request.user, case=case, question=form.cleaned_data["question"])
                messages.success(request, _("The question was sent to the owner."))
            else:
                messages.error(request, _("Write the question."))
        elif action == "confirm":
            release_confirm(
                actor=request.user, release=case, expected_sha256=request.POST.get("sha256", "")
            )
            messages.success(request, _("Confirmed: the case is now shared."))
        elif action == "return":
            release_return(
                actor=request.user, release=case, comment=request.POST.get("comment", "")
            )
            messages.success(request, _("The case was sent back."))
        elif action == "withdraw":
            if case_share_stop(actor=request.user, case=case):
                messages.success(request, _("The case is no longer shared."))
        elif action == "adopt":
            confirmed = request.POST.get("confirm") == "1"
            initiative = case_adopt(actor=request.user, case=case, confirmed=confirmed)
            messages.success(
                request, _("The case was adopted as an initiative of yours. Set its KPIs.")
            )
            return redirect(initiative)
        else:
            messages.error(request, _("Choose what to do."))
    except DomainError as error:
        message_domain_error(request, error)
    return redirect(case)


@require_POST
def case_answer_view(request: AuthenticatedRequest, pk: int, question_pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(can_run(request.user, case.initiative))
    question = get_object_or_404(case.questions, pk=question_pk)
    form = CaseAnswerForm(request.POST)
    try:
        if not form.is_valid():
            messages.error(request, _("Write the answer."))
        else:
            case_answer(actor=request.user, question=question, answer=form.cleaned_data["answer"])
            messages.success(request, _("The answer was sent."))
    except DomainError as error:
        message_domain_error(request, error)
    return redirect(case)
