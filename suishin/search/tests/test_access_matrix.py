"""Search pages and API for every persona."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from suishin.search.models import SearchTerm
from suishin.search.tests.access_rows import API, PAGES
from suishin.testing.access import check_api, check_page
from suishin.testing.personas import PERSONA_NAMES


@pytest.fixture
def objects(db: None) -> SimpleNamespace:
    return SimpleNamespace(term=SearchTerm.objects.create(kind="synonym", terms="職質,職務質問"))


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_page_access(
    url_name: str, persona: str, client_for: Any, objects: SimpleNamespace
) -> None:
    check_page(client_for(persona), url_name, PAGES[url_name], persona, objects, query="?q=遺失物")


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("operation", sorted(API))
def test_api_access(
    operation: str, persona: str, client_for: Any, objects: SimpleNamespace
) -> None:
    check_api(client_for(persona), operation + "?q=遺失物", API[operation], persona, objects, {})
