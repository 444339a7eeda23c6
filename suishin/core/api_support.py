"""What every app's API shares: authentication (session or token), scopes, the error format.

Error format (all 4xx answers):
    {"error": {"code": "validation_error", "message": "…", "fields": {"title": ["…"]}}}
``fields`` is present only for validation errors; a hidden record answers 404 exactly like a
missing one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.security import APIKeyCookie, HttpBearer

from suishin.core.choices import ApiScopeChoices
from suishin.core.converters import MAX_RECORD_ID
from suishin.core.errors import AccessDenied, DomainError
from suishin.core.services.audit import audit_log
from suishin.core.services.tokens import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer ssn_…`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The browser's session (htmx and page scripts), with Django's CSRF check on writes."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


def require_scope(request: HttpRequest, scope: str) -> None:
    """Tokens carry scopes; a browser session may do whatever its user may do."""
    api_token = getattr(request, "api_token", None)
    if api_token is None:
        return
    granted = set(api_token.scopes)
    if scope == ApiScopeChoices.READ and granted & {ApiScopeChoices.READ, ApiScopeChoices.WRITE}:
        return
    if scope in granted:
        return
    raise AccessDenied(_("This API token does not have the scope needed for this operation."))


def _error(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


_PYDANTIC_MESSAGES = {
    "missing": N_("This field is required."),
    "string_too_long": N_("The value is too long."),
    "string_too_short": N_("The value is too short."),
    # The same limits on an optional text type (``SingleLineText | None``) are reported so.
    "too_long": N_("The value is too long."),
    "too_short": N_("The value is too short."),
    "int_parsing": N_("Enter a whole number."),
    "int_type": N_("Enter a whole number."),
    "bool_parsing": N_("Enter true or false."),
    "enum": N_("Choose one of the allowed values."),
    "literal_error": N_("Choose one of the allowed values."),
    "greater_than_equal": N_("The value is too small."),
    "less_than_equal": N_("The value is too large."),
    "uuid_parsing": N_("Enter a valid identifier."),
    "date_from_datetime_parsing": N_("Enter a correct date."),
    "date_parsing": N_("Enter a correct date."),
    "json_invalid": N_("The request body is not valid JSON."),
    "model_attributes_type": N_("The request body must be a JSON object."),
    "dict_type": N_("The request body must be a JSON object."),
    "list_type": N_("Enter a list."),
    "control_characters": N_("Control characters (such as NUL) cannot be entered here."),
}


_SOURCES = ("body", "query", "path", "header", "cookie", "form", "file")
# The names views give their schema parameters (``payload: NoticeIn``, ``filters: Query[…]``,
# ``params: Query[…]``).
_PARAMETERS = ("payload", "filters", "params")


def _translated(error_type: str) -> str:
    message = _PYDANTIC_MESSAGES.get(error_type, N_("The value is not valid."))
    return _(message)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for item in exc.errors:
            location = [str(part) for part in item.get("loc", ())]
            # Drop where the value came from and the view's parameter name, keeping the field's
            # own path (a field may itself be called "body").
            if location[:1] and location[0] in _SOURCES:
                location = location[1:]
            if location[:1] and location[0] in _PARAMETERS:
                location = location[1:]
            fields.setdefault(".".join(location) or "__all__", []).append(
                _translated(item.get("type", ""))
            )
        message = _("The input has errors. Correct the fields shown and try again.")
        return api.create_response(
            request, _error(422, "validation_error", message, fields), status=422
        )

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        if isinstance(exc, AccessDenied):
            audit_log(actor=request.user, action="access.denied", detail={"api": True})
        return api.create_response(
            request,
            _error(exc.status_code, exc.code, exc.message, exc.fields),
            status=exc.status_code,
        )

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        body = _error(401, "not_authenticated", _("Sign in, or send a valid API token."))
        return api.create_response(request, body, status=401)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
        audit_log(actor=request.user, action="access.denied", detail={"api": True})
        body = _error(403, "permission_denied", _("You do not have permission for this operation."))
        return api.create_response(request, body, status=403)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Raised by the framework itself: a body that is not JSON (400) or a failed CSRF check
        # on a session write (403).
        if exc.status_code == 400:
            body = _error(400, "bad_request", _("The request body is not valid JSON."))
        else:
            code = "permission_denied" if exc.status_code == 403 else "invalid"
            body = _error(
                exc.status_code, code, _("The request was refused. Reload the page and try again.")
            )
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, _error(404, "not_found", _("Not found.")), status=404)


class BoundedPagination(LimitOffsetPagination):
    """Limit/offset paging with both numbers bounded, so no query string reaches the database
    as an integer it cannot hold."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_RECORD_ID // 2)
