"""The desk API: what other police systems can do, and what they may not."""

from __future__ import annotations

import json
from typing import Any

import pytest

from suishin.core.services.tokens import api_token_create
from suishin.desk.models import Inquiry
from suishin.desk.tests.factories import make_desk
from suishin.testing.personas import World

pytestmark = pytest.mark.django_db


def post(client: Any, path: str, data: dict[str, Any], **headers: Any) -> Any:
    return client.post(path, data=json.dumps(data), content_type="application/json", **headers)


def test_ask_answer_and_resolve_through_the_api(world: World, client_for: Any) -> None:
    make_desk(world)
    officer, responder = client_for("officer_a"), client_for("responder_a")
    created = post(
        officer,
        "/api/v1/desk/inquiries",
        {
            "category": "生活安全",
            "urgency": "urgent",
            "subject": "職務質問の根拠",
            "body": "根拠条文は。",
        },
    )
    assert created.status_code == 201, created.content
    inquiry_id = created.json()["id"]
    assert created.json()["assignee"] == "responder_a"
    listed = responder.get("/api/v1/desk/inquiries?status=open&urgency=urgent").json()
    assert [row["id"] for row in listed["items"]] == [inquiry_id]
    assert "body" not in listed["items"][0]
    note = post(
        responder,
        f"/api/v1/desk/inquiries/{inquiry_id}/messages",
        {"body": "確認中", "kind": "note"},
    )
    assert note.status_code == 201
    reply = post(
        responder,
        f"/api/v1/desk/inquiries/{inquiry_id}/messages",
        {"body": "警察官職務執行法第2条です。", "kind": "reply", "seen_message_id": 0},
    )
    assert reply.status_code == 201
    assert [m["body"] for m in reply.json()["missed"]] == ["確認中"]
    seen_by_officer = officer.get(f"/api/v1/desk/inquiries/{inquiry_id}").json()
    assert seen_by_officer["status"] == "answered"
    assert [m["kind"] for m in seen_by_officer["messages"]] == ["reply"], "no internal notes"
    resolved = post(officer, f"/api/v1/desk/inquiries/{inquiry_id}/status", {"status": "resolved"})
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"


def test_bad_input_gets_one_error_format_and_changes_nothing(world: World, client_for: Any) -> None:
    make_desk(world)
    client = client_for("officer_a")
    unknown = post(
        client, "/api/v1/desk/inquiries", {"category": "未知", "subject": "x", "body": "y"}
    )
    assert unknown.status_code == 422
    assert "生活安全" in unknown.json()["error"]["fields"]["category"][0]
    empty = post(client, "/api/v1/desk/inquiries", {"category": "交通", "subject": "", "body": "y"})
    assert empty.status_code == 422 and set(empty.json()) == {"error"}
    restricted_level = post(
        client,
        "/api/v1/desk/inquiries",
        {"category": "交通", "subject": "x", "body": "y", "classification": 1},
    )
    assert restricted_level.status_code == 422
    assert not Inquiry.objects.exists()


def test_a_read_token_cannot_write(world: World, client: Any) -> None:
    make_desk(world)
    _token, raw = api_token_create(
        actor=world.users["officer_a"], name="照会連携", scopes=["read"], days=30
    )
    response = post(
        client,
        "/api/v1/desk/inquiries",
        {"category": "交通", "subject": "x", "body": "y"},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403
    listed = client.get("/api/v1/desk/inquiries", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert listed.status_code == 200
