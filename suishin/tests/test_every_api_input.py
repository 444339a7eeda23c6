"""Every API operation, read from the API's own OpenAPI document, fed control characters,
extreme dates and numbers: no answer is a server error, every string field refuses NUL with
the error format, and nothing is stored from a refused request. New operations are covered
without editing this file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suishin.core.tests.factories import make_notice
from suishin.desk.models import Inquiry
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.initiatives.models import Initiative
from suishin.initiatives.tests.factories import make_initiative
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.testing.personas import World, sign_in

CONTROL_MESSAGE = "制御文字（NUL など）は入力できません。"


@dataclass
class Operation:
    method: str
    path: str
    query: dict[str, dict[str, Any]] = field(default_factory=dict)
    required_query: set[str] = field(default_factory=set)
    body: dict[str, dict[str, Any]] = field(default_factory=dict)
    required_body: set[str] = field(default_factory=set)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _resolved(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _operations() -> list[Operation]:
    from suishin.api import api

    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    found = []
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            operation = Operation(method.upper(), path)
            for parameter in spec.get("parameters", []):
                if parameter["in"] == "query":
                    operation.query[parameter["name"]] = _resolved(parameter["schema"], components)
                    if parameter.get("required"):
                        operation.required_query.add(parameter["name"])
            body = spec.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                schema = _resolved(body["schema"], components)
                operation.body = {
                    name: _resolved(value, components)
                    for name, value in schema.get("properties", {}).items()
                }
                operation.required_body = set(schema.get("required", []))
            if operation.query or operation.body:
                found.append(operation)
    return found


OPERATIONS = _operations()


def _variants(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return schema.get("anyOf", [schema])


def _takes_free_text(schema: dict[str, Any]) -> bool:
    """A string (or list of strings) with no format, choices or pattern of its own."""
    for variant in _variants(schema):
        if variant.get("type") == "array":
            variant = variant.get("items", {})
        if variant.get("type") == "string" and not {"format", "enum", "pattern", "const"} & set(
            variant
        ):
            return True
    return False


# --- Values --------------------------------------------------------------------------------

CONTROL_TEXT = st.sampled_from(
    ["a\x00b", "\x00", "件名\x07", "a\x1bb", "\x7f", "\x85", "\ud800", "a\udfffb", "\x0c"]
)
TEXT = st.one_of(
    st.text(max_size=60),
    CONTROL_TEXT,
    st.sampled_from(["officer_a", "responder_a", "1(2)ア", "生活安全", "テスト", "-1", "=1+1"]),
)
EXTREME_DATE_VALUES = [
    "0001-01-01",
    "1899-12-31",
    "1900-01-01",
    "2200-12-31",
    "2201-01-01",
    "9999-06-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-02-28\x00",
]
EXTREME_DATES = st.sampled_from(EXTREME_DATE_VALUES)
# Extremes weigh twice as much as ordinary dates: they are what breaks date arithmetic.
DATE_TEXT = st.one_of(EXTREME_DATES, EXTREME_DATES, st.dates().map(date.isoformat))
NUMBER = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 12, 13, 2**31, 2**63, 10**13 + 1]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1e309", "NaN", "-0", "１２"]),
)


def _value(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    choices = []
    for variant in _variants(schema):
        kind = variant.get("type")
        if "enum" in variant:
            choices.append(st.sampled_from(variant["enum"]))
        if kind == "string" and variant.get("format") == "date":
            choices.append(DATE_TEXT)
        elif kind == "string" and variant.get("format") == "date-time":
            choices.append(DATE_TEXT.map(lambda day: day + "T09:00:00+09:00"))
        elif kind == "string":
            choices.append(TEXT)
        elif kind in ("integer", "number"):
            choices.append(NUMBER)
        elif kind == "boolean":
            choices.append(st.booleans())
        elif kind == "array":
            choices.append(st.lists(_value(variant.get("items", {})), max_size=3))
        elif kind == "object":
            choices.append(
                st.dictionaries(st.sampled_from(["1", "2", "x", "-1"]), NUMBER, max_size=2)
            )
        elif kind == "null":
            choices.append(st.none())
    if not any(variant.get("type") == "string" for variant in _variants(schema)):
        choices.append(TEXT)  # whatever the type, a caller can send text
    return st.one_of(choices)


def _fields(
    properties: dict[str, dict[str, Any]], required: set[str]
) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {name: _value(properties[name]) for name in required},
        optional={
            name: _value(schema) for name, schema in properties.items() if name not in required
        },
    )


# Bodies that succeed (or fail only on a rule), so that a value changed in one or two fields
# reaches the service and its rules, not only the schema.
GOOD_BODIES: dict[str, dict[str, Any]] = {
    "POST /api/v1/notices": {"title": "周知", "body": "本文"},
    "PUT /api/v1/notices/{notice_id}": {"title": "周知", "body": "本文"},
    "POST /api/v1/desk/inquiries": {"category": "生活安全", "subject": "件名", "body": "本文"},
    "POST /api/v1/desk/inquiries/{inquiry_id}/messages": {"body": "追記", "kind": "follow_up"},
    "POST /api/v1/desk/inquiries/{inquiry_id}/status": {"status": "in_progress"},
    "POST /api/v1/knowledge/articles": {"title": "題", "question": "問", "answer": "答"},
    "POST /api/v1/knowledge/manuals": {
        "title": "要領",
        "text": "# 第1章\n本文",
        "effective_date": "2026-04-01",
    },
    "POST /api/v1/initiatives": {
        "title": "取組",
        "category": "1(2)ア",
        "owner": "officer_a",
        "goal": "目標",
        "start_date": "2026-04-01",
        "update_every_months": 12,
    },
    "POST /api/v1/initiatives/{initiative_id}/updates": {
        "period_end": "2026-05-31",
        "done": "実施",
        "health": "green",
    },
}


def _is_date_or_number(schema: dict[str, Any]) -> bool:
    return any(
        variant.get("type") in ("integer", "number") or "format" in variant
        for variant in _variants(schema)
    )


def _bodies(operation: Operation) -> st.SearchStrategy[Any]:
    if not operation.body:
        return st.none()
    anything = _fields(operation.body, operation.required_body)
    good = GOOD_BODIES.get(str(operation))
    if good is None:
        return anything
    # Dates and numbers are changed three times as often as text: they feed arithmetic.
    names = [
        name
        for name in sorted(operation.body)
        for _ in range(3 if _is_date_or_number(operation.body[name]) else 1)
    ]
    one_or_two = st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {name: _value(operation.body[name]) for name in chosen}
        )
    )
    return st.one_of(one_or_two.map(lambda change: {**good, **change}), anything)


# Who sends each operation: someone it succeeds for (the officer follows up their own inquiry,
# the responder moves it on, a publisher manages manuals); everything else as the administrator.
SENDERS = {
    "POST /api/v1/desk/inquiries/{inquiry_id}/messages": "officer_a",
    "POST /api/v1/desk/inquiries/{inquiry_id}/status": "responder_a",
    "POST /api/v1/knowledge/manuals": "responder_a",
    "POST /api/v1/knowledge/manuals/{manual_id}/proposals": "responder_a",
}


def _client(world: World, operation: Operation) -> Client:
    return sign_in(Client(), world.users[SENDERS.get(str(operation), "admin_a")])


# --- Requests ------------------------------------------------------------------------------


@pytest.fixture
def ids(world: World) -> dict[str, int]:
    """Path ids of records that exist, so the requests reach their services; responder_a
    publishes knowledge."""
    make_publisher(world)
    desk = make_desk(world)
    return {
        "initiative_id": make_initiative(world).pk,
        "inquiry_id": make_inquiry(world.users["officer_a"], desk).pk,
        "article_id": make_article(world.users["responder_a"], validated=False).pk,
        "notice_id": make_notice(author=world.users["admin_a"]).pk,
    }


def _address(operation: Operation, ids: dict[str, int]) -> str:
    path = operation.path
    for name, value in ids.items():
        path = path.replace("{" + name + "}", str(value))
    while "{" in path:
        start = path.index("{")
        path = path[:start] + "1" + path[path.index("}") + 1 :]
    return path


def _query_string(query: dict[str, Any]) -> str:
    """The query as a client would write it; a lone surrogate goes as the bytes it would be
    encoded to (not valid UTF-8), a list as repeated keys, None not at all."""
    parts = []
    for key, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                parts.append(f"{quote(key)}={quote(str(item), errors='surrogatepass')}")
    return "&".join(parts)


def _send(
    client: Client, operation: Operation, ids: dict[str, int], query: dict[str, Any], body: Any
) -> Any:
    address = _address(operation, ids)
    if query:
        address += "?" + _query_string(query)
    if operation.method == "GET":
        return client.get(address)
    method = getattr(client, operation.method.lower())
    payload = json.dumps(body).encode()  # ASCII JSON: a lone surrogate travels as an escape
    return method(address, data=payload, content_type="application/json")


def _counts() -> list[int]:
    """Rows of every kind an operation could write: nothing is kept from a refused request."""
    from suishin.core.models import Notice
    from suishin.desk.models import InquiryMessage
    from suishin.initiatives.models import ProgressUpdate
    from suishin.knowledge.models import Article, Manual, RevisionProposal

    models = (Initiative, Inquiry, InquiryMessage, Notice, Article, Manual, RevisionProposal)
    return [model.objects.count() for model in (*models, ProgressUpdate)]


def _string_cases() -> list[tuple[Operation, str, str]]:
    cases = []
    for operation in OPERATIONS:
        for name, schema in operation.query.items():
            if _takes_free_text(schema):
                cases.append((operation, "query", name))
        for name, schema in operation.body.items():
            if _takes_free_text(schema):
                cases.append((operation, "body", name))
    return cases


STRING_CASES = _string_cases()


def test_the_document_lists_the_operations_that_take_input() -> None:
    names = {str(operation) for operation in OPERATIONS}
    assert {
        "POST /api/v1/desk/inquiries",
        "POST /api/v1/initiatives",
        "GET /api/v1/search",
    } <= names
    assert len(STRING_CASES) >= 40


@pytest.mark.parametrize(
    ("operation", "where", "name"),
    STRING_CASES,
    ids=[f"{operation} {where}.{name}" for operation, where, name in STRING_CASES],
)
def test_every_string_field_refuses_nul(
    world: World, ids: dict[str, int], operation: Operation, where: str, name: str
) -> None:
    client = _client(world, operation)
    schema = (operation.query if where == "query" else operation.body)[name]
    is_list = any(variant.get("type") == "array" for variant in _variants(schema))
    value: Any = ["a\x00b"] if is_list else "a\x00b"
    before = _counts()
    if where == "query":
        response = _send(client, operation, ids, {name: value[0] if is_list else value}, {})
    else:
        response = _send(client, operation, ids, {}, {name: value})
    assert response.status_code == 422, response.content
    fields = response.json()["error"]["fields"]
    messages = [
        text for key, texts in fields.items() if key.split(".")[0] == name for text in texts
    ]
    assert CONTROL_MESSAGE in messages, fields
    assert _counts() == before


FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_no_input_to_any_operation_is_a_server_error(
    world: World, ids: dict[str, int], operation: Operation
) -> None:
    client = _client(world, operation)

    @FUZZ
    @given(
        query=_fields(operation.query, operation.required_query),
        body=_bodies(operation),
    )
    def request(query: dict[str, Any], body: Any) -> None:
        response = _send(client, operation, ids, query, body)
        assert response.status_code < 500, (query, body)
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}

    request()


EXTREME_NUMBERS = [0, -1, 13, 2**31, 2**63, 10**13 + 1, "1e309", "NaN", 1.5]


def _edge_cases() -> list[tuple[Operation, str, Any]]:
    """Each field of each known-good body set, one at a time, to every extreme of its kind."""
    cases = []
    for operation in OPERATIONS:
        if str(operation) not in GOOD_BODIES:
            continue
        for name, schema in operation.body.items():
            formats = {variant.get("format") for variant in _variants(schema)}
            if "date" in formats:
                values: list[Any] = list(EXTREME_DATE_VALUES)
            elif "date-time" in formats:
                values = [day + "T09:00:00+09:00" for day in EXTREME_DATE_VALUES]
            elif _is_date_or_number(schema):
                values = EXTREME_NUMBERS
            else:
                values = ["a\x00b", "\ud800", "", " ", "=1+1", "x" * 100_001]
            cases += [(operation, name, value) for value in values]
    return cases


def test_every_good_body_is_accepted(world: World, ids: dict[str, int]) -> None:
    """The starting point of the field-by-field cases: without it they would test a refusal."""
    for name, body in GOOD_BODIES.items():
        operation = next(op for op in OPERATIONS if str(op) == name)
        response = _send(_client(world, operation), operation, ids, {}, body)
        assert response.status_code in (200, 201), (name, response.content[:300])


def test_every_field_of_every_body_at_its_extremes_is_answered_without_a_server_error(
    world: World, ids: dict[str, int]
) -> None:
    cases = _edge_cases()
    assert len(cases) > 150
    failures = []
    for operation, name, value in cases:
        body = {**GOOD_BODIES[str(operation)], name: value}
        response = _send(_client(world, operation), operation, ids, {}, body)
        if response.status_code >= 500 or (
            response.status_code >= 400 and set(response.json()) != {"error"}
        ):
            failures.append((str(operation), name, value, response.status_code))
    assert failures == []
