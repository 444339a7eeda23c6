"""Knowledge articles: list, page, writing, states, flags and the versions' differences."""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.choices import ReleaseStateChoices
from suishin.core.errors import AccessDenied, DomainError
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import apply_domain_error, message_domain_error, paginate, require
from suishin.knowledge import selectors
from suishin.knowledge.access import allowed_states, can_edit, can_handle_gaps, can_share
from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.forms import (
    ArticleFilterForm,
    ArticleForm,
    FlagForm,
    ResolveFlagForm,
    StateForm,
)
from suishin.knowledge.health import checklist, content_score
from suishin.knowledge.models import CONTENT_FIELDS, Article, ArticleVersion
from suishin.knowledge.services.articles import article_change_state, article_create, article_update
from suishin.knowledge.services.flags import article_flag, article_flag_resolve
from suishin.knowledge.services.sharing import snapshots_of

# A copy that reaches, or is about to reach, other institutions.
OUTSIDE_STATES = (ReleaseStateChoices.SHARED, ReleaseStateChoices.PENDING)


def _article(request: AuthenticatedRequest, pk: int) -> Article:
    return selectors.article_for(request.user, pk)


def article_list_view(request: AuthenticatedRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET or None)
    filters = selectors.ArticleFilter()
    if form.is_valid():
        filters = selectors.ArticleFilter(**form.cleaned_data)
    page = paginate(request, selectors.articles_for(request.user, filters))
    context = {
        "form": form,
        "page": page,
        "health_counts": selectors.health_counts(request.user) if request.user.unit else {},
        "can_handle_gaps": can_handle_gaps(request.user),
    }
    return render(request, "knowledge/article_list.html", context)


def article_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    items = checklist(article)
    context = {
        "article": article,
        "checklist": items,
        "score": content_score(items),
        "reuse": selectors.reuse_of(article),
        "versions": selectors.versions_of(article)[:20],
        "flags": selectors.flags_of(article),
        "can_edit": can_edit(request.user, article),
        "states": [ArticleStateChoices(state) for state in allowed_states(request.user, article)],
        "can_share": can_share(request.user, article),
        "snapshots": snapshots_of(article)[:5],
        "flag_form": FlagForm(),
    }
    return render(request, "knowledge/article_detail.html", context)


def _content(data: dict) -> dict:
    return {
        name: data[name]
        for name in (*CONTENT_FIELDS, "category", "search_words", "classification", "review_due")
    }


@require_http_methods(["GET", "POST"])
def article_create_view(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user.unit is not None)
    form = ArticleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            article = article_create(actor=request.user, **_content(form.cleaned_data))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The article was saved as work in progress."))
            return redirect(article)
    return render(request, "knowledge/article_form.html", {"form": form, "article": None})


@require_http_methods(["GET", "POST"])
def article_edit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    require(can_edit(request.user, article))
    initial = {
        **{name: getattr(article, name) for name in CONTENT_FIELDS},
        "category": article.category,
        "search_words": article.search_words,
        "classification": article.classification,
        "review_due": article.review_due,
        "version": article.version,
    }
    form = ArticleForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        was_outside = snapshots_of(article).filter(release_state__in=OUTSIDE_STATES).exists()
        try:
            article = article_update(
                actor=request.user,
                article=article,
                expected_version=data["version"] or 0,
                note=data["note"],
                **_content(data),
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The article was saved."))
            if (
                was_outside
                and not snapshots_of(article).filter(release_state__in=OUTSIDE_STATES).exists()
            ):
                messages.warning(
                    request,
                    _(
                        "Its copy shared beyond the institution was withdrawn: the new text must "
                        "be checked and confirmed again (共有と個人情報)."
                    ),
                )
            return redirect(article)
    return render(request, "knowledge/article_form.html", {"form": form, "article": article})


@require_POST
def article_state_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    require(bool(allowed_states(request.user, article)))
    form = StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a state."))
        return redirect(article)
    try:
        article = article_change_state(
            actor=request.user, article=article, state=form.cleaned_data["state"]
        )
    except AccessDenied as error:
        # The page offered this move, which the user's KCS role allowed from the state shown;
        # another editor changed the article since. A clash between two editors, not an
        # attempt at what the user may not do: said on the article, not as a 403.
        messages.error(request, error.message)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(
            request, _("The article is now %(state)s.") % {"state": article.get_state_display()}
        )
    return redirect(article)


@require_POST
def article_flag_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    form = FlagForm(request.POST)
    if form.is_valid():
        try:
            article_flag(actor=request.user, article=article, reason=form.cleaned_data["reason"])
        except DomainError as error:
            message_domain_error(request, error)
        else:
            messages.success(request, _("Thank you. The flag was sent to the article's owner."))
            return redirect(article.get_absolute_url() + "#flags")
    else:
        messages.error(request, _("Say what is wrong or unclear."))
    return redirect(article.get_absolute_url() + "#flags")


@require_POST
def article_flag_resolve_view(request: AuthenticatedRequest, pk: int, flag_pk: int) -> HttpResponse:
    article = _article(request, pk)
    flag = get_object_or_404(article.flags, pk=flag_pk)
    require(can_edit(request.user, article) or article.created_by_id == request.user.pk)
    form = ResolveFlagForm(request.POST)
    resolution = form.cleaned_data["resolution"] if form.is_valid() else ""
    try:
        article_flag_resolve(actor=request.user, flag=flag, resolution=resolution)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("The flag was resolved."))
    return redirect(article.get_absolute_url() + "#flags")


def _label(name: str) -> str:
    return str(Article._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def _version(article: Article, number: int) -> ArticleVersion:
    version = article.versions.filter(number=number).first()
    if version is None:
        raise Http404(_("No such version."))
    return version


def article_diff_view(request: AuthenticatedRequest, pk: int, old: int, new: int) -> HttpResponse:
    """What changed between two versions, field by field, line by line."""
    article = _article(request, pk)
    before, after = _version(article, old), _version(article, new)
    fields = []
    for name in CONTENT_FIELDS:
        old_lines = getattr(before, name).splitlines()
        new_lines = getattr(after, name).splitlines()
        if old_lines == new_lines:
            continue
        rows = []
        for line in difflib.ndiff(old_lines, new_lines):
            if line.startswith("? "):
                continue
            rows.append({"mark": line[:1], "text": line[2:]})
        fields.append({"label": _label(name), "rows": rows})
    context = {"article": article, "before": before, "after": after, "fields": fields}
    return render(request, "knowledge/article_diff.html", context)
