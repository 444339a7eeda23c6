"""和暦 and western dates, the three-field date input, and the English interface."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from suishin.core.choices import DateStyleChoices
from suishin.core.date_range import require_dates_in_range
from suishin.core.errors import InvalidInput
from suishin.core.forms import AuditFilterForm, DateFieldsWidget
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


@given(day=st.dates())
def test_the_era_formatter_never_fails(day: date) -> None:
    text = format_japanese_era(day)
    assert text.endswith(f"{day.month}月{day.day}日")
    if day < date(1868, 1, 25):
        assert text == format_western(day)  # before Meiji: the western calendar


@given(year=st.integers(min_value=-5, max_value=10_005))
def test_the_fiscal_year_formatter_never_fails(year: int) -> None:
    assert format_fiscal_year(year).endswith("年度")


def test_dates_before_the_meiji_era_are_written_in_the_western_calendar() -> None:
    assert format_japanese_era(date(1, 1, 1)) == "1年1月1日"
    assert format_japanese_era(date(1868, 1, 25)) == "明治元年1月25日"
    assert format_fiscal_year(1867) == "1867年度"
    assert format_fiscal_year(9999) == "9999年度"


@pytest.mark.parametrize(
    ("day", "refused"),
    [
        (date(1, 1, 1), True),
        (date(1899, 12, 31), True),
        (date(1900, 1, 1), False),
        (date(2200, 12, 31), False),
        (date(2201, 1, 1), True),
        (datetime(9999, 6, 1, tzinfo=UTC), True),
        (None, False),
    ],
)
def test_dates_outside_1900_to_2200_are_refused_with_a_message(
    day: date | None, refused: bool
) -> None:
    if not refused:
        require_dates_in_range(start_date=day)
        return
    with pytest.raises(InvalidInput) as raised:
        require_dates_in_range(start_date=day, end_date=date(2026, 4, 1))
    assert raised.value.fields == {
        "start_date": ["1900年1月1日から2200年12月31日までの日付を入力してください。"]
    }


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
    ("parts", "message"),
    [
        (("2024", "7", "1"), None),
        (("2024", "2", "30"), "2月30日は存在しません。"),
        (("2025", "2", "29"), "2月29日は存在しません（2025年はうるう年ではありません）。"),
        (("2024", "13", "1"), "月は1から12までの数で入力してください。"),
        (("二〇二四", "7", "1"), "年・月・日は数字で入力してください。"),
        (("2024", "", "1"), "年・月・日をすべて入力してください。"),
        (("1800", "1", "1"), "1900年1月1日から2200年12月31日までの日付を入力してください。"),
        (
            ("99999999999999999999", "1", "1"),
            "1900年1月1日から2200年12月31日までの日付を入力してください。",
        ),
        (("2025", "1", "1" * 5000), "1900年1月1日から2200年12月31日までの日付を入力してください。"),
        (("２０２４", "７", "１"), None),
        (("", "", ""), None),
    ],
)
def test_a_western_date_is_refused_in_words_that_say_what_is_wrong(
    parts: tuple[str, str, str], message: str | None
) -> None:
    data = {f"date_from_{i}": part for i, part in enumerate(parts)}
    form = AuditFilterForm(data)
    assert form.is_valid() is (message is None)
    if message is not None:
        assert form.errors["date_from"] == [message]


@pytest.mark.parametrize(
    ("era", "parts", "expected"),
    [
        ("令和", ("7", "6", "11"), date(2025, 6, 11)),
        ("令和", ("元", "5", "1"), date(2019, 5, 1)),
        ("平成", ("元", "1", "8"), date(1989, 1, 8)),
        ("昭和", ("64", "1", "7"), date(1989, 1, 7)),
        ("令和", ("7", "2", "30"), "2月30日は存在しません。"),
        ("令和", ("元", "4", "30"), "令和元年は5月1日からです。"),
        ("平成", ("31", "5", "1"), "平成31年は4月30日までです。"),
        ("平成", ("32", "1", "1"), "平成の年は1（元年）から31までの数で入力してください。"),
        ("令和", ("2025", "1", "1"), "西暦の年を入力するときは「西暦」を選んでください。"),
        ("天平", ("7", "1", "1"), "元号は一覧から選んでください。"),
    ],
)
def test_a_date_in_the_japanese_era_is_read_or_refused_in_words(
    era: str, parts: tuple[str, str, str], expected: date | str
) -> None:
    data = {"date_from_era": era, **{f"date_from_{i}": part for i, part in enumerate(parts)}}
    form = AuditFilterForm(data)
    if isinstance(expected, date):
        assert form.is_valid(), form.errors
        assert form.cleaned_data["date_from"] == expected
    else:
        assert not form.is_valid()
        assert expected in form.errors["date_from"][0]


@pytest.mark.django_db
def test_the_date_input_offers_the_era_the_reader_prefers(world: World, client_for: Any) -> None:
    """Empty, a 和暦 reader is offered 令和 and a western reader 西暦; a date already chosen is
    shown in the reader's calendar."""
    user = world.users["auditor_a"]
    user.date_style = DateStyleChoices.JAPANESE_ERA
    user.save(update_fields=["date_style"])
    client = client_for("auditor_a")
    page = client.get(
        reverse("core:audit_list"),
        {
            "date_from_era": "western",
            "date_from_0": "2025",
            "date_from_1": "6",
            "date_from_2": "11",
        },
    ).content.decode()
    assert 'value="2025"' in page, "what the reader typed is kept as typed"
    empty = client.get(reverse("core:audit_list")).content.decode()
    assert '<option value="令和" selected>令和</option>' in empty
    user.date_style = DateStyleChoices.WESTERN
    user.save(update_fields=["date_style"])
    empty = client.get(reverse("core:audit_list")).content.decode()
    assert '<option value="western" selected>西暦</option>' in empty
    assert "元号を選び、年・月・日を数字で入力してください" in empty


def test_a_date_already_set_is_shown_in_the_era_of_a_japanese_era_reader() -> None:
    widget = DateFieldsWidget()
    widget.date_style = DateStyleChoices.JAPANESE_ERA
    assert widget.decompress(date(2025, 6, 11)) == ["令和", 7, 6, 11]
    assert widget.decompress(date(1989, 1, 7)) == ["昭和", 64, 1, 7]
    widget.date_style = DateStyleChoices.WESTERN
    assert widget.decompress(date(2025, 6, 11)) == ["western", 2025, 6, 11]


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
