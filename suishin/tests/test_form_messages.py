"""Every validation message is written for this product: it names the field and the limit, and
none of Django's stock messages reaches a reader. Each of the product's forms is bound to
empty, overlong and wrong-typed data, and every message it would show is read."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms

import suishin
from suishin.core.form_messages import field_messages

# Django's own wording in Japanese, which no page may show.
STOCK = (
    "このフィールドは必須です",
    "でなければなりません",
    "正しい値を入力してください",
    "整数を入力してください",
    "数値を入力してください",
    "にしてください",
    "正しく選択してください",
    "選択肢に含まれていません",
    "正しい日付を入力してください",
    "有効なメールアドレス",
    "正しい時間を入力してください",
    "ファイルが送信されていません",
)


def _product_forms() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(suishin.__path__, "suishin."):
        name = module_info.name
        if not name.endswith(".forms") or ".devtools." in name:
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
            ):
                found[f"{name}.{value.__name__}"] = value
    return [found[key] for key in sorted(found)]


def _bind(form_class: type[forms.BaseForm], data: dict[str, Any]) -> forms.BaseForm | None:
    try:
        return form_class(data=data)
    except TypeError:
        return None  # needs what its view gives it (a user, a record); its view tests cover it


def _data(form: forms.BaseForm, value: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.MultiWidget):
            names = getattr(field.widget, "widgets_names", [])
            for suffix in names:
                data[f"{key}{suffix}"] = value
        else:
            data[key] = value
    return data


@pytest.mark.django_db
def test_no_form_shows_a_stock_message_and_each_names_its_field() -> None:
    checked = 0
    for form_class in _product_forms():
        empty = _bind(form_class, {})
        if empty is None:
            continue
        checked += 1
        for value in ("", "x" * 10_001, "abc", "-1", "9" * 30):
            form = _bind(form_class, _data(empty, value))
            assert form is not None
            form.is_valid()
            for name in form.errors:
                if name == "__all__":
                    continue
                bound = form[name]
                for message in field_messages(bound):
                    where = f"{form_class.__module__}.{form_class.__name__}.{name} ({value[:8]!r})"
                    assert not any(stock in message for stock in STOCK), f"{where}: {message}"
                    if value == "":
                        assert str(bound.label) in message, f"{where} does not name it: {message}"
    assert checked >= 20, f"only {checked} forms could be bound without their view"


@pytest.mark.django_db
def test_a_subject_too_long_is_refused_with_the_limit_and_the_count() -> None:
    from suishin.core.forms import NoticeForm

    form = NoticeForm(data={"title": "あ" * 10_001, "body": "本文"})
    assert not form.is_valid()
    assert field_messages(form["title"]) == [
        f"{form['title'].label}は200文字以内で入力してください（現在 10,001 文字）。"
    ]
