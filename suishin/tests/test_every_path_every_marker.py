"""Every marker against every path: all apps' matrix records built in one world, then every
page and API operation of every matrix requested as every persona, each body read for every
marker hidden from that persona. A record of one app shown on another app's page (a search
result, a suggestion, a dashboard, a notification, a home panel) is caught here, where each
app's own matrix only reads its own records."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules

from suishin.testing.access import Markers, all_rows, assert_no_markers, body_text, call
from suishin.testing.personas import PERSONA_NAMES, World, sign_in


def _builders() -> list[Any]:
    autodiscover_modules("tests.test_access_matrix")
    return [
        module.build_objects
        for name, module in sorted(sys.modules.items())
        if name.startswith("suishin.")
        and name.endswith(".tests.test_access_matrix")
        and hasattr(module, "build_objects")
    ]


def _everything(world: World) -> SimpleNamespace:
    """One namespace with every app's objects; their markers merged."""
    merged: dict[str, Any] = {}
    markers = Markers()
    for build in _builders():
        built = vars(build(world))
        for persona, hidden in built.pop("markers", Markers()).hidden.items():
            markers.hidden.setdefault(persona, set()).update(hidden)
        clashes = set(built) & set(merged)
        assert not clashes, f"two matrices name their objects alike: {sorted(clashes)}"
        merged.update(built)
    return SimpleNamespace(markers=markers, **merged)


# The pages and operations that search: asked for every marker, not only an ordinary query.
SEARCHING_PAGES = {
    "search:search": "q",
    "initiatives:case_catalogue": "q",
    "desk:suggest": "subject",
    "desk:privacy_check": "body",
}
SEARCHING_OPERATIONS = frozenset(
    {
        "/api/v1/search",
        "/api/v1/knowledge/articles/search",
        "/api/v1/knowledge/manuals/search",
        "/api/v1/initiatives/cases",
    }
)


def _assert_nothing_but_the_query(
    response: Any, objects: SimpleNamespace, persona: str, where: str, marker: str
) -> None:
    echoed = body_text(response).replace(marker, "")
    leaked = [m for m in objects.markers.hidden_from(persona) if m in echoed]
    assert not leaked, f"{persona} {where}?q={marker} shows what they may not read: {leaked}"


def _path_values(objects: SimpleNamespace) -> dict[str, Any]:
    """Every ``{name_id}`` an API path may hold, from the objects of the same name."""
    values = {}
    for name, value in vars(objects).items():
        if hasattr(value, "pk"):
            values[f"{name}_id"] = value.pk
    values.setdefault("body_id", objects.structure.body.pk)
    values.setdefault("meeting_id", objects.structure.meeting.pk)
    return values


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_no_path_shows_a_persona_what_they_may_not_read(world: World, persona: str) -> None:
    objects = _everything(world)
    assert objects.markers.hidden_from(persona) or persona == "admin_a"
    client = sign_in(Client(), world.user(persona))
    pages, api = all_rows()
    # Reads first, then actions: an action may change what later pages show, never hide a leak.
    hidden = sorted(objects.markers.hidden_from(persona))
    for url_name, row in sorted(pages.items(), key=lambda item: item[1].method != "get"):
        url = reverse(url_name, kwargs=row.kwargs(objects))
        if url_name in SEARCHING_PAGES:
            # A search page is asked for each hidden marker itself, as well as an ordinary
            # query: whatever it finds must be nothing the persona may not read. (The query is
            # echoed back in the search box, so it is removed before the body is read.)
            for marker in hidden:
                ask = client.post if row.method == "post" else client.get
                found = ask(url, {SEARCHING_PAGES[url_name]: marker})
                _assert_nothing_but_the_query(found, objects, persona, url_name, marker)
        url += row.extra.get("query", "?q=遺失物" if url_name in SEARCHING_PAGES else "")
        response = call(client, row.method, url, row, objects)
        assert_no_markers(response, objects, persona, f"{row.method.upper()} {url_name}")
        if response.status_code == 302 and not response["Location"].startswith("/login/"):
            followed = client.get(response["Location"])
            assert_no_markers(followed, objects, persona, f"{url_name} -> {response['Location']}")
    values = _path_values(objects)
    for operation, row in sorted(api.items(), key=lambda item: not item[0].startswith("GET")):
        method, path = operation.split(" ", 1)
        for name, value in values.items():
            path = path.replace("{" + name + "}", str(value))
        assert "{" not in path, f"{operation}: no object names its parameter"
        if method == "GET" and path in SEARCHING_OPERATIONS:
            for marker in hidden:
                found = client.get(path, {"q": marker})
                _assert_nothing_but_the_query(found, objects, persona, operation, marker)
            path += "?q=遺失物"
        response = call(client, method.lower(), path, row, objects)
        assert_no_markers(response, objects, persona, operation)
