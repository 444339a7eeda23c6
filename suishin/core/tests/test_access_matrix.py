"""Every page and API operation of core, for every persona: allowed or denied, as designed.

The two completeness tests fail when a URL or API operation exists that no matrix row covers,
so a new view or endpoint cannot ship without its access rules being written down here (or in
its own app's matrix, registered in ``MATRICES``).
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from suishin.core.services.files import file_attach
from suishin.core.services.notifications import notification_create
from suishin.core.services.tokens import api_token_create
from suishin.core.tests.factories import make_notice
from suishin.testing.access import Row, api_operations, expect, url_names
from suishin.testing.personas import PERSONA_NAMES, World

# The 県A notice is readable by 県A personas and hidden (404) from the others.
HIDDEN = {"officer_b": 404, "national_secretariat": 404}

PAGES: dict[str, Row] = {
    "core:home": Row(expect(200)),
    "core:login": Row(expect(302, anonymous=200)),
    "core:login_verify": Row(expect(302)),
    "core:login_enroll": Row(expect(302)),
    "core:logout": Row(expect(302), method="post"),
    "core:healthz": Row(expect(200, anonymous=200)),
    "core:notice_list": Row(expect(200)),
    "core:notice_create": Row(expect(403, admin_a=200, national_secretariat=200)),
    "core:notice_detail": Row(expect(200, **HIDDEN), kwargs=lambda o: {"pk": o.notice.pk}),
    "core:notice_edit": Row(
        expect(403, admin_a=200, national_secretariat=404), kwargs=lambda o: {"pk": o.notice.pk}
    ),
    "core:notice_delete": Row(
        expect(403, admin_a=302, national_secretariat=404),
        method="post",
        kwargs=lambda o: {"pk": o.notice.pk},
    ),
    "core:file_download": Row(expect(200, **HIDDEN), kwargs=lambda o: {"file_uuid": o.file.uuid}),
    "core:account": Row(expect(200)),
    "core:account_mfa": Row(expect(200)),
    "core:account_mfa_disable": Row(expect(302), method="post"),
    "core:api_token_create": Row(
        expect(200), method="post", data=lambda o: {"name": "連携", "scope": "read", "days": "30"}
    ),
    "core:api_token_revoke": Row(
        expect(404, officer_a=302), method="post", kwargs=lambda o: {"pk": o.token.pk}
    ),
    "core:notification_list": Row(expect(200)),
    "core:notification_open": Row(
        expect(404, officer_a=302), method="post", kwargs=lambda o: {"pk": o.notification.pk}
    ),
    "core:notification_read_all": Row(expect(302), method="post"),
    "core:audit_list": Row(expect(403, auditor_a=200)),
    "core:audit_export": Row(expect(403, auditor_a=200)),
}

NOTICE_JSON = {"title": "API からの掲載", "body": "本文", "classification": 2}

API: dict[str, Row] = {
    "GET /api/v1/openapi.json": Row(expect(200, anonymous=200)),
    "GET /api/v1/me": Row(expect(200, anonymous=401)),
    "GET /api/v1/organizations": Row(expect(200, anonymous=401)),
    "GET /api/v1/notices": Row(expect(200, anonymous=401)),
    "POST /api/v1/notices": Row(
        expect(403, admin_a=201, national_secretariat=201, anonymous=401),
        method="post",
        data=lambda o: NOTICE_JSON,
        json=True,
    ),
    "GET /api/v1/notices/{notice_id}": Row(expect(200, **HIDDEN, anonymous=401)),
    "PUT /api/v1/notices/{notice_id}": Row(
        expect(403, admin_a=200, **HIDDEN, anonymous=401),
        method="put",
        data=lambda o: NOTICE_JSON,
        json=True,
    ),
    "DELETE /api/v1/notices/{notice_id}": Row(
        expect(403, admin_a=204, **HIDDEN, anonymous=401), method="delete"
    ),
    "GET /api/v1/audit": Row(expect(403, auditor_a=200, anonymous=401)),
}

# Other apps append their own matrices here (name -> Row) when they add URLs.
MATRICES: list[dict[str, Row]] = [PAGES]
API_MATRICES: list[dict[str, Row]] = [API]


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    admin = world.users["admin_a"]
    notice = make_notice(author=admin, organization=world.hq_a)
    upload = SimpleUploadedFile("memo.txt", "添付の本文".encode(), content_type="text/plain")
    stored = file_attach(actor=admin, record=notice, upload=upload)
    token, _raw = api_token_create(
        actor=world.users["officer_a"], name="連携", scopes=["read"], days=30
    )
    notification = notification_create(
        recipient=world.users["officer_a"],
        kind="test",
        title="確認してください",
        url=notice.get_absolute_url(),
    )
    return SimpleNamespace(notice=notice, file=stored, token=token, notification=notification)


def _call(client: Any, method: str, url: str, row: Row, objects: SimpleNamespace) -> Any:
    data = row.data(objects)
    if row.json:
        return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")
    return getattr(client, method)(url, data=data or {})


def _all_page_rows() -> dict[str, Row]:
    return {name: row for matrix in MATRICES for name, row in matrix.items()}


def _all_api_rows() -> dict[str, Row]:
    return {name: row for matrix in API_MATRICES for name, row in matrix.items()}


def test_every_url_is_in_the_access_matrix() -> None:
    api_names = {name for name in url_names() if name.startswith("api:")}
    missing = url_names() - api_names - set(_all_page_rows())
    assert not missing, f"add these URL names to an access matrix: {sorted(missing)}"


def test_every_api_operation_is_in_the_access_matrix() -> None:
    missing = api_operations() - {key for key in _all_api_rows() if "openapi" not in key}
    assert not missing, f"add these API operations to an access matrix: {sorted(missing)}"


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_page_access(
    url_name: str, persona: str, objects: SimpleNamespace, client_for: Any
) -> None:
    row = PAGES[url_name]
    response = _call(
        client_for(persona), row.method, reverse(url_name, kwargs=row.kwargs(objects)), row, objects
    )
    assert response.status_code == row.statuses[persona], (
        f"{persona} {row.method.upper()} {url_name}"
    )
    if (
        response.status_code == 302
        and persona == "anonymous"
        and url_name not in {"core:login_verify", "core:login_enroll"}
    ):
        assert response.url.startswith("/login/")


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("operation", sorted(API))
def test_api_access(
    operation: str, persona: str, objects: SimpleNamespace, client_for: Any
) -> None:
    row = API[operation]
    method, path = operation.split(" ", 1)
    url = path.replace("{notice_id}", str(objects.notice.pk))
    response = _call(client_for(persona), method.lower(), url, row, objects)
    assert response.status_code == row.statuses[persona], (
        f"{persona} {operation}: {response.content[:200]!r}"
    )
    if response.status_code >= 400:
        assert set(response.json()) == {"error"}


def test_hidden_and_missing_records_answer_alike(objects: SimpleNamespace, client_for: Any) -> None:
    client = client_for("officer_b")
    hidden = client.get(f"/api/v1/notices/{objects.notice.pk}")
    missing = client.get("/api/v1/notices/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    page_hidden = client.get(reverse("core:notice_detail", args=[objects.notice.pk]))
    page_missing = client.get(reverse("core:notice_detail", args=[999999]))
    assert _without_csrf(page_hidden.content) == _without_csrf(page_missing.content)


def _without_csrf(content: bytes) -> bytes:
    content = re.sub(rb'"X-CSRFToken": "[^"]+"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
