"""Business time on the Japanese public-office calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from suishin.core.calendar import add_working_minutes, is_business_day, working_minutes_between
from suishin.core.choices import ServiceClockChoices

BUSINESS = ServiceClockChoices.BUSINESS
ALWAYS = ServiceClockChoices.ALWAYS


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


def test_weekends_holidays_and_the_year_end_closure_are_not_business_days() -> None:
    assert is_business_day(date(2026, 11, 20))  # Friday
    assert not is_business_day(date(2026, 11, 21))  # Saturday
    assert not is_business_day(date(2026, 11, 23))  # 勤労感謝の日 (Monday)
    assert not is_business_day(date(2026, 5, 6))  # 振替休日
    assert not is_business_day(date(2026, 12, 29))
    assert not is_business_day(date(2027, 1, 3))
    assert is_business_day(date(2027, 1, 4))


def test_four_business_hours_from_friday_afternoon_end_on_tuesday_after_a_holiday() -> None:
    # Friday 15:00 + 4 h: 2 h 15 min on Friday, Saturday to Monday (a holiday) closed,
    # the rest from 8:30 on Tuesday.
    due = add_working_minutes(at(2026, 11, 20, 15, 0), 240, BUSINESS)
    assert due == at(2026, 11, 24, 10, 15)


def test_a_question_sent_at_night_starts_counting_at_opening_time() -> None:
    assert add_working_minutes(at(2026, 11, 19, 22, 0), 10, BUSINESS) == at(2026, 11, 20, 8, 40)


def test_around_the_clock_counts_every_minute() -> None:
    start = at(2026, 11, 21, 23, 55)
    assert add_working_minutes(start, 10, ALWAYS) == start + timedelta(minutes=10)
    assert working_minutes_between(start, start + timedelta(hours=2), ALWAYS) == 120


def test_working_minutes_between_skips_closed_time() -> None:
    assert working_minutes_between(at(2026, 11, 20, 17, 0), at(2026, 11, 24, 9, 0), BUSINESS) == 45


@settings(max_examples=60, deadline=None)
@given(
    start_minutes=st.integers(min_value=0, max_value=60 * 24 * 60),
    minutes=st.integers(min_value=1, max_value=5000),
)
def test_adding_then_measuring_gives_back_the_working_minutes(
    start_minutes: int, minutes: int
) -> None:
    start = at(2026, 10, 1, 0, 0) + timedelta(minutes=start_minutes)
    due = add_working_minutes(start, minutes, BUSINESS)
    assert working_minutes_between(start, due, BUSINESS) == minutes
