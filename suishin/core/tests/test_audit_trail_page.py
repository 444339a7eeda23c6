"""The auditor's audit trail: actions and records named in Japanese, links only to records
the auditor may open, choice filters, a page to jump to, and a CSV in the screen's words."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from suishin.core.models import AuditEntry
from suishin.core.services.audit import audit_log
from suishin.core.services.notices import notice_create
from suishin.testing.personas import World

pytestmark = pytest.mark.django_db


def _csv(response: Any) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_actions_and_records_are_named_and_linked_only_where_the_auditor_may_read(
    world: World, client_for: Any
) -> None:
    open_notice = notice_create(
        actor=world.users["admin_a"], title="全体への周知", body="本文", classification=2
    )
    restricted = notice_create(
        actor=world.users["admin_a"],
        title="人事の内示",
        body="秘",
        classification=3,
        named_readers=[world.users["admin_a"]],
    )
    page = client_for("auditor_a").get(reverse("core:audit_list")).content.decode()
    assert "記録の作成" in page, "the action in words"
    assert "record.created" in page, "with its code beside it"
    assert f'href="{open_notice.get_absolute_url()}"' in page
    assert f'href="{restricted.get_absolute_url()}"' not in page, "no link past need-to-know"
    assert f"#{restricted.pk}" in page, "the entry itself is still listed"
    assert "人事の内示" not in page and "全体への周知" not in page, "entries hold no content"


def test_the_filters_are_choices_and_a_bad_choice_is_refused_in_japanese(
    world: World, client_for: Any
) -> None:
    audit_log(actor=world.users["admin_a"], action="user.unlocked", target=world.users["officer_a"])
    audit_log(actor=world.users["admin_a"], action="login.failed")
    client = client_for("auditor_a")
    page = client.get(reverse("core:audit_list")).content.decode()
    assert '<option value="user.unlocked">アカウントのロック解除</option>' in page
    filtered = client.get(reverse("core:audit_list"), {"action": "user.unlocked"}).content.decode()
    assert "アカウントのロック解除" in filtered.split("<tbody>", 1)[1]
    assert "ログイン失敗" not in filtered.split("<tbody>", 1)[1]
    refused = client.get(reverse("core:audit_list"), {"object_type": "nowhere.model"})
    assert "「nowhere.model」は一覧にありません" in refused.content.decode()


def test_a_long_trail_offers_a_page_to_jump_to(world: World, client_for: Any) -> None:
    for _ in range(160):
        audit_log(actor=world.users["admin_a"], action="login.failed")
    client = client_for("auditor_a")
    page = client.get(reverse("core:audit_list")).content.decode()
    assert 'name="page" type="number"' in page
    assert 'max="4"' in page, "162 entries or more, 50 to a page"
    third = client.get(reverse("core:audit_list"), {"page": "3"}).content.decode()
    assert "ページ中3ページ目" in third


def test_the_csv_has_japanese_headers_and_the_times_the_screen_shows(
    world: World, client_for: Any
) -> None:
    audit_log(actor=world.users["admin_a"], action="user.unlocked", target=world.users["officer_a"])
    rows = _csv(client_for("auditor_a").get(reverse("core:audit_export")))
    header = rows[0]
    assert header[:3] == ["番号", "日時（日本時間）", "ユーザー名"]
    assert "操作" in header and "操作コード" in header
    entry = AuditEntry.objects.filter(action="user.unlocked").get()
    row = next(r for r in rows[1:] if r[0] == str(entry.sequence))
    from django.utils import timezone

    assert row[1] == timezone.localtime(entry.occurred_at).strftime("%Y-%m-%d %H:%M:%S")
    assert row[header.index("操作")] == "アカウントのロック解除"
    assert row[header.index("対象の種類")] == "ユーザー"
