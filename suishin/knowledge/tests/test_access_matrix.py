"""Knowledge pages and API for every persona."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from suishin.knowledge.services.articles import article_update
from suishin.knowledge.services.flags import article_flag
from suishin.knowledge.tests.access_rows import API, PAGES
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.testing.access import check_api, check_page
from suishin.testing.personas import PERSONA_NAMES, World


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    publisher = make_publisher(world)
    article = make_article(publisher)
    article = article_update(
        actor=publisher,
        article=article,
        expected_version=article.version,
        title=article.title,
        question=article.question,
        answer=article.answer + "\n保管期間は3か月。",
        environment=article.environment,
        basis=article.basis,
        category=article.category,
        search_words=article.search_words,
    )
    flag = article_flag(actor=world.users["officer_a"], article=article, reason="古い。")
    return SimpleNamespace(article=article, flag=flag)


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_page_access(
    url_name: str, persona: str, client_for: Any, objects: SimpleNamespace
) -> None:
    row = PAGES[url_name]
    check_page(client_for(persona), url_name, row, persona, objects)


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("operation", sorted(API))
def test_api_access(
    operation: str, persona: str, client_for: Any, objects: SimpleNamespace
) -> None:
    check_api(
        client_for(persona),
        operation,
        API[operation],
        persona,
        objects,
        {"article_id": objects.article.pk},
    )
