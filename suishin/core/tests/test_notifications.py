"""Notifications: in the app for the recipient only; e-mail once, by an idempotent task."""

from __future__ import annotations

from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from suishin.core.models import Notification, User
from suishin.core.services.notices import notice_create
from suishin.core.services.notifications import notification_create, notification_send_email
from suishin.testing.personas import World, sign_in


def test_named_readers_of_a_restricted_notice_are_notified_without_its_content(
    world: World,
) -> None:
    notice = notice_create(
        actor=world.users["admin_a"],
        title="内示の件",
        body="秘",
        classification=3,
        named_readers=[world.users["officer_a"], world.users["admin_a"]],
    )
    notification = Notification.objects.get()
    assert notification.recipient == world.users["officer_a"], "not the author"
    assert "内示" not in notification.title
    assert notification.url == notice.get_absolute_url()


def test_opening_a_notification_marks_it_read_and_goes_to_the_record(world: World) -> None:
    notification = notification_create(
        recipient=world.users["officer_a"],
        kind="test",
        title="確認",
        about=world.box_a,
        url="/notices/",
    )
    client = sign_in(Client(), world.users["officer_a"])
    assert "（1件未読）" in client.get("/").content.decode()
    response = client.get(reverse("core:notification_open", args=[notification.pk]))
    assert response["Location"] == "/notices/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "未読</span>" not in client.get(reverse("core:notification_list")).content.decode()


def test_an_outside_url_is_never_followed(world: World) -> None:
    notification = notification_create(
        recipient=world.users["officer_a"],
        kind="test",
        title="x",
        about=world.box_a,
        url="https://evil.example/",
    )
    response = sign_in(Client(), world.users["officer_a"]).get(
        reverse("core:notification_open", args=[notification.pk])
    )
    assert response["Location"] == "/"


@override_settings(
    EMAIL_HOST="mail.example.internal",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
def test_the_email_task_sends_once_however_often_it_runs(
    world: World, django_capture_on_commit_callbacks
) -> None:
    officer = world.users["officer_a"]
    User.objects.filter(pk=officer.pk).update(email="officer@example.internal")
    officer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notification_create(
            recipient=officer,
            kind="test",
            title="回答が届きました",
            about=world.box_a,
            url="/notices/",
        )
    assert len(callbacks) == 1, "the e-mail is queued after commit"
    assert notification_send_email(notification_id=notification.pk) is True
    assert notification_send_email(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "回答が届きました"
    assert mail.outbox[0].to == ["officer@example.internal"]


def test_without_mail_settings_nothing_is_queued(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification_create(
            recipient=world.users["officer_a"],
            kind="test",
            title="x",
            about=world.box_a,
            url="/",
        )
    assert callbacks == []


def test_the_list_names_what_a_notification_is_about_only_to_a_reader_who_may_see_it(
    world: World,
) -> None:
    notice = notice_create(
        actor=world.users["admin_a"],
        title="内示の件（人事）",
        body="秘",
        classification=3,
        named_readers=[world.users["officer_a"], world.users["admin_a"]],
    )
    # A notification about the same notice reaching someone who is not a named reader (as
    # after the reader list changed): the list gives its title, never the notice's name.
    notification_create(
        recipient=world.users["auditor_a"],
        kind="notice.named_reader",
        title="お知らせ",
        about=notice,
    )
    named = sign_in(Client(), world.users["officer_a"])
    assert "「内示の件（人事）」" in named.get(reverse("core:notification_list")).content.decode()
    other = sign_in(Client(), world.users["auditor_a"]).get(reverse("core:notification_list"))
    page = other.content.decode()
    assert "お知らせ" in page and "内示の件" not in page


def test_the_list_filters_by_state_and_by_what_it_is_about(world: World) -> None:
    officer = world.users["officer_a"]
    first = notification_create(
        recipient=officer, kind="test", title="一件目の通知", about=world.box_a, url="/"
    )
    notification_create(
        recipient=officer, kind="test", title="二件目の通知", about=officer, url="/"
    )
    client = sign_in(Client(), officer)
    client.get(reverse("core:notification_open", args=[first.pk]))
    unread = client.get(reverse("core:notification_list"), {"state": "unread"}).content.decode()
    assert "二件目の通知" in unread and "一件目の通知" not in unread
    everything = client.get(reverse("core:notification_list")).content.decode()
    assert "一件目の通知" in everything and "二件目の通知" in everything
    refused = client.get(reverse("core:notification_list"), {"about": "nowhere"})
    assert (
        refused.status_code == 200 and "「nowhere」は一覧にありません" in refused.content.decode()
    )
