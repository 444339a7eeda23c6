"""The user's own settings: display preferences, second factor, API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.errors import DomainError
from suishin.core.forms import ApiTokenForm, PreferencesForm, TotpForm
from suishin.core.middleware import SESSION_MFA_DONE
from suishin.core.models import ApiToken
from suishin.core.services.auth import (
    LoginRefused,
    totp_confirm_enrollment,
    totp_disable,
    totp_new_secret,
)
from suishin.core.services.tokens import api_token_create, api_token_revoke
from suishin.core.services.users import user_update_preferences
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.auth import enrollment_context
from suishin.core.views.common import apply_domain_error, message_domain_error

ACCOUNT_SECRET = "suishin_account_totp_secret"  # noqa: S105 - a session key name


@require_http_methods(["GET", "POST"])
def account_view(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial={"date_style": user.date_style, "language": user.language},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_update_preferences(
                actor=user,
                date_style=form.cleaned_data["date_style"],
                language=form.cleaned_data["language"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Your settings were saved."))
            return redirect("core:account")
    tokens = ApiToken.objects.filter(user=user)
    return render(
        request, "core/account.html", {"form": form, "tokens": tokens, "token_form": ApiTokenForm()}
    )


@require_http_methods(["GET", "POST"])
def account_mfa_view(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if user.has_totp:
        return redirect("core:account")
    secret = request.session.get(ACCOUNT_SECRET) or totp_new_secret()
    request.session[ACCOUNT_SECRET] = secret
    form = TotpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            totp_confirm_enrollment(user=user, secret=secret, code=form.cleaned_data["code"])
        except LoginRefused as refused:
            form.add_error("code", refused.message)
        else:
            request.session.pop(ACCOUNT_SECRET, None)
            request.session[SESSION_MFA_DONE] = True
            messages.success(request, _("Two-step verification is now on."))
            return redirect("core:account")
    return render(
        request, "core/account_mfa.html", {"form": form, **enrollment_context(user, secret)}
    )


@require_POST
def account_mfa_disable_view(request: AuthenticatedRequest) -> HttpResponse:
    try:
        totp_disable(actor=request.user, user=request.user)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("Two-step verification is now off."))
    return redirect("core:account")


@require_http_methods(["POST"])
def api_token_create_view(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    raw = None
    if form.is_valid():
        try:
            _token, raw = api_token_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                scopes=[form.cleaned_data["scope"]],
                days=form.cleaned_data["days"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
    if raw is None:
        tokens = ApiToken.objects.filter(user=request.user)
        prefs = PreferencesForm(
            initial={"date_style": request.user.date_style, "language": request.user.language}
        )
        return render(
            request,
            "core/account.html",
            {"form": prefs, "tokens": tokens, "token_form": form},
            status=422,
        )
    return render(request, "core/api_token_created.html", {"raw_token": raw})


@require_POST
def api_token_revoke_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("core:account")
