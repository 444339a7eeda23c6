"""The session store and the user lookup read by fixed statements: they must answer exactly as
Django's database backend and model backend do, for good, expired, forged and stale input."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from suishin.core.auth_backend import UserBackend
from suishin.core.choices import RoleChoices
from suishin.core.models import User, UserRole
from suishin.core.sessions import SessionStore
from suishin.testing.personas import World, sign_in

pytestmark = pytest.mark.django_db


def test_a_saved_session_is_read_back() -> None:
    store = SessionStore()
    store["answer"] = {"照会": 42}
    store.create()

    again = SessionStore(store.session_key)
    assert again["answer"] == {"照会": 42}
    assert again.session_key == store.session_key


def test_an_expired_session_is_empty_and_gets_a_new_key_when_saved() -> None:
    store = SessionStore()
    store["answer"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    expired = SessionStore(store.session_key)
    assert expired.get("answer") is None
    assert expired.session_key is None


@pytest.mark.parametrize("key", ["nosuchsession0000000000000000000", "x" * 40])
def test_an_unknown_key_is_an_empty_session(key: str) -> None:
    store = SessionStore(key)
    assert dict(store.items()) == {}
    assert store.session_key is None


def test_forged_session_data_is_an_empty_session() -> None:
    store = SessionStore()
    store["answer"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(session_data="forged:data")

    assert dict(SessionStore(store.session_key).items()) == {}


def test_a_signed_in_request_with_an_expired_session_must_sign_in_again(world: World) -> None:
    client = sign_in(Client(), world.users["officer_a"])
    assert client.get("/desk/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_user_is_read_with_every_field_as_the_orm_reads_it(world: World) -> None:
    officer = world.users["officer_a"]
    User.objects.filter(pk=officer.pk).update(locked_until=timezone.now() - timedelta(days=1))
    expected = User.objects.get(pk=officer.pk)

    user = UserBackend().get_user(str(officer.pk))
    assert user is not None
    for field in User._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(expected, field.attname), field.name
    assert isinstance(user.locked_until, datetime) and timezone.is_aware(user.locked_until)
    assert isinstance(user.is_active, bool)


@pytest.mark.parametrize("user_id", ["", "abc", "1; DROP TABLE core_user", "999999999", None])
def test_a_malformed_or_unknown_user_id_is_nobody(world: World, user_id: object) -> None:
    assert UserBackend().get_user(user_id) is None


def test_a_deactivated_user_is_nobody_and_their_session_ends(world: World) -> None:
    officer = world.users["officer_a"]
    client = sign_in(Client(), officer)
    User.objects.filter(pk=officer.pk).update(is_active=False)

    assert UserBackend().get_user(officer.pk) is None
    assert client.get("/desk/").status_code == 302


def test_roles_are_read_fresh_on_each_request(world: World) -> None:
    officer = world.users["officer_a"]
    assert User.objects.get(pk=officer.pk).role_set == {RoleChoices.OFFICER}
    UserRole.objects.create(user=officer, role=RoleChoices.RESPONDER)
    assert User.objects.get(pk=officer.pk).role_set == {RoleChoices.OFFICER, RoleChoices.RESPONDER}
    assert User().role_set == frozenset()
