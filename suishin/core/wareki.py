"""Japanese era (和暦) dates and fiscal years."""

from __future__ import annotations

from datetime import date

from suishin.core.choices import DateStyleChoices

# (first day, era name), newest first.
ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 1, 25), "明治"),
)


def era_year(day: date) -> tuple[str, int] | None:
    """(era name, year of the era), or None before the Meiji era."""
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    return None


def _year_label(year: int) -> str:
    return "元" if year == 1 else str(year)


def format_japanese_era(day: date) -> str:
    """令和7年6月11日; the first year of an era is written 元年. Never fails: a date before
    the Meiji era (which services refuse, but old data may hold) is written in the western
    calendar."""
    era = era_year(day)
    if era is None:
        return format_western(day)
    name, year = era
    return f"{name}{_year_label(year)}年{day.month}月{day.day}日"


def format_western(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def format_date(day: date, style: str) -> str:
    """The day as the reader prefers it (a ``DateStyleChoices`` value)."""
    return (
        format_japanese_era(day) if style == DateStyleChoices.JAPANESE_ERA else format_western(day)
    )


def format_month(day: date, style: str) -> str:
    """The month of ``day`` as the reader prefers it: 令和7年6月 or 2025年6月."""
    full = format_date(day.replace(day=1), style)
    return full[: full.rindex("月") + 1]


def fiscal_year(day: date) -> int:
    """The Japanese fiscal year (April to March) that ``day`` falls in, by its starting year."""
    return day.year if day.month >= 4 else day.year - 1


def format_fiscal_year(start_year: int) -> str:
    """2024 -> 令和6年度. A fiscal year takes the era in force when it closes, counted from its
    starting year (so FY2019 is 令和元年度), unless that era began only after the starting
    year (FY1988 closed under 平成 but is 昭和63年度)."""
    closing = (
        next(((start, n) for start, n in ERAS if date(start_year + 1, 3, 31) >= start), None)
        if date.min.year <= start_year < date.max.year
        else None
    )
    if closing is not None and closing[0].year <= start_year:
        return f"{closing[1]}{_year_label(start_year - closing[0].year + 1)}年度"
    opening = era_year(date(start_year, 4, 1)) if closing is not None else None
    if opening is None:
        return f"{start_year}年度"  # before the Meiji era, or beyond the calendar
    name, year = opening
    return f"{name}{_year_label(year)}年度"
