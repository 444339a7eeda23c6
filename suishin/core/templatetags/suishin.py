"""Template helpers loaded in every template: dates by the user's preference, small labels."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from suishin.core.choices import ClassificationChoices, DateStyleChoices
from suishin.core.form_messages import field_messages
from suishin.core.formats import format_number
from suishin.core.wareki import format_date, format_month

register = template.Library()


def _date_style(context: template.Context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.date_style)
    return DateStyleChoices.WESTERN


@register.simple_tag(takes_context=True)
def jdate(context: template.Context, value: date | datetime | None, with_time: bool = False) -> str:
    """A <time> element showing the date in 和暦 or western form, as the user prefers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        day = local.date()
        machine = local.isoformat(timespec="minutes")
        clock = f" {local:%H:%M}" if with_time else ""
    else:
        day, machine, clock = value, value.isoformat(), ""
    style = _date_style(context)
    text = format_date(day, style)
    return format_html('<time datetime="{}">{}{}</time>', machine, text, clock)


@register.filter
def error_messages(field: Any) -> list[str]:
    """A field's errors in the product's words (``core.form_messages``)."""
    return field_messages(field)


@register.filter
def applied_filters(form: Any) -> list[str]:
    """The conditions a valid filter form narrows its list by (「状態：未完了」), so that a
    collapsed filter panel still says what the list shows. Read from the cleaned values: a
    refused value is not a condition, a record is named without reading its list again, and
    the order of the list (``sort``) is no filter."""
    if not form.is_bound or not form.is_valid():
        return []
    applied = []
    for field in form:
        value = form.cleaned_data.get(field.name)
        if field.name == "sort" or value in (None, "", [], False):
            continue
        if value is True:  # a checkbox: its label says the condition
            applied.append(str(field.label))
            continue
        choices = {str(key): label for key, label in getattr(field.field, "_choices", ()) or ()}
        values = list(value) if isinstance(value, list | tuple) else [value]
        shown = "・".join(
            format_date(item, DateStyleChoices.WESTERN)  # a filter has no reader to ask
            if isinstance(item, date)
            else str(choices.get(str(item), item))
            for item in values
        )
        applied.append(f"{field.label}：{shown}")
    return applied


@register.filter
def num(value: object) -> str:
    """A figure with thousands separators (1,500,000), decimals only where there are any."""
    return format_number(value)


@register.simple_tag(takes_context=True)
def jmonth(context: template.Context, value: date | None) -> str:
    """A month (a chart's axis, a monthly table) in 和暦 or western form, as the user prefers."""
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', f"{value:%Y-%m}", format_month(value, _date_style(context))
    )


@register.simple_tag
def classification_badge(level: int) -> str:
    label = ClassificationChoices(level).label
    return format_html('<span class="badge badge--c{}">{}</span>', int(level), label)


@register.filter
def field_error_ids(field: Any) -> str:
    """The ids a field's aria-describedby must list: its error text, then its support text."""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    if field.help_text:
        ids.append(f"{field.auto_id}-support")
    return " ".join(ids)


_GROUP_WIDGETS = ("RadioSelect", "CheckboxSelectMultiple", "DateFieldsWidget")


@register.filter
def is_group(field: Any) -> bool:
    """Radio, checkbox and date groups are a <fieldset> with a <legend>, not a <label>."""
    return type(field.field.widget).__name__ in _GROUP_WIDGETS


@register.simple_tag(takes_context=True)
def widget(context: template.Context, field: Any) -> str:
    """The field's control with the accessibility attributes the design system asks for; a
    date input offers the era the reader prefers first."""
    attrs: dict[str, str] = {}
    if type(field.field.widget).__name__ == "DateFieldsWidget":
        attrs["date_style"] = _date_style(context)
    described_by = field_error_ids(field)
    if described_by and not is_group(field):
        attrs["aria-describedby"] = described_by
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and not is_group(field):
        attrs["required"] = "required"
    return field.as_widget(attrs=attrs)


@register.filter
def select_options(optgroups: Any) -> SafeString:
    """A select's options (``widget.optgroups``) as HTML, written here rather than by a template
    loop: with the template, each option cost as much as a whole form field, and the responder
    list of an inquiry page was the slowest part of it."""
    html = []
    for group_name, group_choices, _index in optgroups:
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for option in group_choices
            ),
        )
        html.append(
            format_html('<optgroup label="{}">{}</optgroup>', group_name, options)
            if group_name
            else options
        )
    return mark_safe("".join(html))  # noqa: S308 - every part above is escaped by format_html
