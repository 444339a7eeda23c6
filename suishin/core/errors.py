"""The one domain error type. Views show its message; the API maps it to one JSON format."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from suishin.core.control_chars import has_control_characters


class DomainError(Exception):
    """A refused operation with a user-facing (translated) message and optional field errors."""

    status_code = 400
    code = "invalid"

    def __init__(
        self, message: str, *, fields: dict[str, list[str]] | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code


class InvalidInput(DomainError):
    status_code = 422
    code = "validation_error"

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> InvalidInput:
        if hasattr(error, "error_dict"):
            fields = {name: [str(m) for m in msgs] for name, msgs in error.message_dict.items()}
        else:
            fields = {"__all__": [str(m) for m in error.messages]}
        return cls(
            _("The input has errors. Correct the fields shown and try again."), fields=fields
        )


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class AccessDenied(DomainError):
    status_code = 403
    code = "permission_denied"


def clean_or_raise(instance: object, *, exclude: list[str] | None = None) -> None:
    """Run model validation and turn Django's ValidationError into the domain error. Text
    with characters no one types (NUL, other controls, direction overrides) is refused here
    too, whichever door it came through: a form, an import, the API."""
    try:
        instance.full_clean(exclude=exclude)  # type: ignore[attr-defined]
    except ValidationError as error:
        raise InvalidInput.from_validation_error(error) from error
    refused = [
        field.name
        for field in instance._meta.concrete_fields  # type: ignore[attr-defined]
        if isinstance(field, models.CharField | models.TextField)
        and isinstance(value := getattr(instance, field.attname, None), str)
        and has_control_characters(value, multiline=True)
    ]
    if refused:
        message = _("Control characters (such as NUL) cannot be entered here.")
        raise InvalidInput(
            _("The input has errors. Correct the fields shown and try again."),
            fields={name: [message] for name in refused},
        )
