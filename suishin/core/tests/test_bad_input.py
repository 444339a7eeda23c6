"""No input produces a server error: arbitrary text in every form field and API field."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suishin.core.models import Notice
from suishin.testing.personas import World, sign_in

NASTY = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "' OR 1=1 --",
            '"; DROP TABLE core_notice; --',
            "<script>",
            "𠮷野家🍚",
            "ｱｲｳ",
            "9" * 400,
            "-1",
            "1e309",
            "a\x1bb",
            "\x7f",
            "\x85",
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "2026-02-30",
            str(2**63),
        ]
    ),
)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

FORMS = {
    "/notices/new/": [
        "title",
        "body",
        "classification",
        "shared_nationwide",
        "shared_organizations",
        "named_readers",
    ],
    "/account/": ["date_style", "language"],
    "/account/tokens/": ["name", "scope", "days"],
    "/login/": ["username", "password"],
}


@pytest.mark.parametrize("path", sorted(FORMS))
def test_form_posts_never_fail_with_a_server_error(world: World, path: str) -> None:
    client = sign_in(Client(), world.users["admin_a"]) if path != "/login/" else Client()

    @FUZZ
    @given(values=st.lists(NASTY, min_size=len(FORMS[path]), max_size=len(FORMS[path])))
    def post(values: list[str]) -> None:
        response = client.post(path, dict(zip(FORMS[path], values, strict=True)))
        assert response.status_code < 500

    post()


def test_audit_filters_never_fail_with_a_server_error(world: World) -> None:
    client = sign_in(Client(), world.users["auditor_a"])
    fields = [
        "date_from_0",
        "date_from_1",
        "date_from_2",
        "date_to_0",
        "date_to_1",
        "date_to_2",
        "action",
        "username",
        "object_type",
        "page",
    ]

    @FUZZ
    @given(values=st.lists(NASTY, min_size=len(fields), max_size=len(fields)))
    def query(values: list[str]) -> None:
        params = dict(zip(fields, values, strict=True))
        assert client.get("/audit/", params).status_code < 500

    query()


def test_api_payloads_never_fail_with_a_server_error(world: World) -> None:
    client = sign_in(Client(), world.users["admin_a"])
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NASTY,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=10), children, max_size=3)
        ),
        max_leaves=8,
    )
    payloads = st.fixed_dictionaries(
        {},
        optional={
            "title": json_values,
            "body": json_values,
            "classification": json_values,
            "shared_nationwide": json_values,
            "shared_organization_ids": json_values,
            "named_reader_usernames": json_values,
        },
    )

    @FUZZ
    @given(payload=payloads)
    def post(payload: dict[str, object]) -> None:
        before = Notice.objects.count()
        response = client.post(
            "/api/v1/notices", data=json.dumps(payload), content_type="application/json"
        )
        assert response.status_code in {201, 400, 403, 422}, response.content
        if response.status_code != 201:
            assert Notice.objects.count() == before
            assert set(response.json()) == {"error"}

    post()


@given(
    query=st.dictionaries(
        st.sampled_from(["limit", "offset", "classification", "organization_id"]), NASTY, max_size=4
    )
)
@FUZZ
def test_api_query_parameters_never_fail_with_a_server_error(
    world: World, query: dict[str, str]
) -> None:
    client = sign_in(Client(), world.users["officer_a"])
    response = client.get("/api/v1/notices", query)
    assert response.status_code in {200, 422}


def test_impossible_ids_in_urls_are_not_found_or_invalid(world: World) -> None:
    client = sign_in(Client(), world.users["officer_a"])
    huge = "9" * 40
    assert client.get(f"/notices/{huge}/").status_code == 404
    assert client.get(f"/files/{huge}/").status_code == 404
    assert client.get(f"/api/v1/notices/{huge}").status_code == 422
    assert client.get("/notices/?page=" + huge).status_code == 200


def test_services_refuse_control_characters_whatever_door_they_came_through(world: World) -> None:
    from suishin.core.errors import InvalidInput
    from suishin.core.services.notices import notice_create

    admin = world.users["admin_a"]

    def create(title: str, body: str) -> Notice:
        return notice_create(actor=admin, title=title, body=body, classification=2)

    with pytest.raises(InvalidInput) as raised:
        create("周知\u202e甲乙", "本文\x07")
    assert set(raised.value.fields) == {"title", "body"}
    assert raised.value.fields["title"] == ["制御文字（NUL など）は入力できません。"]
    before = Notice.objects.count()
    client = sign_in(Client(), admin)
    page = client.post(
        "/notices/new/", {"title": "件名\x1b[31m", "body": "本文", "classification": "2"}
    )
    assert (
        page.status_code == 200
        and "制御文字（NUL など）は入力できません。" in page.content.decode()
    )
    assert Notice.objects.count() == before
    # Line breaks and tabs in text over several lines are kept.
    assert create("周知", "一行目\n\t二行目").body == "一行目\n\t二行目"
