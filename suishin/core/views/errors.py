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
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request, error)
    # No context processors: whatever failed may fail again while rendering them.
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)


def database_unavailable(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.warning(
        "database unavailable: %s %s answered 503 (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
    )
    response: HttpResponse
    if request.path.startswith("/api/"):
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
