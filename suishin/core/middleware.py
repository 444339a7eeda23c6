"""Request-wide concerns: request id and client address, session security, sign-in, audit of
refusals. Business rules stay in services."""

from __future__ import annotations

import ipaddress
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation

from suishin.core import context
from suishin.core.services.audit import audit_log

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

Handler = Callable[[HttpRequest], HttpResponse]


def client_address(request: HttpRequest) -> str | None:
    """The client's address. Behind ``SUISHIN_TRUSTED_PROXY_HOPS`` reverse proxies (each of
    which appends the address it received from to X-Forwarded-For), the entry that the
    outermost trusted proxy wrote; anything a client wrote itself lies further left and is
    ignored. Whatever is not an IP address is not believed."""
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.SUISHIN_TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    if len(forwarded) < hops or not forwarded[-hops]:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote


class RequestContextMiddleware:
    """Give every request an id (or keep a well-formed one from the proxy) and bind it and the
    client address for audit entries and log lines."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        ip = client_address(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        token = context.bind(context.RequestContext(request_id=request_id, ip_address=ip or None))
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request_id
        return response


SESSION_LAST_SEEN = "suishin_last_seen"
SESSION_MFA_DONE = "suishin_mfa_done"
LAST_SEEN_RESOLUTION = 60


class SessionSecurityMiddleware:
    """End idle sessions, and sessions of users who now need a second factor they did not pass
    (for example after being given a privileged role)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and request.session.session_key:
            now = int(time.time())
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            idle_limit = settings.SUISHIN_IDLE_TIMEOUT_MINUTES * 60
            if now - last_seen > idle_limit or not user.is_active:
                logout(request)
                return redirect(f"{settings.LOGIN_URL_PATH}?timeout=1")
            if user.requires_mfa and not request.session.get(SESSION_MFA_DONE):
                logout(request)
                return redirect(settings.LOGIN_URL_PATH)
            # Rewritten at most once a minute: saving the session on every request would make
            # each page view (and each self-refreshing list) a database write.
            if now - last_seen >= LAST_SEEN_RESOLUTION or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user's chosen language wins over the browser's."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


# URL names reachable without signing in.
PUBLIC_URL_NAMES = frozenset(
    {
        "core:login",
        "core:login_verify",
        "core:login_enroll",
        "core:healthz",
        "core:favicon",
        "core:set_language",
    }
)


class LoginRequiredMiddleware:
    """Pages are for signed-in users only, except the few named above; the API authenticates
    by itself (session or token) and answers 401 in JSON."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def process_view(
        self, request: HttpRequest, view_func: object, args: object, kwargs: object
    ) -> HttpResponse | None:
        if request.user.is_authenticated:
            return None
        path = request.path_info
        if path.startswith(("/api/", settings.STATIC_URL)):
            return None
        try:
            view_name = resolve(path).view_name
        except Resolver404:
            return None
        if view_name in PUBLIC_URL_NAMES:
            return None
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL_PATH)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


class PermissionDeniedAuditMiddleware:
    """Every refused action is audited, whichever view refused it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            audit_log(
                actor=request.user,
                action="access.denied",
                detail={"path_name": _view_name(request)},
            )


def _view_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


class ContentSecurityPolicyMiddleware:
    """Every HTML answer carries the Content-Security-Policy of ``SUISHIN_CSP``: scripts and
    styles only from this site's own files, nothing inline, no frames, forms posting only
    here. A response that sets its own policy (an uploaded file: sandboxed) keeps it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            response["Content-Security-Policy"] = settings.SUISHIN_CSP
        return response
