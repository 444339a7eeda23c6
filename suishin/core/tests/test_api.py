"""The JSON API: token and session authentication, scopes, the one error format."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from suishin.core.choices import ClassificationChoices
from suishin.core.models import ApiToken, AuditEntry, Notice
from suishin.core.services.tokens import api_token_create, api_token_revoke
from suishin.core.tests.factories import make_notice
from suishin.testing.personas import World, sign_in


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def post_json(
    client: Client, url: str, payload: object, headers: dict[str, str] | None = None
) -> Any:
    return client.post(
        url, data=json.dumps(payload), content_type="application/json", headers=headers
    )


def test_tokens_are_stored_only_as_a_hash(world: World) -> None:
    token, raw = api_token_create(
        actor=world.users["admin_a"], name="連携", scopes=["write"], days=30
    )
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in json.dumps([stored.key_hash, stored.prefix, stored.name])
    assert raw.startswith(stored.prefix)
    assert Client().get("/api/v1/me", headers=bearer(raw)).json()["username"] == "admin_a"


def test_expired_revoked_and_malformed_tokens_are_refused(world: World) -> None:
    user = world.users["officer_a"]
    expired, expired_raw = api_token_create(actor=user, name="期限切れ", scopes=["read"], days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    revoked, revoked_raw = api_token_create(actor=user, name="失効", scopes=["read"], days=1)
    api_token_revoke(actor=user, token=revoked)
    for raw in (expired_raw, revoked_raw, "ssn_not-a-token", "x" * 5000, ""):
        response = Client().get("/api/v1/me", headers=bearer(raw))
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


def test_a_read_scoped_token_cannot_write(world: World) -> None:
    _token, raw = api_token_create(
        actor=world.users["admin_a"], name="閲覧", scopes=["read"], days=30
    )
    response = post_json(
        Client(), "/api/v1/notices", {"title": "t", "body": "b"}, headers=bearer(raw)
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Notice.objects.exists()
    assert AuditEntry.objects.filter(action="access.denied").exists()


def test_a_write_scoped_token_creates_through_the_service(world: World) -> None:
    _token, raw = api_token_create(
        actor=world.users["admin_a"], name="更新", scopes=["write"], days=30
    )
    response = post_json(
        Client(), "/api/v1/notices", {"title": "件名", "body": "本文"}, bearer(raw)
    )
    assert response.status_code == 201, response.content
    notice = Notice.objects.get(pk=response.json()["id"])
    assert notice.organization == world.division_a
    assert AuditEntry.objects.filter(action="record.created", object_id=str(notice.pk)).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "本文"}, "title"),
        ({"title": "", "body": "本文"}, "title"),
        ({"title": "x" * 201, "body": "本文"}, "title"),
        ({"title": "t", "body": "b", "classification": 7}, "classification"),
        (
            {"title": "t", "body": "b", "shared_organization_ids": ["x"]},
            "shared_organization_ids.0",
        ),
        (
            {"title": "t", "body": "b", "shared_organization_ids": [999999]},
            "shared_organization_ids",
        ),
        (
            {"title": "t", "body": "b", "classification": 3, "shared_nationwide": True},
            "shared_organizations",
        ),
    ],
)
def test_invalid_input_gets_422_with_japanese_field_errors_and_writes_nothing(
    world: World, payload: dict[str, object], field: str
) -> None:
    client = sign_in(Client(), world.users["admin_a"])
    before = AuditEntry.objects.count()
    response = post_json(client, "/api/v1/notices", payload)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"].endswith("。"), "a Japanese sentence"
    assert field in error["fields"], error
    assert not Notice.objects.exists()
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("{not json", 400, "bad_request"),
        ("[]", 422, "validation_error"),
        ("null", 422, "validation_error"),
        ('"text"', 422, "validation_error"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused_clearly(
    world: World, body: str, status: int, code: str
) -> None:
    client = sign_in(Client(), world.users["admin_a"])
    response = client.post("/api/v1/notices", data=body, content_type="application/json")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert not Notice.objects.exists()


def test_session_writes_need_the_csrf_token(world: World) -> None:
    client = sign_in(Client(enforce_csrf_checks=True), world.users["admin_a"])
    response = post_json(client, "/api/v1/notices", {"title": "t", "body": "b"})
    assert response.status_code == 403
    assert set(response.json()) == {"error"}
    assert not Notice.objects.exists()


def test_lists_carry_no_body_and_reading_a_restricted_record_is_audited(world: World) -> None:
    author = world.users["responder_a"]
    restricted = make_notice(
        author=author,
        classification=ClassificationChoices.RESTRICTED,
        named_readers=[world.users["officer_a"]],
    )
    client = sign_in(Client(), world.users["officer_a"])
    listed = client.get("/api/v1/notices").json()
    assert listed["count"] == 1
    assert "body" not in listed["items"][0]
    assert not AuditEntry.objects.filter(action="record.viewed").exists()
    detail = client.get(f"/api/v1/notices/{restricted.pk}")
    assert detail.json()["body"] == "本文"
    viewed = AuditEntry.objects.get(action="record.viewed")
    assert (viewed.actor_username, viewed.object_id, viewed.classification) == (
        "officer_a",
        str(restricted.pk),
        3,
    )


def test_the_openapi_document_describes_the_error_format() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "ErrorOut" in schema["components"]["schemas"]
    assert "422" in schema["paths"]["/api/v1/notices"]["post"]["responses"]
