"""/favicon.ico: browsers and intranet proxies ask for it whatever a page says, so it answers
with the site's icon (a static file) instead of filling every log with 404s."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon_view(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Resolved per request: the static storage's hashed name is known only once collected.
    return HttpResponsePermanentRedirect(static("suishin/icons/favicon.svg"))
