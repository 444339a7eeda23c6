"""Working time: around the clock, or business hours on a Japanese calendar (service levels,
statutory clocks; any app may use it).

Business hours are the standard hours of Japanese public offices (8:30–17:15) on days that are
neither weekends, national holidays (the ``holidays`` package, maintained upstream, including
substitute and citizens' holidays) nor the year-end closure of 29 December to 3 January
(行政機関の休日に関する法律).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone
from django.utils.translation import get_language

from suishin.core.choices import ServiceClockChoices

OPENS = time(8, 30)
CLOSES = time(17, 15)
MINUTES_PER_BUSINESS_DAY = 525
# A service-level target longer than this many days of walking is a configuration mistake.
MAX_DAYS = 3660


@lru_cache(maxsize=64)
def _national_holidays(year: int, language: str = "ja") -> holidays.HolidayBase:
    return holidays.country_holidays("JP", years=year, language=language)


def is_business_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    if (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3):
        return False
    return day not in _national_holidays(day.year)


def holiday_name(day: date) -> str | None:
    """The holiday's name in the reader's language (Japanese unless they chose English)."""
    language = "en_US" if (get_language() or "ja").startswith("en") else "ja"
    return _national_holidays(day.year, language).get(day)


def _window(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(day, OPENS, tzinfo=tz), datetime.combine(day, CLOSES, tzinfo=tz)


def add_working_minutes(start: datetime, minutes: float, clock: str) -> datetime:
    """The moment ``minutes`` of working time after ``start``."""
    if clock != ServiceClockChoices.BUSINESS:
        return start + timedelta(minutes=minutes)
    remaining = timedelta(minutes=minutes)
    local = timezone.localtime(start)
    day = local.date()
    for _ in range(MAX_DAYS):
        if is_business_day(day):
            opens, closes = _window(day)
            begin = max(local, opens)
            if begin < closes:
                available = closes - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += timedelta(days=1)
    raise ValueError("service-level target too long")


def working_minutes_between(start: datetime, end: datetime, clock: str) -> float:
    """Working minutes from ``start`` to ``end`` (negative when ``end`` comes first)."""
    if end < start:
        return -working_minutes_between(end, start, clock)
    if clock != ServiceClockChoices.BUSINESS:
        return (end - start).total_seconds() / 60
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    total = timedelta()
    day = local_start.date()
    while day <= local_end.date():
        if is_business_day(day):
            opens, closes = _window(day)
            begin, finish = max(local_start, opens), min(local_end, closes)
            if finish > begin:
                total += finish - begin
        day += timedelta(days=1)
    return total.total_seconds() / 60
