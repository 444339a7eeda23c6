"""Sign-in: passwords, lockout, second factor, idle timeout, and their audit entries."""

from __future__ import annotations

import time
from datetime import timedelta

import pyotp
import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from suishin.core.choices import RoleChoices
from suishin.core.middleware import SESSION_LAST_SEEN
from suishin.core.models import AuditEntry, User
from suishin.core.services.auth import totp_new_secret
from suishin.core.tests.factories import grant
from suishin.testing.personas import PASSWORD, World, sign_in

LOGIN = "/login/"


def post_login(client: Client, username: str, password: str = PASSWORD, **extra: str):
    return client.post(LOGIN + extra.get("query", ""), {"username": username, "password": password})


def enroll(user: User) -> pyotp.TOTP:
    secret = totp_new_secret()
    User.objects.filter(pk=user.pk).update(
        totp_secret=secret, totp_confirmed_at="2026-01-01T00:00:00Z"
    )
    return pyotp.TOTP(secret)


def test_an_officer_signs_in_with_a_password_and_it_is_audited(world: World) -> None:
    client = Client()
    response = post_login(client, "officer_a")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    entry = AuditEntry.objects.filter(action="login.succeeded").latest("sequence")
    assert entry.actor_username == "officer_a"
    assert entry.detail == {"method": "password"}


def test_a_wrong_password_gives_one_message_for_unknown_and_known_users(world: World) -> None:
    unknown = post_login(Client(), "nobody", "whatever-password")
    known = post_login(Client(), "officer_a", "wrong-password-1")
    for response in (unknown, known):
        assert response.status_code == 200
        assert "ユーザー名またはパスワードが正しくありません。" in response.content.decode()
    failures = AuditEntry.objects.filter(action="login.failed").order_by("sequence")
    assert [e.detail["reason"] for e in failures] == ["unknown_user", "bad_password"]
    assert all("nobody" not in str(e.detail) and e.actor_username == "" for e in failures), (
        "typed names are not logged"
    )


@override_settings(SUISHIN_LOGIN_MAX_FAILURES=3, SUISHIN_LOGIN_LOCK_MINUTES=15)
def test_repeated_failures_lock_the_account_even_against_the_right_password(world: World) -> None:
    for _ in range(3):
        post_login(Client(), "officer_a", "wrong-password-1")
    response = post_login(Client(), "officer_a")
    assert response.status_code == 200
    assert "一時的にログインを停止" in response.content.decode()
    assert AuditEntry.objects.filter(action="login.locked").count() == 1
    with freeze_time(timezone.now() + timedelta(minutes=16)):
        assert post_login(Client(), "officer_a").status_code == 302


def test_successful_sign_in_resets_the_failure_count(world: World) -> None:
    post_login(Client(), "officer_a", "wrong-password-1")
    post_login(Client(), "officer_a")
    assert User.objects.get(username="officer_a").failed_login_count == 0


def test_privileged_users_must_pass_a_totp_code(world: World) -> None:
    totp = enroll(world.users["auditor_a"])
    client = Client()
    response = post_login(client, "auditor_a")
    assert response["Location"] == reverse("core:login_verify")
    assert client.get("/").status_code == 302, "not signed in before the second factor"
    wrong = client.post(
        reverse("core:login_verify"), {"code": "000000" if totp.now() != "000000" else "111111"}
    )
    assert "確認コードが正しくありません" in wrong.content.decode()
    ok = client.post(reverse("core:login_verify"), {"code": totp.now()})
    assert ok.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(
        action="login.succeeded", actor_username="auditor_a"
    ).get().detail == {"method": "totp"}


def test_a_totp_code_cannot_be_replayed(world: World) -> None:
    totp = enroll(world.users["auditor_a"])
    code = totp.now()
    first = Client()
    post_login(first, "auditor_a")
    assert first.post(reverse("core:login_verify"), {"code": code}).status_code == 302
    second = Client()
    post_login(second, "auditor_a")
    replay = second.post(reverse("core:login_verify"), {"code": code})
    assert replay.status_code == 200
    assert "確認コードが正しくありません" in replay.content.decode()


def test_a_privileged_user_without_totp_enrolls_before_the_first_sign_in(world: World) -> None:
    client = Client()
    response = post_login(client, "admin_a")
    assert response["Location"] == reverse("core:login_enroll")
    page = client.get(reverse("core:login_enroll"))
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()
    secret = client.session["suishin_pending_totp_secret"]
    done = client.post(reverse("core:login_enroll"), {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302
    assert User.objects.get(username="admin_a").has_totp
    assert AuditEntry.objects.filter(action="mfa.enrolled").exists()


def test_gaining_a_privileged_role_ends_a_password_only_session(world: World) -> None:
    client = Client()
    post_login(client, "officer_a")
    assert client.get("/").status_code == 200
    grant(world.users["officer_a"], RoleChoices.AUDITOR)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@override_settings(SUISHIN_IDLE_TIMEOUT_MINUTES=30)
def test_an_idle_session_ends(world: World) -> None:
    client = sign_in(Client(), world.users["officer_a"])
    assert client.get("/").status_code == 200
    session = client.session
    session[SESSION_LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert "timeout=1" in response["Location"]


def test_the_next_parameter_never_leaves_the_site(world: World) -> None:
    client = Client()
    response = post_login(client, "officer_a", query="?next=https://evil.example/")
    assert response["Location"] == "/"
    client = Client()
    response = post_login(client, "officer_a", query="?next=/notices/")
    assert response["Location"] == "/notices/"


def test_sign_out_requires_post_and_is_audited(world: World) -> None:
    client = sign_in(Client(), world.users["officer_a"])
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert AuditEntry.objects.filter(action="logout").exists()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "payload",
    [{}, {"username": "x" * 10000, "password": "p"}, {"username": "\x00", "password": "\x00"}],
)
def test_malformed_sign_in_input_is_a_form_error(world: World, payload: dict[str, str]) -> None:
    response = Client().post(LOGIN, payload)
    assert response.status_code == 200
    assert "操作を完了できませんでした" in response.content.decode()
