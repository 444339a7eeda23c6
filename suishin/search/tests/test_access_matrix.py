"""Search pages and API for every persona: each finds what it may open, and no title or
snippet of anything else (another institution's, named people's, personal data masked away)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from suishin.core.choices import ClassificationChoices
from suishin.core.tests.factories import make_notice
from suishin.knowledge.services.sharing import article_findings, article_share_request
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.knowledge.tests.test_access_matrix import make_second_publisher, share_confirmed
from suishin.search.selectors import search
from suishin.search.tests.access_rows import API, PAGES
from suishin.search.tests.factories import make_search_term
from suishin.testing.access import Markers, matrix_tests
from suishin.testing.personas import World

INSIDE_A = ("officer_a", "responder_a", "auditor_a", "admin_a")


def build_objects(world: World) -> SimpleNamespace:
    """The records this matrix reads, and the markers hidden in them from each persona (the
    cross-app content test builds every app's together)."""
    markers = Markers()
    admin = world.users["admin_a"]
    make_notice(
        author=admin,
        classification=ClassificationChoices.RESTRICTED,
        title="遺失物の取扱い（指定者限り）",
        body=markers.hide("遺失物の指定者限りの本文SRCH3", readers=("admin_a",)),
    )
    make_notice(
        author=world.users["officer_b"],
        title="遺失物の取扱い（県B）",
        body=markers.hide("遺失物の県Bだけの本文SRCHB", readers=("officer_b",)),
    )
    # An article shared nationwide through its snapshot: outsiders find the copy, with the
    # names and numbers replaced; its pending second copy is found by nobody outside.
    publisher = make_publisher(world)
    article = make_article(
        publisher,
        title="遺失物の拾得届の受理",
        environment="拾得者は"
        + markers.hide("佐藤一郎", readers=INSIDE_A)
        + "さん（"
        + markers.hide("080-2468-1357", readers=INSIDE_A)
        + "）。",
    )
    share_confirmed(article, publisher, make_second_publisher(world))
    article_share_request(
        actor=publisher,
        article=article,
        expected_version=article.version,
        shared_nationwide=True,
        masked_keys=[item.key for item in article_findings(article)],
    )
    return SimpleNamespace(term=make_search_term("職質,職務質問"), markers=markers)


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    return build_objects(world)


test_page_access, test_api_access = matrix_tests(PAGES, API, query="?q=遺失物")


def test_the_query_reaches_the_marked_records(objects: SimpleNamespace, world: World) -> None:
    """The markers above mean something only if the matrix's query finds those records."""
    outsider = {hit.type_key for hit in search(world.users["officer_b"], "遺失物").hits}
    assert {"core.shared_snapshot", "core.notice"} <= outsider
    inside = {hit.type_key for hit in search(world.users["admin_a"], "遺失物").hits}
    assert {"knowledge.article", "core.notice"} <= inside
