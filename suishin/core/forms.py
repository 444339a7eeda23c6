"""Forms: parse and validate input for the views; the services hold the rules."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
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
from suishin.core.wareki import ERAS, era_year

WESTERN = "western"
# The era select's choices: the western calendar, then the eras newest first.
ERA_CHOICES = [(WESTERN, _("Western calendar")), *[(name, name) for _start, name in ERAS]]


class DateFieldsWidget(forms.MultiWidget):
    """An era (西暦, 令和, 平成 …), then year / month / day as numeric text fields: the design
    system's date input with the 和暦 its users write. The era offered first follows the
    reader's preference (``date_style``, passed in by the ``widget`` template tag)."""

    template_name = "core/widgets/date_fields.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        numeric = {"inputmode": "numeric", "autocomplete": "off"}
        # Named so that the parts keep their names (start_date_0 … _2) and the era is _era.
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "era": forms.Select(choices=ERA_CHOICES),
            "0": forms.TextInput(attrs={**numeric, "size": 4, "maxlength": 4}),
            "1": forms.TextInput(attrs={**numeric, "size": 2, "maxlength": 2}),
            "2": forms.TextInput(attrs={**numeric, "size": 2, "maxlength": 2}),
        }
        super().__init__(widgets, attrs)
        self.date_style = DateStyleChoices.WESTERN

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = dict(attrs or {})
        self.date_style = attrs.pop("date_style", self.date_style)
        context = super().get_context(name, value, attrs)
        # Django numbers the parts' ids by position; they follow the names instead, so the
        # year stays id_…_0 as its name stays …_0.
        base = context["widget"]["attrs"].get("id")
        if base:
            names: list[str] = self.widgets_names  # type: ignore[attr-defined]  # MultiWidget's
            for suffix, part in zip(names, context["widget"]["subwidgets"], strict=True):
                part["attrs"]["id"] = f"{base}{suffix}"
        return context

    def decompress(self, value: Any) -> list[Any]:
        era_first = self.date_style == DateStyleChoices.JAPANESE_ERA
        if not isinstance(value, date):
            return [ERAS[0][1] if era_first else WESTERN, None, None, None]
        if era_first and (era := era_year(value)) is not None:
            return [era[0], era[1], value.month, value.day]
        return [WESTERN, value.year, value.month, value.day]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[Any]:
        era, year, month, day = super().value_from_datadict(data, files, name)
        return [era or WESTERN, year, month, day]  # a form sent without the era: western


class DateFieldsField(forms.Field):
    """A date from an era, a year, a month and a day; every mistake is said in its own words
    (「2月30日は存在しません。」, 「令和元年は5月1日からです。」)."""

    widget = DateFieldsWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            _(
                "Choose the era and enter the year, month and day as numbers (e.g. 令和3年9月1日)."
                " For the western calendar choose “Western calendar”."
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value  # an initial value
        era, year, month, day = (list(value or []) + [None] * 4)[:4]
        # Full-width digits (２０２５) are what a Japanese input method often types.
        parts = [
            unicodedata.normalize("NFKC", str(part or "")).strip() for part in (year, month, day)
        ]
        if not any(parts):
            return None
        return date_from_parts(str(era or WESTERN), *parts)


def date_from_parts(era: str, year: str, month: str, day: str) -> date:
    """The date an era and three typed numbers name, or ValidationError saying what is wrong."""
    if not all((year, month, day)):
        raise ValidationError(_("Enter the year, the month and the day."), code="incomplete")
    era_number = "1" if era != WESTERN and year == "元" else year
    if not all(part.isascii() and part.isdigit() for part in (era_number, month, day)):
        raise ValidationError(
            _("Enter the year, the month and the day as numbers."), code="invalid"
        )
    if len(era_number) > 4 or len(month) > 2 or len(day) > 2:
        # Longer than any date's parts (a link can carry anything): never converted.
        raise ValidationError(date_range_message(), code="out_of_range")
    number, month_number, day_number = int(era_number), int(month), int(day)
    if era == WESTERN:
        western_year = number
    else:
        western_year = _western_year(era, number)
    if not 1 <= month_number <= 12:
        raise ValidationError(_("Enter a month from 1 to 12."), code="invalid")
    try:
        value = date(western_year, month_number, day_number)
    except (ValueError, OverflowError) as error:
        if not EARLIEST.year <= western_year <= LATEST.year:
            raise ValidationError(date_range_message(), code="out_of_range") from error
        message = _("%(month)s月%(day)s日 does not exist.") % {
            "month": month_number,
            "day": day_number,
        }
        if month_number == 2 and day_number == 29:
            message = _("%(month)s月%(day)s日 does not exist (%(year)s is not a leap year).") % {
                "month": month_number,
                "day": day_number,
                "year": f"{western_year}年",
            }
        raise ValidationError(message, code="no_such_day") from error
    if era != WESTERN:
        _require_within_era(era, number, value)
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(date_range_message(), code="out_of_range")
    return value


def _era_span(era: str) -> tuple[date, date | None]:
    """The first day of ``era`` and the last (None for the era in force)."""
    names = [name for _start, name in ERAS]
    if era not in names:
        raise ValidationError(_("Choose an era from the list."), code="invalid_choice")
    index = names.index(era)
    first = ERAS[index][0]
    last = ERAS[index - 1][0] - timedelta(days=1) if index > 0 else None
    return first, last


def _western_year(era: str, number: int) -> int:
    first, last = _era_span(era)
    last_year = (last.year if last else LATEST.year) - first.year + 1
    if not 1 <= number <= last_year:
        raise ValidationError(
            _(
                "Enter the year of %(era)s from 1 (元年) to %(last)s. For a western year choose"
                " “Western calendar”."
            )
            % {"era": era, "last": last_year},
            code="out_of_era",
        )
    return first.year + number - 1


def _require_within_era(era: str, number: int, value: date) -> None:
    first, last = _era_span(era)
    year = "元" if number == 1 else str(number)
    if value < first:
        raise ValidationError(
            _("%(era)s%(year)s年 begins on %(month)s月%(day)s日.")
            % {"era": era, "year": year, "month": first.month, "day": first.day},
            code="out_of_era",
        )
    if last is not None and value > last:
        raise ValidationError(
            _("%(era)s%(year)s年 ends on %(month)s月%(day)s日.")
            % {"era": era, "year": year, "month": last.month, "day": last.day},
            code="out_of_era",
        )


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
    action = forms.ChoiceField(label=_("Action"), required=False)
    username = forms.CharField(label=_("User name"), max_length=150, required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from suishin.core.audit_actions import action_choices, object_type_choices

        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["action"].choices = [everything, *action_choices()]  # type: ignore[attr-defined]
        self.fields["object_type"].choices = [everything, *object_type_choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Enter an end date on or after the start date."))
        return cleaned


class NotificationFilterForm(forms.Form):
    STATE_CHOICES = [("", _("All")), ("unread", _("Unread only"))]

    state = forms.ChoiceField(label=_("State"), choices=STATE_CHOICES, required=False)
    about = forms.ChoiceField(label=_("About"), required=False)

    def __init__(self, *args: Any, types: list[str], **kwargs: Any) -> None:
        """``types``: the kinds of record ("desk.inquiry") to offer, named as the audit
        trail names them (照会, お知らせ …)."""
        from suishin.core.audit_actions import object_type_label

        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [  # type: ignore[attr-defined]
            ("", _("Everything")),
            *sorted(((t, object_type_label(t)) for t in types), key=lambda choice: choice[1]),
        ]
