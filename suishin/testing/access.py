"""Machinery for the access matrix: enumerate every URL pattern and every API operation, so
that a new view or endpoint without a row in some app's matrix fails the suite."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from suishin.testing.personas import PERSONA_NAMES

SIGNED_IN = tuple(name for name in PERSONA_NAMES if name != "anonymous")


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per persona: ``default`` for every signed-in persona unless overridden;
    anonymous visitors are sent to sign in (302) unless overridden."""
    statuses = dict.fromkeys(SIGNED_IN, default)
    statuses["anonymous"] = 302
    statuses.update(overrides)
    return statuses


@dataclass
class Row:
    """One URL name or API operation, how to call it, and what each persona must get."""

    statuses: dict[str, int]
    method: str = "get"
    kwargs: Callable[[Any], dict[str, Any]] = lambda objects: {}
    data: Callable[[Any], Any] = lambda objects: None
    json: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Markers:
    """Unique strings written into records some personas may not read (another institution's,
    classification 3, personal data masked away, internal notes, earlier versions): every
    response of the matrix is read, and none may carry a marker hidden from its reader."""

    hidden: dict[str, set[str]] = field(default_factory=dict)

    def hide(self, marker: str, *, readers: tuple[str, ...] = ()) -> str:
        """``marker`` may appear only in what ``readers`` get; returns it for the record."""
        for persona in PERSONA_NAMES:
            if persona not in readers:
                self.hidden.setdefault(persona, set()).add(marker)
        return marker

    def hidden_from(self, persona: str) -> set[str]:
        return self.hidden.get(persona, set())

    def count(self) -> int:
        return sum(len(markers) for markers in self.hidden.values())


def body_text(response: Any) -> str:
    """The whole body of a response, streamed files included."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def assert_no_markers(response: Any, objects: Any, persona: str, where: str) -> None:
    markers: Markers | None = getattr(objects, "markers", None)
    if markers is None:
        return
    text = body_text(response)
    leaked = sorted(marker for marker in markers.hidden_from(persona) if marker in text)
    assert not leaked, f"{persona} {where} shows what they may not read: {leaked}"


def url_names() -> set[str]:
    """Every named URL pattern, with its namespace (``core:home``, ``api:me`` …)."""

    def walk(patterns: list[Any], namespace: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns, ""))


def api_operations() -> set[str]:
    """Every API operation as ``METHOD /api/v1/path`` (path parameters in braces)."""
    from suishin.api import api

    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    found.add(f"{method} /api/v1/{(prefix + path).lstrip('/')}")
    return found


# Every app's rows: ``suishin/<app>/tests/access_rows.py`` defines PAGES and API dicts.
def all_rows() -> tuple[dict[str, Row], dict[str, Row]]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("tests.access_rows")
    import sys

    pages: dict[str, Row] = {}
    api: dict[str, Row] = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("suishin.") and name.endswith(".tests.access_rows"):
            pages.update(getattr(module, "PAGES", {}))
            api.update(getattr(module, "API", {}))
    return pages, api


def call(client: Any, method: str, url: str, row: Row, objects: Any) -> Any:
    import json

    data = row.data(objects)
    if row.json:
        return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")
    return getattr(client, method)(url, data=data or {})


def check_page(
    client: Any, url_name: str, row: Row, persona: str, objects: Any, query: str = ""
) -> None:
    """One persona on one page: the status the matrix expects (and anonymous visitors are sent
    to the sign-in page, never shown anything)."""
    from django.urls import reverse

    url = reverse(url_name, kwargs=row.kwargs(objects)) + query
    response = call(client, row.method, url, row, objects)
    assert response.status_code == row.statuses[persona], (
        f"{persona} {row.method.upper()} {url_name}"
    )
    assert_no_markers(response, objects, persona, f"{row.method.upper()} {url_name}")
    if response.status_code == 302 and not response["Location"].startswith("/login/"):
        # Where an action leads is a page too: read it as the same persona.
        followed = client.get(response["Location"])
        assert_no_markers(followed, objects, persona, f"{url_name} -> {response['Location']}")
    if (
        response.status_code == 302
        and persona == "anonymous"
        and url_name not in ANONYMOUS_REDIRECTS
    ):
        assert response["Location"].startswith("/login/")


def check_api(
    client: Any, operation: str, row: Row, persona: str, objects: Any, path_values: dict[str, Any]
) -> None:
    """One persona on one API operation: the expected status, and errors in the one format."""
    method, path = operation.split(" ", 1)
    for name, value in path_values.items():
        path = path.replace("{" + name + "}", str(value))
    response = call(client, method.lower(), path, row, objects)
    assert response.status_code == row.statuses[persona], (
        f"{persona} {operation}: {response.content[:200]!r}"
    )
    assert_no_markers(response, objects, persona, operation)
    if response.status_code >= 400:
        assert set(response.json()) == {"error"}


# Sign-in steps that send a visitor without a pending sign-in back to the first step.
ANONYMOUS_REDIRECTS = frozenset({"core:login_verify", "core:login_enroll"})


def matrix_tests(
    pages: dict[str, Row],
    api: dict[str, Row],
    path_values: Callable[[Any], dict[str, Any]] = lambda objects: {},
    query: str = "",
) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two tests every app's matrix runs, each persona on each of its pages and API
    operations, for the module to bind to ``test_`` names. Each response's status is checked
    and its body read for the ``objects.markers`` hidden from that persona. They use the module's ``objects``
    fixture; ``path_values`` fills the API paths from it, ``query`` is added to every address
    (a page's own ``extra["query"]`` wins)."""
    import pytest

    @pytest.mark.parametrize("persona", PERSONA_NAMES)
    @pytest.mark.parametrize("url_name", sorted(pages))
    def test_page_access(url_name: str, persona: str, client_for: Any, objects: Any) -> None:
        row = pages[url_name]
        page_query = row.extra.get("query", query)
        check_page(client_for(persona), url_name, row, persona, objects, query=page_query)

    @pytest.mark.parametrize("persona", PERSONA_NAMES)
    @pytest.mark.parametrize("operation", sorted(api))
    def test_api_access(operation: str, persona: str, client_for: Any, objects: Any) -> None:
        row = api[operation]
        check_api(
            client_for(persona), operation + query, row, persona, objects, path_values(objects)
        )

    return test_page_access, test_api_access
