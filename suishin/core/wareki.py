"""Japanese era (和暦) dates and fiscal years."""

from __future__ import annotations

from datetime import date

# (first day, era name), newest first.
ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 1, 25), "明治"),
)


def era_year(day: date) -> tuple[str, int]:
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError("Dates before the Meiji era have no Japanese era form here.")


def _year_label(year: int) -> str:
    return "元" if year == 1 else str(year)


def format_japanese_era(day: date) -> str:
    """令和7年6月11日; the first year of an era is written 元年."""
    name, year = era_year(day)
    return f"{name}{_year_label(year)}年{day.month}月{day.day}日"


def format_western(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def fiscal_year(day: date) -> int:
    """The Japanese fiscal year (April to March) that ``day`` falls in, by its starting year."""
    return day.year if day.month >= 4 else day.year - 1


def format_fiscal_year(start_year: int) -> str:
    """2024 -> 令和6年度 (named by the era in force on 1 April)."""
    name, year = era_year(date(start_year, 4, 1))
    return f"{name}{_year_label(year)}年度"
