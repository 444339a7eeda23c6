"""Search's rows of the access matrix."""

from __future__ import annotations

from suishin.testing.access import Row, expect

PAGES: dict[str, Row] = {
    "search:search": Row(expect(200)),
}

API: dict[str, Row] = {
    "GET /api/v1/search": Row(expect(200, anonymous=401)),
}
