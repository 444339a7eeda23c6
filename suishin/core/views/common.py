"""Small helpers shared by the views of every app."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from suishin.core.errors import AccessDenied, DomainError


def apply_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form: per field where it names fields, else on top.
    An access refusal is not a form problem: it becomes a 403 (and is audited there)."""
    if isinstance(error, AccessDenied):
        raise PermissionDenied(error.message) from error
    field_messages = [message for messages in error.fields.values() for message in messages]
    for name, messages in error.fields.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
    if error.message not in field_messages:
        form.add_error(None, error.message)


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = 25) -> Page:
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def require(condition: bool | Callable[[], bool], message: str = "") -> None:
    allowed = condition() if callable(condition) else condition
    if not allowed:
        raise PermissionDenied(message)


def message_domain_error(request: HttpRequest, error: DomainError) -> None:
    """A refusal of an action posted from a button (no form to redisplay): page messages, the
    general one and each field's. An access refusal becomes a 403, as on forms."""
    from django.contrib import messages

    if isinstance(error, AccessDenied):
        raise PermissionDenied(error.message) from error
    messages.error(request, error.message)
    for texts in error.fields.values():
        for text in texts:
            if text != error.message:
                messages.error(request, text)


def message_form_errors(request: HttpRequest, form: forms.Form, fallback: str = "") -> None:
    """A form posted from a page section that redirects back (no form to redisplay): each of
    its errors as a page message, or ``fallback`` when it names none."""
    from django.contrib import messages

    shown = [str(message) for errors in form.errors.values() for message in errors]
    for text in shown or ([fallback] if fallback else []):
        messages.error(request, text)
