"""Numbers as Japanese offices write them: thousands separated by commas (1,500,000円,
58,765時間), decimals only where there are any (12.5, not 12.50). Pages and PDFs call
``format_number``; Excel cells keep the number and get ``excel_format``'s format, so a sheet
still sums; CSV files keep plain numbers for the systems that read them.

Django's USE_THOUSAND_SEPARATOR would do this for every number a template prints, ids in
links included (/desk/1,234/); the filter is asked for where a figure is shown instead.
"""

from __future__ import annotations

from decimal import Decimal

# Excel number formats: whole numbers, and numbers with decimals (never "40." for 40).
EXCEL_INTEGER = "#,##0"
EXCEL_DECIMAL = "#,##0.0##"


def format_number(value: object) -> str:
    """1500000 → 1,500,000; Decimal("12.50") → 12.5; anything not a number as it is."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (Decimal, float)):
        number = Decimal(str(value))
        return f"{int(number):,}" if _is_whole(number) else f"{number.normalize():,f}"
    return str(value)


def _is_whole(number: Decimal) -> bool:
    return number == number.to_integral_value()


def excel_format(value: object) -> str | None:
    """The number format for an Excel cell holding ``value``; None for text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return EXCEL_INTEGER
    if isinstance(value, (Decimal, float)):
        return EXCEL_INTEGER if _is_whole(Decimal(str(value))) else EXCEL_DECIMAL
    return None
