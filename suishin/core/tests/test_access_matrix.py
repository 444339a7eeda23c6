"""Every page and API operation of core, for every persona: allowed or denied, as designed.

The two completeness tests fail when a URL or API operation exists that no matrix row covers,
so a new view or endpoint cannot ship without its access rules being written down here (or in
its own app's matrix, registered in ``MATRICES``).
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from suishin.core.choices import ClassificationChoices
from suishin.core.services.files import file_attach
from suishin.core.services.notifications import notification_create
from suishin.core.services.tokens import api_token_create
from suishin.core.tests.access_rows import API, PAGES
from suishin.core.tests.factories import make_notice
from suishin.testing.access import Markers, all_rows, api_operations, matrix_tests, url_names
from suishin.testing.personas import World


def build_objects(world: World) -> SimpleNamespace:
    """The records this matrix reads, and the markers hidden in them from each persona (the
    cross-app content test builds every app's together)."""
    admin = world.users["admin_a"]
    markers = Markers()
    notice = make_notice(author=admin, organization=world.hq_a)
    make_notice(
        author=admin,
        classification=ClassificationChoices.RESTRICTED,
        title=markers.hide("指定者限りのお知らせCORE3", readers=("admin_a",)),
    )
    make_notice(
        author=world.users["officer_b"],
        title="県Bのお知らせ",
        body=markers.hide("県Bだけのお知らせ本文CORE", readers=("officer_b",)),
    )
    upload = SimpleUploadedFile("memo.txt", "添付の本文".encode(), content_type="text/plain")
    stored = file_attach(actor=admin, record=notice, upload=upload)
    token, _raw = api_token_create(
        actor=world.users["officer_a"], name="連携", scopes=["read"], days=30
    )
    notification = notification_create(
        recipient=world.users["officer_a"],
        kind="test",
        title="確認してください",
        about=notice,
    )
    return SimpleNamespace(
        markers=markers, notice=notice, file=stored, token=token, notification=notification
    )


def test_every_url_is_in_the_access_matrix() -> None:
    api_names = {name for name in url_names() if name.startswith("api:")}
    missing = url_names() - api_names - set(all_rows()[0])
    assert not missing, f"add these URL names to an access matrix: {sorted(missing)}"


def test_every_api_operation_is_in_the_access_matrix() -> None:
    missing = api_operations() - {key for key in all_rows()[1] if "openapi" not in key}
    assert not missing, f"add these API operations to an access matrix: {sorted(missing)}"


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    return build_objects(world)


test_page_access, test_api_access = matrix_tests(
    PAGES, API, lambda objects: {"notice_id": objects.notice.pk}
)


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
