"""Operators administer accounts with `suishin users`; every change is audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from suishin.core.models import AuditEntry, User
from suishin.testing.personas import World


def test_create_move_set_roles_and_unlock(world: World, tmp_path: Path) -> None:
    password_file = tmp_path / "password"
    password_file.write_text("Another-Long-Passphrase-7")
    call_command(
        "users",
        "create",
        "new_officer",
        "--unit",
        "pref-a-chuo-1",
        "--role",
        "officer",
        "--password-file",
        str(password_file),
    )
    user = User.objects.get(username="new_officer")
    assert user.check_password("Another-Long-Passphrase-7")
    call_command("users", "move", "new_officer", "pref-b-kita-1")
    call_command("users", "roles", "new_officer", "--role", "officer", "--role", "responder")
    User.objects.filter(pk=user.pk).update(failed_login_count=9)
    call_command("users", "unlock", "new_officer")
    user.refresh_from_db()
    assert user.unit == world.box_b
    assert user.role_set == {"officer", "responder"}
    assert user.failed_login_count == 0
    actions = list(
        AuditEntry.objects.filter(object_id=str(user.pk), object_type="core.user")
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == ["user.created", "user.moved", "user.roles_changed", "user.unlocked"]


def test_a_weak_password_or_unknown_unit_is_refused_clearly(world: World, tmp_path: Path) -> None:
    weak = tmp_path / "weak"
    weak.write_text("password")
    with pytest.raises(CommandError, match="パスワード"):
        call_command(
            "users",
            "create",
            "weak_user",
            "--unit",
            "pref-a-chuo-1",
            "--role",
            "officer",
            "--password-file",
            str(weak),
        )
    with pytest.raises(CommandError, match="no organization"):
        call_command("users", "move", "officer_a", "nowhere")
    assert not User.objects.filter(username="weak_user").exists()
