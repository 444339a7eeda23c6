"""Forms: parse and validate input for the views; the services hold the rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import (
    INSTITUTION_KINDS,
    ApiScopeChoices,
    ClassificationChoices,
    DateStyleChoices,
)
from suishin.core.converters import MAX_RECORD_ID
from suishin.core.date_range import EARLIEST, LATEST, date_range_message
from suishin.core.models import Organization, User


class DateFieldsWidget(forms.MultiWidget):
    """Year / month / day as three numeric text fields, as the design system's date input."""

    template_name = "core/widgets/date_fields.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        numeric = {"inputmode": "numeric", "autocomplete": "off"}
        widgets = [
            forms.TextInput(attrs={**numeric, "size": 4, "maxlength": 4}),
            forms.TextInput(attrs={**numeric, "size": 2, "maxlength": 2}),
            forms.TextInput(attrs={**numeric, "size": 2, "maxlength": 2}),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.year, value.month, value.day]
        return [None, None, None]


def _year_out_of_range(value: Any) -> bool:
    """A year written as a number but outside the years a record may carry."""
    year = str((value or [""])[0]).strip()
    return year.isascii() and year.isdigit() and not EARLIEST.year <= int(year) <= LATEST.year


class DateFieldsField(forms.MultiValueField):
    widget = DateFieldsWidget
    default_error_messages = {"invalid": _("Enter a correct date.")}

    def __init__(self, **kwargs: Any) -> None:
        fields = (
            forms.IntegerField(min_value=EARLIEST.year, max_value=LATEST.year),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1, max_value=31),
        )
        kwargs.setdefault("require_all_fields", False)
        kwargs.setdefault(
            "help_text", _("Enter the date in the western calendar, e.g. 2021年09月01日.")
        )
        super().__init__(fields, **kwargs)

    def clean(self, value: Any) -> date | None:
        # Any malformed part is the same mistake to the user: one message, never three.
        try:
            return super().clean(value)
        except ValidationError as error:
            if self.required and not any(value or []):
                raise
            if _year_out_of_range(value):
                raise ValidationError(date_range_message(), code="out_of_range") from error
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def compress(self, data_list: list[Any]) -> date | None:
        if not data_list or all(part in (None, "") for part in data_list):
            return None
        if any(part in (None, "") for part in data_list):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return date(*data_list)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TotpForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code"),
        max_length=12,
        help_text=_("Enter the code shown in your authenticator app."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class PreferencesForm(forms.Form):
    date_style = forms.ChoiceField(
        label=_("Date display"), choices=DateStyleChoices.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("ja", "日本語"), ("en", "English")], widget=forms.RadioSelect
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the system that will use it."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=ApiScopeChoices.choices,
        widget=forms.RadioSelect,
        initial=ApiScopeChoices.READ,
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=90)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices of a model choice list, read by one ordinary query.

    Django reads them with ``QuerySet.iterator()``, which on PostgreSQL streams through a
    server-side cursor: declaring, fetching from and closing it took three round trips, and
    more time than the query, for lists a few dozen names long (the responders an inquiry can
    be assigned to). The rows are kept with the field's query set, so a list drawn twice is
    read once."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for record in self.queryset:
            yield self.choice(record)


class ModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ListedChoiceIterator


class RecordChoiceField(ModelMultipleChoiceField):
    """A multiple choice of records whose submitted ids are checked to be ids before the query."""

    def _check_values(self, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else [value]:
            text = str(item)
            if not text.isdigit() or not 0 < int(text) <= MAX_RECORD_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super()._check_values(value)  # type: ignore[misc]


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Body"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    classification = forms.TypedChoiceField(
        label=_("Classification"),
        choices=ClassificationChoices.choices,
        coerce=int,
        initial=ClassificationChoices.INTERNAL,
        widget=forms.RadioSelect,
        help_text=_("Classification 3 is read only by the people named below."),
    )
    shared_nationwide = forms.BooleanField(label=_("Share nationwide"), required=False)
    shared_organizations = RecordChoiceField(
        label=_("Also share with"),
        queryset=Organization.objects.filter(kind__in=INSTITUTION_KINDS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    named_readers = forms.CharField(
        label=_("Named readers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For classification 3: user names, separated by spaces or new lines."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, images, Word, Excel, PowerPoint or text files."),
    )

    def clean_named_readers(self) -> list[User]:
        names = sorted(set(self.cleaned_data.get("named_readers", "").split()))
        users = list(User.objects.filter(username__in=names, is_active=True))
        unknown = sorted(set(names) - {user.username for user in users})
        if unknown:
            raise ValidationError(
                _("These user names were not found: %(names)s") % {"names": "、".join(unknown)}
            )
        return users


class AuditFilterForm(forms.Form):
    date_from = DateFieldsField(label=_("From"), required=False)
    date_to = DateFieldsField(label=_("To"), required=False)
    action = forms.CharField(label=_("Action"), max_length=64, required=False)
    username = forms.CharField(label=_("User name"), max_length=150, required=False)
    object_type = forms.CharField(label=_("Object type"), max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Enter an end date on or after the start date."))
        return cleaned
