"""Sign-in in up to two steps (password, then TOTP), first-time TOTP enrollment, sign-out."""

from __future__ import annotations

import time

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from suishin.core.auth_backend import BACKEND_PATH
from suishin.core.forms import LoginForm, TotpForm
from suishin.core.middleware import SESSION_LAST_SEEN, SESSION_MFA_DONE
from suishin.core.models import User
from suishin.core.services.auth import (
    FailuresSinceLastSignIn,
    LoginRefused,
    auth_check_password,
    auth_record_login,
    auth_record_logout,
    totp_confirm_enrollment,
    totp_new_secret,
    totp_provisioning_uri,
    totp_verify,
)
from suishin.core.wareki import format_date

PENDING_USER = "suishin_pending_user"
PENDING_SECRET = "suishin_pending_totp_secret"  # noqa: S105 - a session key name
PENDING_NEXT = "suishin_pending_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return "/"


def _complete_login(request: HttpRequest, user: User, *, method: str) -> HttpResponse:
    next_url = request.session.pop(PENDING_NEXT, "/")
    request.session.pop(PENDING_USER, None)
    request.session.pop(PENDING_SECRET, None)
    login(request, user, backend=BACKEND_PATH)
    request.session[SESSION_MFA_DONE] = method != "password"
    request.session[SESSION_LAST_SEEN] = int(time.time())
    failures = auth_record_login(user=user, method=method)
    if failures is not None:
        messages.warning(request, _failures_notice(failures, user))
    return redirect(next_url)


def _failures_notice(failures: FailuresSinceLastSignIn, user: User) -> str:
    """Told once, on the first page after signing in."""
    text = ngettext(
        "Since your last sign-in, signing in to your account failed %(count)s time.",
        "Since your last sign-in, signing in to your account failed %(count)s times.",
        failures.count,
    ) % {"count": failures.count}
    if failures.last_at is not None:
        local = timezone.localtime(failures.last_at)
        day = format_date(local.date(), user.date_style)
        text += _(" The last attempt was on %(when)s from %(address)s.") % {
            "when": f"{day} {local:%H:%M}",
            "address": failures.last_address or "-",
        }
    return text + _(" If it was not you, tell your system administrator.")


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, is_active=True).select_related("unit").first()


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            user = auth_check_password(
                username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
        except LoginRefused as refused:
            error = refused.message
        else:
            request.session.cycle_key()
            request.session[PENDING_NEXT] = _safe_next(request, request.GET.get("next"))
            if not user.requires_mfa:
                return _complete_login(request, user, method="password")
            request.session[PENDING_USER] = user.pk
            return redirect("core:login_verify" if user.has_totp else "core:login_enroll")
    timed_out = request.GET.get("timeout") == "1"
    return render(
        request, "core/login.html", {"form": form, "error": error, "timed_out": timed_out}
    )


@require_http_methods(["GET", "POST"])
def login_verify_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None or not user.has_totp:
        return redirect("core:login")
    form = TotpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            totp_verify(user=user, code=form.cleaned_data["code"])
        except LoginRefused as refused:
            form.add_error("code", refused.message)
        else:
            return _complete_login(request, user, method="totp")
    return render(request, "core/login_verify.html", {"form": form})


@require_http_methods(["GET", "POST"])
def login_enroll_view(request: HttpRequest) -> HttpResponse:
    """Privileged users without a second factor set one up before their first sign-in."""
    user = _pending_user(request)
    if user is None or user.has_totp:
        return redirect("core:login")
    secret = request.session.get(PENDING_SECRET) or totp_new_secret()
    request.session[PENDING_SECRET] = secret
    form = TotpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            totp_confirm_enrollment(user=user, secret=secret, code=form.cleaned_data["code"])
        except LoginRefused as refused:
            form.add_error("code", refused.message)
        else:
            return _complete_login(request, user, method="totp")
    return render(
        request, "core/login_enroll.html", {"form": form, **enrollment_context(user, secret)}
    )


def enrollment_context(user: User, secret: str) -> dict[str, str]:
    uri = totp_provisioning_uri(user=user, secret=secret)
    svg = segno.make(uri, error="m").svg_data_uri(scale=4, border=2)
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return {
        "qr_data_uri": svg,
        "secret_grouped": grouped,
        "qr_alt": _("QR code for the authenticator app"),
    }


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated:
        auth_record_logout(user=user)
    logout(request)
    return redirect("core:login")
