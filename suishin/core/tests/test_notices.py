"""Notices through the pages: posting, editing, deleting, and bad input that changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from suishin.core.choices import ClassificationChoices
from suishin.core.models import AuditEntry, Notice
from suishin.core.tests.factories import make_notice
from suishin.testing.personas import World, sign_in

VALID = {"title": "遺失物取扱いの変更", "body": "本文", "classification": "2"}


def test_posting_a_notice_records_it_and_its_audit_entry(world: World) -> None:
    client = sign_in(Client(), world.users["admin_a"])
    response = client.post(
        reverse("core:notice_create"), {**VALID, "shared_organizations": [world.pref_b.pk]}
    )
    notice = Notice.objects.get()
    assert response["Location"] == notice.get_absolute_url()
    assert list(notice.shared_organizations.all()) == [world.pref_b]
    entry = AuditEntry.objects.filter(action="record.created").latest("sequence")
    assert entry.object_type == "core.notice"
    assert entry.detail["shared_organizations"] == [world.pref_b.pk]
    assert "遺失物" not in str(entry.detail), "no record content in the audit trail"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"title": ""}, "件名を入力してください。"),
        ({"title": "x" * 201}, "件名は200文字以内で入力してください（現在 201 文字）。"),
        ({"classification": "9"}, "機密性の「9」は一覧にありません。一覧から選んでください。"),
        (
            {"classification": "3", "shared_nationwide": "on"},
            "機密性3の記録は、指定した人にだけ共有できます。",
        ),
        (
            {"classification": "2", "named_readers": "officer_a"},
            "閲覧者の指定は機密性3の記録にだけ使えます。",
        ),
        (
            {"classification": "3", "named_readers": "nobody"},
            "次のユーザー名が見つかりません：nobody",
        ),
    ],
)
def test_bad_input_is_explained_in_japanese_and_saves_nothing(
    world: World, override: dict[str, str], message: str
) -> None:
    client = sign_in(Client(), world.users["admin_a"])
    entries_before = AuditEntry.objects.count()
    response = client.post(reverse("core:notice_create"), {**VALID, **override})
    assert response.status_code == 200
    html = response.content.decode()
    assert "操作を完了できませんでした" in html
    assert message in html
    assert not Notice.objects.exists()
    assert AuditEntry.objects.count() == entries_before


def test_restricted_notice_for_named_readers_is_posted(world: World) -> None:
    client = sign_in(Client(), world.users["admin_a"])
    client.post(
        reverse("core:notice_create"),
        {**VALID, "classification": "3", "named_readers": "officer_b\nofficer_a"},
    )
    notice = Notice.objects.get()
    assert set(notice.named_readers.values_list("username", flat=True)) == {
        "officer_a",
        "officer_b",
    }
    assert notice.classification == ClassificationChoices.RESTRICTED


def test_editing_and_deleting_are_audited(world: World) -> None:
    admin = world.users["admin_a"]
    notice = make_notice(author=admin, organization=world.hq_a)
    client = sign_in(Client(), admin)
    client.post(reverse("core:notice_edit", args=[notice.pk]), {**VALID, "title": "改題"})
    notice.refresh_from_db()
    assert notice.title == "改題"
    client.post(reverse("core:notice_delete", args=[notice.pk]))
    assert not Notice.objects.exists()
    actions = list(
        AuditEntry.objects.filter(object_type="core.notice")
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["record.updated", "record.deleted"]


def test_a_denied_action_is_audited(world: World) -> None:
    response = sign_in(Client(), world.users["officer_a"]).get(reverse("core:notice_create"))
    assert response.status_code == 403
    assert "このページを開く権限がありません" in response.content.decode()
    entry = AuditEntry.objects.filter(action="access.denied").latest("sequence")
    assert entry.actor_username == "officer_a"
    assert entry.detail == {"path_name": "core:notice_create"}


def test_the_notice_list_runs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries
) -> None:
    for _ in range(30):
        make_notice(author=world.users["admin_a"])
    client = sign_in(Client(), world.users["officer_a"])
    client.get(reverse("core:notice_list"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("core:notice_list")).status_code == 200


def test_the_audit_page_runs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries
) -> None:
    for _ in range(3):
        make_notice(author=world.users["admin_a"])
    client = sign_in(Client(), world.users["auditor_a"])
    client.get(reverse("core:audit_list"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("core:audit_list")).status_code == 200


def test_a_notice_leaving_the_institution_may_not_carry_personal_data(world: World) -> None:
    from suishin.core.errors import InvalidInput
    from suishin.core.services.notices import notice_create

    admin = world.users["admin_a"]
    text = "拾得者は鈴木次郎さん（090-5555-6666）です。"
    for sharing in (
        {"shared_nationwide": True},
        {"shared_organizations": [world.pref_b]},
        {"classification": ClassificationChoices.PUBLIC},
    ):
        values = {"classification": ClassificationChoices.INTERNAL, **sharing}
        with pytest.raises(InvalidInput) as refused:
            notice_create(actor=admin, title="拾得物のお知らせ", body=text, **values)  # type: ignore[arg-type]
        assert "「090-5555-6666」" in str(refused.value.fields["body"])
    assert not Notice.objects.exists()
    # Within the institution it is the institution's own business.
    notice_create(
        actor=admin,
        title="拾得物のお知らせ",
        body=text,
        classification=ClassificationChoices.INTERNAL,
    )
