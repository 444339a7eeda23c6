"""The span of dates a business record may carry.

Python's dates run from year 1 to 9999, but a start date of 0001-01-01 has no Japanese-era
form and one of 9999-06-01 overflows as soon as a cadence is added to it. Nothing an office
plans or records falls outside 1900–2200, so services refuse such dates with a message before
any arithmetic, whatever door (form, API, import) they came through.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from suishin.core.errors import InvalidInput

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2200, 12, 31)


def in_range(value: datetime.date | datetime.datetime) -> bool:
    day = value.date() if isinstance(value, datetime.datetime) else value
    return EARLIEST <= day <= LATEST


def date_range_message() -> str:
    return _("Enter a date from %(earliest)s to %(latest)s.") % {
        "earliest": f"{EARLIEST.year}年{EARLIEST.month}月{EARLIEST.day}日",
        "latest": f"{LATEST.year}年{LATEST.month}月{LATEST.day}日",
    }


def require_dates_in_range(**values: datetime.date | datetime.datetime | None) -> None:
    """Refuse every given date (by field name) outside 1900-01-01 … 2200-12-31."""
    message = date_range_message()
    fields = {
        name: [message]
        for name, value in values.items()
        if value is not None and not in_range(value)
    }
    if fields:
        raise InvalidInput(message, fields=fields)
