"""和暦 and western dates, the three-field date input, and the English interface."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

from suishin.core.choices import DateStyleChoices
from suishin.core.forms import AuditFilterForm
from suishin.core.models import User
from suishin.core.services.users import user_update_preferences
from suishin.core.wareki import fiscal_year, format_fiscal_year, format_japanese_era, format_western
from suishin.testing.personas import World, sign_in


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 6, 11), "令和7年6月11日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
    ],
)
def test_japanese_era_dates(day: date, expected: str) -> None:
    assert format_japanese_era(day) == expected


def test_western_dates_and_fiscal_years() -> None:
    assert format_western(date(2024, 7, 1)) == "2024年7月1日"
    assert fiscal_year(date(2025, 3, 31)) == 2024
    assert fiscal_year(date(2025, 4, 1)) == 2025
    assert format_fiscal_year(2024) == "令和6年度"
    assert format_fiscal_year(2019) == "令和元年度"
    assert format_fiscal_year(2018) == "平成30年度"
    assert format_fiscal_year(1988) == "昭和63年度"
    assert format_fiscal_year(1989) == "平成元年度"


def test_dates_follow_the_users_preference_in_a_time_element(world: World) -> None:
    user = world.users["officer_a"]
    template = Template("{% jdate value %}")
    request = RequestFactory().get("/")
    request.user = user
    value = datetime(2025, 6, 10, 16, 0, tzinfo=UTC)  # 11 June in Tokyo
    assert (
        template.render(Context({"request": request, "value": value}))
        == '<time datetime="2025-06-11T01:00+09:00">2025年6月11日</time>'
    )
    user_update_preferences(actor=user, date_style=DateStyleChoices.JAPANESE_ERA, language="ja")
    assert "令和7年6月11日" in template.render(Context({"request": request, "value": value}))


@pytest.mark.parametrize(
    ("parts", "valid"),
    [
        (("2024", "7", "1"), True),
        (("2024", "2", "30"), False),
        (("2024", "13", "1"), False),
        (("二〇二四", "7", "1"), False),
        (("2024", "", "1"), False),
        (("", "", ""), True),
    ],
)
def test_the_three_field_date_input_validates_in_django(
    parts: tuple[str, str, str], valid: bool
) -> None:
    data = {f"date_from_{i}": part for i, part in enumerate(parts)}
    form = AuditFilterForm(data)
    assert form.is_valid() is valid
    if not valid:
        assert form.errors["date_from"] == ["正しい日付を入力してください。"]


def test_an_end_date_before_the_start_date_is_refused() -> None:
    data = {
        "date_from_0": "2024",
        "date_from_1": "7",
        "date_from_2": "2",
        "date_to_0": "2024",
        "date_to_1": "7",
        "date_to_2": "1",
    }
    form = AuditFilterForm(data)
    assert not form.is_valid()
    assert form.errors["date_to"] == ["終了日は開始日以降の日付を入力してください。"]


def test_the_interface_is_japanese_by_default_and_english_on_request(world: World) -> None:
    user = world.users["officer_a"]
    client = sign_in(Client(), user)
    assert "お知らせ" in client.get("/notices/").content.decode()
    user_update_preferences(actor=user, date_style=DateStyleChoices.WESTERN, language="en")
    html = client.get("/notices/").content.decode()
    assert '<html lang="en"' in html
    assert "Notices" in html
    assert User.objects.get(pk=user.pk).language == "en"
