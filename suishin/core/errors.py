"""The one domain error type. Views show its message; the API maps it to one JSON format."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


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
    """Run model validation and turn Django's ValidationError into the domain error."""
    try:
        instance.full_clean(exclude=exclude)  # type: ignore[attr-defined]
    except ValidationError as error:
        raise InvalidInput.from_validation_error(error) from error
