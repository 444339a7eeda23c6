"""Sign-in: passwords, lockout, second factor, idle timeout, and their audit entries."""

from __future__ import annotations

import time
from datetime import timedelta

import pyotp
import pytest
from django.core.management import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from suishin.core.choices import RoleChoices
from suishin.core.errors import AccessDenied
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


# --- Throttling: per account a growing, bounded pause; per address slowed, then refused ------


@override_settings(SUISHIN_LOGIN_MAX_FAILURES=3, SUISHIN_LOGIN_LOCK_MINUTES=15)
def test_an_account_pause_grows_with_each_failure_and_never_exceeds_its_limit(
    world: World,
) -> None:
    from suishin.core.services.sign_in_throttle import name_pause_seconds

    assert [name_pause_seconds(n) for n in range(1, 10)] == [
        0, 0, 30, 60, 120, 240, 480, 900, 900,
    ]  # fmt: skip
    start = timezone.now()
    for minute in range(8):
        # An attacker who waits out each pause and guesses again.
        with freeze_time(start + timedelta(minutes=20 * minute)):
            post_login(Client(REMOTE_ADDR=f"192.0.2.{minute}"), "officer_a", "wrong-password-1")
    user = User.objects.get(username="officer_a")
    assert user.failed_login_count == 8
    assert user.locked_until is not None
    pause = user.locked_until - (start + timedelta(minutes=140))
    assert timedelta(minutes=14) < pause <= timedelta(minutes=15)
    # While paused, attempts are refused unread: they neither count nor lengthen the pause.
    with freeze_time(start + timedelta(minutes=141)):
        refused = post_login(Client(REMOTE_ADDR="192.0.2.99"), "officer_a")
        assert "一時的にログインを停止" in refused.content.decode()
        assert "14分後" in refused.content.decode()
    assert User.objects.get(username="officer_a").locked_until == user.locked_until
    assert User.objects.get(username="officer_a").failed_login_count == 8
    # The holder gets in once the pause is over, and is told what happened meanwhile.
    with freeze_time(start + timedelta(minutes=156)):
        client = Client(REMOTE_ADDR="198.51.100.7")
        assert post_login(client, "officer_a").status_code == 302
        home = client.get("/", follow=True).content.decode()
    assert "ログインが8回失敗しています" in home and "192.0.2.7" in home
    assert "心当たりがない場合" in home
    assert "回失敗しています" not in client.get("/").content.decode(), "told once"


def test_an_account_with_no_failures_is_told_nothing(world: World) -> None:
    client = Client()
    post_login(client, "officer_a")
    assert "回失敗しています" not in client.get("/").content.decode()


@override_settings(
    SUISHIN_LOGIN_ADDRESS_SLOW_AFTER=4,
    SUISHIN_LOGIN_ADDRESS_BLOCK_AFTER=8,
    SUISHIN_LOGIN_ADDRESS_BLOCK_MINUTES=15,
    SUISHIN_LOGIN_MAX_FAILURES=5,
)
def test_spraying_one_password_over_many_names_from_one_address_is_slowed_then_refused(
    world: World,
) -> None:
    names = ["officer_a", "responder_a", "officer_b", "nobody1", "nobody2", "admin_a"] * 3
    sprayer = Client(REMOTE_ADDR="203.0.113.5")
    start = timezone.now()
    answers = []
    for second, name in enumerate(names):
        with freeze_time(start + timedelta(seconds=second)):
            answers.append(post_login(sprayer, name, "Spring2026!Spring").content.decode())
    slowed = [i for i, page in enumerate(answers) if "この端末からのログインの失敗が続いた" in page]
    # From the fourth failure each attempt waits 1 s, then 2 s, …: at one attempt a second,
    # the sixth is the first one refused.
    assert slowed and slowed[0] == 5, slowed
    # No single account reached its own limit: only the address shows the attack.
    assert all(user.failed_login_count < 5 for user in User.objects.all())
    # Enough failures, each after its pause, and the address is refused for a while.
    moment = start + timedelta(seconds=len(names))
    for _ in range(10):
        moment += timedelta(seconds=61)
        with freeze_time(moment):
            post_login(sprayer, "nobody3", "Spring2026!Spring")
    with freeze_time(moment + timedelta(minutes=1)):
        refused = post_login(sprayer, "officer_a")  # the right password, even
        assert "この端末からのログイン" in refused.content.decode()
        assert "5分後" in refused.content.decode()
        # Someone at another address is not affected.
        assert post_login(Client(REMOTE_ADDR="198.51.100.8"), "officer_a").status_code == 302
    with freeze_time(moment + timedelta(minutes=16)):
        assert post_login(Client(REMOTE_ADDR="203.0.113.5"), "responder_a").status_code == 302
    # The block's start is in the audit trail; the refused attempts are not (they are cheap to
    # send, and each entry would take the chain's lock).
    assert AuditEntry.objects.filter(action="login.address_blocked").count() == 1
    assert not AuditEntry.objects.filter(action="login.throttled").exists()


@override_settings(SUISHIN_LOGIN_MAX_FAILURES=3)
def test_a_paused_account_still_lets_its_holder_in_from_an_address_they_use(
    world: World,
) -> None:
    holder = Client(REMOTE_ADDR="198.51.100.20")
    assert post_login(holder, "officer_a").status_code == 302  # the holder's usual machine
    for _ in range(5):
        post_login(Client(REMOTE_ADDR="203.0.113.9"), "officer_a", "wrong-password-1")
    elsewhere = post_login(Client(REMOTE_ADDR="203.0.113.10"), "officer_a")
    assert "一時的にログインを停止" in elsewhere.content.decode()
    usual = Client(REMOTE_ADDR="198.51.100.20")
    assert post_login(usual, "officer_a").status_code == 302
    # Attempts made while the account was paused were refused unread: three failures count.
    assert "3回失敗" in usual.get("/", follow=True).content.decode()


@override_settings(SUISHIN_LOGIN_MAX_FAILURES=3)
def test_a_name_that_does_not_exist_is_paused_like_an_account(world: World) -> None:
    answers = {}
    for name in ("officer_a", "nobody-here"):
        for attempt in range(4):
            client = Client(REMOTE_ADDR=f"192.0.2.{attempt + (10 if name == 'nobody-here' else 0)}")
            page = post_login(client, name, "wrong-password-1").content.decode()
        answers[name] = page
    assert "一時的にログインを停止" in answers["officer_a"]
    assert "一時的にログインを停止" in answers["nobody-here"]
    assert "nobody-here" not in str(list(AuditEntry.objects.values_list("detail", flat=True)))


@override_settings(SUISHIN_TRUSTED_PROXY_HOPS=1)
def test_the_client_address_comes_from_the_trusted_proxy_and_must_be_an_address(
    world: World,
) -> None:
    from django.test import RequestFactory

    from suishin.core.middleware import client_address

    factory = RequestFactory(REMOTE_ADDR="10.0.0.1")
    spoofed = factory.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.55")
    assert client_address(spoofed) == "192.0.2.55"  # what the proxy appended, not the client
    assert client_address(factory.get("/", HTTP_X_FORWARDED_FOR="not-an-address")) == "10.0.0.1"
    assert client_address(factory.get("/", HTTP_X_FORWARDED_FOR="x" * 300)) == "10.0.0.1"
    assert client_address(factory.get("/")) == "10.0.0.1"
    with override_settings(SUISHIN_TRUSTED_PROXY_HOPS=0):
        assert client_address(spoofed) == "10.0.0.1"


def test_an_ipv6_network_counts_as_one_address() -> None:
    from suishin.core.services.sign_in_throttle import address_key

    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert address_key("192.0.2.1") == "192.0.2.1" and address_key("garbage") is None


def test_an_administrator_lifts_an_address_block(world: World) -> None:
    from suishin.core.services.sign_in_throttle import address_release, address_wait_seconds

    with override_settings(SUISHIN_LOGIN_ADDRESS_BLOCK_AFTER=2, SUISHIN_LOGIN_ADDRESS_SLOW_AFTER=1):
        client = Client(REMOTE_ADDR="203.0.113.77")
        for second in range(2):
            with freeze_time(timezone.now() + timedelta(seconds=5 * second)):
                post_login(client, "nobody", "x-password-123")
        assert address_wait_seconds("203.0.113.77") > 0
        with pytest.raises(AccessDenied):
            address_release(actor=world.users["officer_a"], ip_address="203.0.113.77")
        assert address_release(actor=world.users["admin_a"], ip_address="203.0.113.77")
        assert address_wait_seconds("203.0.113.77") == 0
    assert AuditEntry.objects.filter(action="login.address_blocked").count() == 1


def test_throttling_records_are_forgotten_once_their_time_is_over(world: World) -> None:
    from django.core.management import call_command

    from suishin.core.models import SignInAddress, SignInUnknownName
    from suishin.core.services.sign_in_throttle import sign_in_records_purge

    start = timezone.now()
    with freeze_time(start):
        post_login(Client(REMOTE_ADDR="192.0.2.200"), "nobody", "x-password-123")
    assert SignInAddress.objects.count() == 1 and SignInUnknownName.objects.count() == 1
    with freeze_time(start + timedelta(minutes=5)):
        assert sign_in_records_purge() == 0  # still in its window
    with freeze_time(start + timedelta(days=2)):
        assert sign_in_records_purge() == 2
    with pytest.raises(CommandError, match="no sign-in block"):
        call_command("users", "unblock-address", "192.0.2.200")


def test_auditors_read_failed_sign_ins_of_their_institution_and_of_unknown_names(
    world: World,
) -> None:
    post_login(Client(REMOTE_ADDR="192.0.2.31"), "officer_a", "wrong-password-1")
    post_login(Client(REMOTE_ADDR="192.0.2.32"), "officer_b", "wrong-password-1")
    post_login(Client(REMOTE_ADDR="192.0.2.33"), "nobody-at-all", "wrong-password-1")
    auditor = sign_in(Client(), world.users["auditor_a"])
    page = auditor.get("/audit/?action=login.failed").content.decode()
    officer_b = str(world.users["officer_b"].pk)
    entries = AuditEntry.objects.filter(action="login.failed")
    seen = AuditEntry.objects.visible_to(world.users["auditor_a"]).filter(action="login.failed")
    assert set(seen.values_list("object_id", flat=True)) == {
        str(world.users["officer_a"].pk),
        "",  # the unknown name: belongs to no institution, read by every auditor
    }
    assert entries.filter(object_id=officer_b).exists()  # 県B's, for 県B's auditors
    assert "192.0.2.31" in page and "192.0.2.33" in page and "192.0.2.32" not in page
    assert "nobody-at-all" not in page


def test_the_failed_sign_in_notice_is_a_warning(world: World) -> None:
    post_login(Client(), "officer_a", "wrong-password-1")
    client = Client()
    page = post_login(client, "officer_a") and client.get("/").content.decode()
    assert 'class="banner banner--warning" role="alert"' in page
    assert "回失敗しています" in page
