"""Search pages and API for every persona."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from suishin.search.models import SearchTerm
from suishin.search.tests.access_rows import API, PAGES
from suishin.testing.access import call
from suishin.testing.personas import PERSONA_NAMES


@pytest.fixture
def objects(db: None) -> SimpleNamespace:
    return SimpleNamespace(term=SearchTerm.objects.create(kind="synonym", terms="職質,職務質問"))


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_page_access(
    url_name: str, persona: str, client_for: Any, objects: SimpleNamespace
) -> None:
    row = PAGES[url_name]
    url = reverse(url_name, kwargs=row.kwargs(objects)) + "?q=遺失物"
    response = call(client_for(persona), row.method, url, row, objects)
    assert response.status_code == row.statuses[persona]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("operation", sorted(API))
def test_api_access(operation: str, persona: str, client_for: Any) -> None:
    row = API[operation]
    method, path = operation.split(" ", 1)
    response = call(client_for(persona), method.lower(), path + "?q=遺失物", row, SimpleNamespace())
    assert response.status_code == row.statuses[persona]
