"""Search's rows of the access matrix."""

from __future__ import annotations

from suishin.testing.access import Row, expect

PAGES: dict[str, Row] = {
    "search:search": Row(expect(200)),
    "search:search_terms": Row(expect(403, admin_a=200)),
    "search:search_term_delete": Row(
        expect(403, admin_a=302), method="post", kwargs=lambda o: {"pk": o.term.pk}
    ),
}

API: dict[str, Row] = {
    "GET /api/v1/search": Row(expect(200, anonymous=401)),
}
