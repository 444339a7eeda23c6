"""Search pages and API for every persona."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from suishin.search.models import SearchTerm
from suishin.search.tests.access_rows import API, PAGES
from suishin.testing.access import matrix_tests


@pytest.fixture
def objects(db: None) -> SimpleNamespace:
    return SimpleNamespace(term=SearchTerm.objects.create(kind="synonym", terms="職質,職務質問"))


test_page_access, test_api_access = matrix_tests(PAGES, API, query="?q=遺失物")
