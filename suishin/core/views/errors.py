"""Error pages in the site's own layout and language."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# How long a client should wait before trying again while the database is away: long enough
# for a failover or a restart, short enough that nobody gives up.
RETRY_AFTER_SECONDS = 30


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this inside the ``except`` block of an unhandled exception. A database that
    cannot be reached is not a fault of this code: the answer is 503 with Retry-After, logged
    as one warning line; anything else is the 500 page."""
    error = sys.exc_info()[1]
    if error is not None and database_unreachable(error):
        return database_unavailable(request, error)
    # No context processors: whatever failed may fail again while rendering them.
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)


# PostgreSQL: connection failures (class 08) and a server shutting down or starting up.
_UNREACHABLE_STATES = ("08", "57P01", "57P02", "57P03")
# SQLite: the file cannot be opened, or another writer held it past the busy timeout.
_UNREACHABLE_SQLITE = ("unable to open database file", "database is locked")


def database_unreachable(error: BaseException) -> bool:
    """Whether the database could not be reached (try again later), as opposed to a query
    that failed (a deadlock, a missing table, a bug), which stays a 500 with its traceback."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None)
    if state is not None:
        return str(state).startswith(_UNREACHABLE_STATES)
    if type(cause).__module__.startswith("psycopg"):
        return True  # no state at all: the connection itself failed
    return str(error).strip().lower() in _UNREACHABLE_SQLITE


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (expired page, cookies off): the site's own 403 page, which needs no
    inline style (Django's default page does, and the Content-Security-Policy refuses it)."""
    return render(request, "errors/csrf.html", status=403)


def database_unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    logger.warning(
        "database unavailable: %s %s answered 503 (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
    )
    response: HttpResponse
    if request.path_info.startswith("/api/"):
        message = _(
            "The service is temporarily unavailable. Nothing was saved. Try again in a moment."
        )
        response = JsonResponse(
            {"error": {"code": "service_unavailable", "message": message}}, status=503
        )
    else:
        # Rendered without a request: the page must not need the database it reports missing.
        response = HttpResponse(loader.get_template("errors/503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Django logs every 5xx it converts with the traceback; this one is expected and said once.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
