"""Pages of manuals: import, reading any version, stable section links, the comparison table
(HTML and PDF), and revision proposals through 起案 → 審査 → 決裁."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.errors import DomainError
from suishin.core.models import User
from suishin.core.selectors import get_visible_or_404
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import (
    apply_domain_error,
    message_domain_error,
    paginate,
    require,
)
from suishin.knowledge import selectors
from suishin.knowledge.access import can_draft, can_edit_manuals, can_handle_gaps
from suishin.knowledge.choices import GapStatusChoices, RevisionStatusChoices
from suishin.knowledge.comparison import compare, comparison_pdf
from suishin.knowledge.forms import (
    DecisionForm,
    ManualImportForm,
    ProposalForm,
    SectionAddForm,
    SectionChangeForm,
)
from suishin.knowledge.manual_import import MAX_UPLOAD_BYTES, too_large
from suishin.knowledge.models import KnowledgeGap, Manual, ManualVersion, RevisionProposal
from suishin.knowledge.questions import question_source
from suishin.knowledge.services.gaps import gap_dismiss, gap_mark_proposed, gap_to_article
from suishin.knowledge.services.manuals import manual_follow, manual_import
from suishin.knowledge.services.revisions import (
    proposal_add_section,
    proposal_change_section,
    proposal_create,
    proposal_decide,
    proposal_delete_section,
    proposal_discard_change,
    proposal_submit,
    proposal_withdraw,
)


def _manual(request: AuthenticatedRequest, pk: int) -> Manual:
    return get_visible_or_404(
        Manual.objects.select_related("organization", "current_version"), request.user, pk=pk
    )


def _version(manual: Manual, number: int) -> ManualVersion:
    version = manual.versions.filter(number=number).first()
    if version is None:
        raise Http404(_("No such version."))
    return version


def _institution_id(user: User) -> int | None:
    return user.unit.institution_id if user.unit else None


def manual_list_view(request: AuthenticatedRequest) -> HttpResponse:
    gap_id = request.GET.get("gap", "")
    gap = _gap(request, int(gap_id)) if gap_id.isdigit() and len(gap_id) < 10 else None
    context = {
        "page": paginate(request, selectors.manuals_for(request.user)),
        "can_import": can_edit_manuals(request.user, _institution_id(request.user)),
        "can_handle_gaps": can_handle_gaps(request.user),
        "waiting": selectors.waiting_for(request.user),
        "gap": selectors.gap_for(request.user, gap) if gap else None,
    }
    return render(request, "knowledge/manual_list.html", context)


@require_http_methods(["GET", "POST"])
def manual_import_view(request: AuthenticatedRequest) -> HttpResponse:
    require(can_edit_manuals(request.user, _institution_id(request.user)))
    posted = request.method == "POST"
    form = ManualImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise too_large()  # refused before the file is read into memory
            manual = manual_import(
                actor=request.user,
                title=data["title"],
                summary=data["summary"],
                file_name=upload.name,
                data=upload.read(),
                effective_date=data["effective_date"],
                classification=data["classification"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The manual was imported."))
            return redirect(manual)
    return render(request, "knowledge/manual_import.html", {"form": form})


def _version_page(
    request: AuthenticatedRequest, manual: Manual, version: ManualVersion
) -> HttpResponse:
    sections = list(selectors.sections_of(version))
    motivations = selectors.section_motivations(request.user, manual)
    for section in sections:
        section.motivations = motivations.get(section.key)  # type: ignore[attr-defined]
    context = {
        "manual": manual,
        "version": version,
        "sections": sections,
        "versions": manual.versions.order_by("-number"),
        "proposals": selectors.proposals_for(request.user, manual)[:20],
        "can_propose": can_edit_manuals(request.user, manual.organization.institution_id),
        "following": manual.followers.filter(pk=request.user.pk).exists(),
        "in_force": version.pk == manual.current_version_id,
    }
    return render(request, "knowledge/manual_detail.html", context)


def manual_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    manual = _manual(request, pk)
    version = manual.current_version or manual.versions.order_by("-number").first()
    if version is None:
        raise Http404(_("No such version."))
    return _version_page(request, manual, version)


def manual_version_view(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    manual = _manual(request, pk)
    return _version_page(request, manual, _version(manual, number))


def manual_section_view(request: AuthenticatedRequest, pk: int, key: str) -> HttpResponse:
    """The stable link of a section: the text the version in force has."""
    manual = _manual(request, pk)
    version = manual.current_version or manual.versions.order_by("-number").first()
    if version is None or not version.sections.filter(key=key).exists():
        raise Http404(_("That section is not in the version in force."))
    return redirect(f"{version.get_absolute_url()}#{key}")


@require_POST
def manual_follow_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    manual = _manual(request, pk)
    follow = request.POST.get("follow") == "1"
    manual_follow(actor=request.user, manual=manual, follow=follow)
    messages.success(
        request,
        _("You will be told when a revision takes effect.")
        if follow
        else _("You no longer follow this manual."),
    )
    return redirect(manual)


def _compared_versions(
    request: AuthenticatedRequest, manual: Manual
) -> tuple[ManualVersion, ManualVersion]:
    try:
        old_number = int(request.GET.get("old", "0"))
        new_number = int(request.GET.get("new", "0"))
    except ValueError as error:
        raise Http404(_("No such version.")) from error
    if not (0 < old_number < 100000 and 0 < new_number < 100000):
        latest = manual.versions.order_by("-number").first()
        if latest is None or latest.number < 2:
            raise Http404(_("The manual has only one version."))
        new_number, old_number = latest.number, latest.number - 1
    return _version(manual, old_number), _version(manual, new_number)


def manual_compare_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    manual = _manual(request, pk)
    old, new = _compared_versions(request, manual)
    context = {
        "manual": manual,
        "old": old,
        "new": new,
        "rows": compare(old, new),
        "versions": manual.versions.order_by("number"),
    }
    return render(request, "knowledge/manual_compare.html", context)


def manual_compare_pdf_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    manual = _manual(request, pk)
    old, new = _compared_versions(request, manual)
    title = _("%(title)s comparison table") % {"title": manual.title}
    pdf = comparison_pdf(
        title=title,
        old=old,
        new=new,
        date_style=request.user.date_style,
        created=timezone.now(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="comparison-{manual.pk}-v{old.number}-v{new.number}.pdf"'
    )
    return response


# --- Revision proposals ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def proposal_create_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    manual = _manual(request, pk)
    require(can_edit_manuals(request.user, manual.organization.institution_id))
    posted = request.method == "POST"
    # From a group of unanswered questions: they become the proposal's motivations.
    gap_id = (request.POST if posted else request.GET).get("gap", "")
    gap = _gap(request, int(gap_id)) if gap_id.isdigit() and len(gap_id) < 10 else None
    gap_title = selectors.gap_for(request.user, gap).title if gap else ""
    initial = {"title": gap_title[:200], "reason": _("Questions the desk received:")} if gap else {}
    form = ProposalForm(
        request.POST if posted else None,
        initial=initial,
        people=selectors.route_candidates(manual, drafter=request.user),
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        questions = selectors.gap_questions(request.user, gap) if gap else []
        source = question_source()
        source_type = source.type_key if source is not None else ""
        # Inquiries the drafter names by number: only those the drafter may read.
        named = source.readable(request.user, data["inquiries"]) if source else {}
        missing = [str(number) for number in data["inquiries"] if number not in named]
        if missing:
            form.add_error(
                "inquiries",
                _("No inquiry %(numbers)s that you may read was found.")
                % {"numbers": "、".join(missing)},
            )
            return render(
                request,
                "knowledge/proposal_form.html",
                {"form": form, "manual": manual, "gap": gap},
            )
        questions = list(dict.fromkeys([*questions, *named.values()]))
        try:
            proposal = proposal_create(
                actor=request.user,
                manual=manual,
                title=data["title"],
                reason=data["reason"],
                effective_date=data["effective_date"],
                reviewer=data["reviewer"],
                approver=data["approver"],
                motivations=[
                    (source_type, str(q.pk), q.subject, q.get_absolute_url()) for q in questions
                ],
            )
            if gap is not None:
                gap_mark_proposed(actor=request.user, gap=gap, url=proposal.get_absolute_url())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The proposal was created. Change the sections next."))
            return redirect(proposal)
    context = {"form": form, "manual": manual, "gap": gap}
    return render(request, "knowledge/proposal_form.html", context)


def _proposal(request: AuthenticatedRequest, pk: int) -> RevisionProposal:
    proposal = get_object_or_404(
        RevisionProposal.objects.select_related("manual__organization", "base_version"), pk=pk
    )
    # Readable exactly when its manual is.
    get_visible_or_404(Manual.objects.all(), request.user, pk=proposal.manual_id)
    return proposal


def proposal_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    base_sections = list(proposal.base_version.sections.all())
    changes = {change.key: change for change in proposal.changes.all()}
    user = request.user
    waiting = (
        proposal.status == RevisionStatusChoices.IN_REVIEW and user.pk == proposal.reviewer_id
    ) or (proposal.status == RevisionStatusChoices.IN_APPROVAL and user.pk == proposal.approver_id)
    context = {
        "proposal": proposal,
        "manual": proposal.manual,
        "sections": [(section, changes.get(section.key)) for section in base_sections],
        "additions": [c for c in changes.values() if c.change == "add"],
        "steps": proposal.steps.select_related("actor"),
        "motivations": selectors.motivations_for(user, proposal),
        "can_draft": can_draft(user, proposal),
        "waiting": waiting,
        "decision_form": DecisionForm(),
        "add_form": SectionAddForm(sections=[(s.key, s.title or s.key) for s in base_sections]),
    }
    return render(request, "knowledge/proposal_detail.html", context)


@require_http_methods(["GET", "POST"])
def proposal_section_view(request: AuthenticatedRequest, pk: int, key: str) -> HttpResponse:
    """Edit the proposed text of one section (the text in force shown beside it)."""
    proposal = _proposal(request, pk)
    require(can_draft(request.user, proposal))
    section = proposal.base_version.sections.filter(key=key).first()
    if section is None:
        raise Http404(_("That section is not in the version being revised."))
    existing = proposal.changes.filter(key=key).first()
    source = existing if existing and existing.change == "change" else section
    initial = {"label": source.label, "heading": source.heading, "body": source.body}
    form = SectionChangeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("delete") == "1":
                proposal_delete_section(actor=request.user, proposal=proposal, key=key)
            else:
                proposal_change_section(
                    actor=request.user,
                    proposal=proposal,
                    key=key,
                    label=data["label"],
                    heading=data["heading"],
                    body=data["body"],
                )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The change was kept in the proposal."))
            return redirect(proposal)
    context = {"proposal": proposal, "section": section, "form": form}
    return render(request, "knowledge/proposal_section.html", context)


@require_POST
def proposal_add_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    require(can_draft(request.user, proposal))
    sections = [(s.key, s.title or s.key) for s in proposal.base_version.sections.all()]
    form = SectionAddForm(request.POST, sections=sections)
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal_add_section(
                actor=request.user,
                proposal=proposal,
                after_key=data["after_key"],
                level=data["level"],
                label=data["label"],
                heading=data["heading"],
                body=data["body"],
            )
        except DomainError as error:
            message_domain_error(request, error)
        else:
            messages.success(request, _("The new section was added to the proposal."))
    else:
        messages.error(request, _("Check the new section."))
    return redirect(proposal)


@require_POST
def proposal_discard_view(request: AuthenticatedRequest, pk: int, key: str) -> HttpResponse:
    proposal = _proposal(request, pk)
    require(can_draft(request.user, proposal))
    change = get_object_or_404(proposal.changes, key=key)
    proposal_discard_change(actor=request.user, change=change)
    messages.success(request, _("The change was removed from the proposal."))
    return redirect(proposal)


@require_POST
def proposal_action_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Submit, withdraw, pass on or send back, as the button pressed says."""
    proposal = _proposal(request, pk)
    action = request.POST.get("action", "")
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        if action == "submit":
            proposal_submit(actor=request.user, proposal=proposal)
            messages.success(request, _("The proposal was sent for review."))
        elif action == "withdraw":
            proposal_withdraw(actor=request.user, proposal=proposal)
            messages.success(request, _("The proposal was withdrawn."))
        elif action in ("approve", "send_back"):
            proposal = proposal_decide(
                actor=request.user, proposal=proposal, approve=action == "approve", comment=comment
            )
            messages.success(
                request,
                _("The proposal was sent back to the drafter.")
                if action == "send_back"
                else _("The proposal was passed on.")
                if proposal.status != RevisionStatusChoices.APPROVED
                else _("The revision was approved and the new version made."),
            )
        else:
            messages.error(request, _("Choose what to do."))
    except DomainError as error:
        message_domain_error(request, error)
    return redirect(proposal)


# --- Gaps (改定候補) -----------------------------------------------------------------------------


def _gap(request: AuthenticatedRequest, pk: int) -> KnowledgeGap:
    require(can_handle_gaps(request.user))
    unit = request.user.unit
    return get_object_or_404(
        KnowledgeGap.objects.all(), pk=pk, institution_id=unit.institution_id if unit else None
    )


def gap_list_view(request: AuthenticatedRequest) -> HttpResponse:
    require(can_handle_gaps(request.user))
    unit = request.user.unit
    gaps = KnowledgeGap.objects.filter(
        institution_id=unit.institution_id if unit else None, status=GapStatusChoices.OPEN
    )
    rows = selectors.gaps_for(request.user, list(gaps[:50]))
    return render(request, "knowledge/gap_list.html", {"rows": rows})


@require_POST
def gap_article_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    gap = _gap(request, pk)
    try:
        article = gap_to_article(actor=request.user, gap=gap)
    except DomainError as error:
        message_domain_error(request, error)
        return redirect("knowledge:gap_list")
    messages.success(request, _("A draft article was made from the group. Write the answer."))
    return redirect("knowledge:article_edit", pk=article.pk)


@require_POST
def gap_dismiss_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    gap = _gap(request, pk)
    try:
        gap_dismiss(actor=request.user, gap=gap)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("The group was set aside."))
    return redirect("knowledge:gap_list")
