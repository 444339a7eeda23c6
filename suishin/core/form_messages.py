"""Validation messages written for this product: each names the field and, where there is one,
the limit and what was typed (「件名は200文字以内で入力してください（現在 10,001 文字）。」).

Django's stock messages (「このフィールドは必須です。」, 「この値は 200 文字以下でなければなりま
せん」) know neither the field nor the reader. They are rewritten here, where every form shows
its errors (the field and the summary above the form), from each error's code and parameters;
a message a form or a service wrote itself is shown as it is.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from suishin.core.formats import format_number

_CHOOSING = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.SelectMultiple)


def field_messages(field: forms.BoundField) -> list[str]:
    """The messages to show for a bound field's errors, in the product's words."""
    return [_message(field, error) for error in field.errors.as_data()]


def _message(field: forms.BoundField, error: ValidationError) -> str:
    label = str(field.label or field.name)
    params: dict[str, Any] = dict(error.params or {})
    code = error.code
    text = " ".join(str(m) for m in error.messages)
    # A form that said it in its own words keeps them (「置換を確認し、チェックを入れてください。」).
    if code and _customised(field.field, code):
        return text
    if code == "required" or text == _("This field is required."):
        return _required(field, label)
    if code in ("max_length", "min_length"):
        limit = format_number(params.get("limit_value"))
        count = format_number(params.get("show_value"))
        if code == "max_length":
            return _("%(field)s must be %(limit)s characters or fewer (now %(count)s).") % {
                "field": label,
                "limit": limit,
                "count": count,
            }
        return _("%(field)s must be %(limit)s characters or more (now %(count)s).") % {
            "field": label,
            "limit": limit,
            "count": count,
        }
    if code == "max_value":
        return _("Enter %(field)s as %(limit)s or less.") % {
            "field": label,
            "limit": format_number(params.get("limit_value")),
        }
    if code == "min_value":
        return _("Enter %(field)s as %(limit)s or more.") % {
            "field": label,
            "limit": format_number(params.get("limit_value")),
        }
    if code == "invalid_choice":
        if params.get("value") not in (None, ""):
            return _("%(field)s: 「%(value)s」 is not in the list. Choose one from the list.") % {
                "field": label,
                "value": str(params["value"])[:50],
            }
        return _("Choose %(field)s from the list.") % {"field": label}
    if code in ("max_digits", "max_whole_digits"):
        return _("Enter %(field)s with %(max)s digits or fewer.") % {
            "field": label,
            "max": params.get("max"),
        }
    if code == "max_decimal_places":
        return _("Enter %(field)s with %(max)s decimal places or fewer.") % {
            "field": label,
            "max": params.get("max"),
        }
    if code == "invalid" and _is_stock(error):
        return _invalid(field.field, label)
    return text


def _customised(field: forms.Field, code: str) -> bool:
    defaults: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    own = field.error_messages.get(code)
    return own is not None and str(own) != str(defaults.get(code))


def _required(field: forms.BoundField, label: str) -> str:
    if isinstance(field.field, forms.FileField):
        return _("Attach %(field)s.") % {"field": label}
    if isinstance(field.field.widget, _CHOOSING):
        return _("Choose %(field)s.") % {"field": label}
    return _("Enter %(field)s.") % {"field": label}


def _invalid(field: forms.Field, label: str) -> str:
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return _("Enter %(field)s as a number.") % {"field": label}
    if isinstance(field, forms.EmailField):
        return _("Enter %(field)s as an e-mail address (e.g. name@example.jp).") % {"field": label}
    if isinstance(field, forms.URLField):
        return _("Enter %(field)s as a web address (e.g. https://example.jp/).") % {"field": label}
    if isinstance(field, forms.TimeField):
        return _("Enter %(field)s as a time (e.g. 17:15).") % {"field": label}
    return _("%(field)s is not in a form the product can read.") % {"field": label}


def _is_stock(error: ValidationError) -> bool:
    """Whether an ``invalid`` error is one of Django's own (a form's own keeps its words)."""
    stock = {
        str(message)
        for cls in (
            forms.IntegerField,
            forms.DecimalField,
            forms.FloatField,
            forms.EmailField,
            forms.URLField,
            forms.TimeField,
            forms.DateField,
            forms.DateTimeField,
            forms.FileField,
        )
        for key, message in cls.default_error_messages.items()
        if key == "invalid"
    }
    from django.core.validators import EmailValidator, URLValidator

    stock |= {str(EmailValidator.message), str(URLValidator.message)}
    return any(str(message) in stock for message in error.messages)
