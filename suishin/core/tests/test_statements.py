"""Fixed statements are written from the model's own names, quoted for the database."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.test import Client

from suishin.core.models import User, UserRole
from suishin.core.statements import fetch_all, fixed_statement
from suishin.testing.personas import World, sign_in

pytestmark = pytest.mark.django_db


def test_names_come_from_the_model_and_are_quoted() -> None:
    quote = connection.ops.quote_name
    sql = fixed_statement(UserRole, "default", "SELECT {role} FROM {table} WHERE {user} = %s")
    assert sql == (
        f"SELECT {quote('role')} FROM {quote('core_userrole')} WHERE {quote('user_id')} = %s"  # noqa: S608
    )


def test_columns_are_every_concrete_column_in_field_order() -> None:
    sql = fixed_statement(User, "default", "SELECT {columns} FROM {table}")
    columns = [connection.ops.quote_name(str(field.column)) for field in User._meta.concrete_fields]
    expected = f"SELECT {', '.join(columns)} FROM {connection.ops.quote_name('core_user')}"  # noqa: S608
    assert sql == expected


def test_a_name_the_model_does_not_have_is_refused() -> None:
    with pytest.raises(FieldDoesNotExist):
        fixed_statement(UserRole, "default", "SELECT {no_such_field} FROM {table}")


def test_values_are_bound_not_written_into_the_statement(world: World) -> None:
    from django.contrib.sessions.models import Session

    sign_in(Client(), world.users["officer_a"])
    template = "SELECT {session_key} FROM {table} WHERE {session_key} = %s"
    assert Session.objects.exists()
    assert fetch_all(Session, template, ["x' OR '1'='1"]) == []
    officer = world.users["officer_a"]
    roles = "SELECT {role} FROM {table} WHERE {user} = %s"
    assert fetch_all(UserRole, roles, [officer.pk]) == [("officer",)]
