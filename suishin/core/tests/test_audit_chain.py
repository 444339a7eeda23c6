"""The audit chain: every link hashes the previous one, and verification finds any tampering."""

from __future__ import annotations

import copy
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from suishin.core.audit_chain import GENESIS_HASH, entry_hash, verify_entries
from suishin.core.audit_checkpoints import read_checkpoints
from suishin.core.models import AuditEntry
from suishin.core.services.audit import audit_checkpoint, audit_log, audit_verify
from suishin.testing.audit import APPEND_ONLY, NO_TRUNCATE, audit_triggers_disabled
from suishin.testing.personas import World, sign_in

BASE_TIME = datetime(2026, 4, 1, tzinfo=UTC)


def build_chain(length: int) -> list[dict[str, object]]:
    chain: list[dict[str, object]] = []
    prev = GENESIS_HASH
    for index in range(length):
        entry: dict[str, object] = {
            "sequence": index + 1,
            "occurred_at": BASE_TIME + timedelta(seconds=index),
            "actor_id": index % 3 or None,
            "actor_username": f"user{index % 3}",
            "actor_roles": "officer",
            "organization_id": 7,
            "organization_path": "/1/7/",
            "organization_name": "県A警察",
            "action": ["record.created", "login.succeeded", "access.denied"][index % 3],
            "object_type": "core.notice",
            "object_id": str(index),
            "classification": 2,
            "detail": {"fields": ["title"], "n": index},
            "ip_address": "192.0.2.1",
            "request_id": f"req{index}",
            "prev_hash": prev,
        }
        entry["entry_hash"] = entry_hash(entry)
        prev = str(entry["entry_hash"])
        chain.append(entry)
    return chain


@given(length=st.integers(min_value=0, max_value=30))
def test_an_untouched_chain_verifies(length: int) -> None:
    result = verify_entries(build_chain(length))
    assert result.ok
    assert result.checked == length


@given(data=st.data(), length=st.integers(min_value=1, max_value=30))
def test_editing_any_field_of_any_entry_is_found_at_that_entry(
    data: st.DataObject, length: int
) -> None:
    chain = build_chain(length)
    victim = data.draw(st.integers(min_value=0, max_value=length - 1))
    field = data.draw(
        st.sampled_from(
            [
                "actor_username",
                "action",
                "object_id",
                "ip_address",
                "detail",
                "occurred_at",
                "classification",
            ]
        )
    )
    tampered = copy.deepcopy(chain)
    original = tampered[victim][field]
    replacement = data.draw(
        st.one_of(st.text(max_size=10), st.integers(), st.none()).filter(lambda v: v != original)
    )
    tampered[victim][field] = replacement
    result = verify_entries(tampered)
    assert not result.ok
    assert result.first_break is not None
    assert result.first_break.sequence == victim + 1


@given(data=st.data(), length=st.integers(min_value=2, max_value=30))
def test_deleting_an_entry_is_found_where_the_gap_is(data: st.DataObject, length: int) -> None:
    chain = build_chain(length)
    victim = data.draw(st.integers(min_value=0, max_value=length - 2))
    del chain[victim]
    result = verify_entries(chain)
    assert not result.ok
    assert result.first_break is not None
    assert result.first_break.sequence == victim + 2
    assert result.checked == victim


@given(data=st.data(), length=st.integers(min_value=2, max_value=30))
def test_reordering_entries_is_found(data: st.DataObject, length: int) -> None:
    chain = build_chain(length)
    first = data.draw(st.integers(min_value=0, max_value=length - 2))
    second = data.draw(st.integers(min_value=first + 1, max_value=length - 1))
    chain[first], chain[second] = chain[second], chain[first]
    result = verify_entries(chain)
    assert not result.ok
    assert result.first_break is not None
    assert result.first_break.sequence == second + 1


@given(length=st.integers(min_value=1, max_value=20))
@settings(max_examples=20)
def test_rehashing_an_edited_entry_still_breaks_the_next_link(length: int) -> None:
    chain = build_chain(length + 1)
    chain[0]["action"] = "record.deleted"
    chain[0]["entry_hash"] = entry_hash(chain[0])
    result = verify_entries(chain)
    assert not result.ok
    assert result.first_break is not None
    assert result.first_break.sequence == 2


def test_stored_entries_link_and_verify(world: World) -> None:
    officer = world.users["officer_a"]
    for _ in range(3):
        audit_log(actor=officer, action="test.event", target=officer, detail={"k": "v"})
    entries = list(AuditEntry.objects.order_by("sequence"))
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))
    assert all(b.prev_hash == a.entry_hash for a, b in zip(entries, entries[1:], strict=False))
    latest = entries[-1]
    assert latest.actor_username == "officer_a"
    assert latest.organization_name == "駅前交番"
    assert audit_verify().ok


def test_verify_command_reports_success_and_the_first_broken_link(world: World) -> None:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL refuses the edit itself (see the trigger test)")
    target = AuditEntry.objects.order_by("sequence")[2]
    AuditEntry.objects.filter(pk=target.pk).update(action="login.succeeded")
    with pytest.raises(CommandError, match=f"sequence {target.sequence}"):
        call_command("audit", "verify")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL"
)
@pytest.mark.parametrize(
    "statement", ["UPDATE core_auditentry SET action = 'x'", "DELETE FROM core_auditentry"]
)
def test_postgresql_refuses_update_and_delete_on_the_audit_table(
    world: World, statement: str
) -> None:
    assert AuditEntry.objects.exists()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)


# --- Signed checkpoints: removal from the end, emptying, rewriting ------------------------


def _entries(world: World, count: int) -> None:
    for _ in range(count):
        audit_log(actor=world.users["officer_a"], action="test.event")


def _verify_fails(match: str) -> str:
    with pytest.raises(CommandError, match=match) as raised:
        call_command("audit", "verify")
    return str(raised.value)


def test_a_checkpoint_signs_the_chain_and_only_what_is_new(world: World) -> None:
    _entries(world, 3)
    first = audit_checkpoint()
    assert first.written and first.checkpoint is not None
    assert first.checkpoint.sequence == AuditEntry.objects.count()
    assert not audit_checkpoint().written  # nothing new: nothing written
    _entries(world, 2)
    out = StringIO()
    call_command("audit", "checkpoint", stdout=out)
    assert f"sequence {AuditEntry.objects.count()}" in out.getvalue()
    signed = read_checkpoints(django_settings.SUISHIN_AUDIT_CHECKPOINT_FILE, b"x")
    assert signed.problem  # another key cannot read it as signed
    assert audit_verify().ok


def test_emptying_the_audit_table_is_found(world: World) -> None:
    _entries(world, 4)
    audit_checkpoint()
    count = AuditEntry.objects.count()
    with audit_triggers_disabled(NO_TRUNCATE) as cursor:
        cursor.execute(
            "TRUNCATE core_auditentry"
            if connection.vendor == "postgresql"
            else "DELETE FROM core_auditentry"
        )
    assert not AuditEntry.objects.exists()
    message = _verify_fails(f"entries 1-{count} are missing")
    assert "sequence 1" in message


@pytest.mark.parametrize("removed", [1, 3])
def test_deleting_the_newest_entries_is_found(world: World, removed: int) -> None:
    _entries(world, 5)
    audit_checkpoint()
    count = AuditEntry.objects.count()
    with audit_triggers_disabled(APPEND_ONLY) as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE sequence > %s", [count - removed])
    _verify_fails(f"entries {count - removed + 1}-{count} are missing")
    # The auditor's page says the same in Japanese.
    page = sign_in(Client(), world.users["auditor_a"]).get("/audit/?verify=1").content.decode()
    assert f"{count - removed + 1}番から{count}番までの記録がありません" in page
    # And the periodic checkpoint refuses to sign the shortened chain.
    result = audit_checkpoint()
    assert not result.written and "missing" in (result.problem or "")


def test_rewriting_an_entry_and_every_hash_after_it_is_found(world: World) -> None:
    _entries(world, 5)
    audit_checkpoint()
    rows = list(AuditEntry.objects.order_by("sequence").values())
    victim = rows[2]["sequence"]
    prev = rows[1]["entry_hash"]
    with audit_triggers_disabled(APPEND_ONLY) as cursor:
        # A forger who knows the hashing recomputes the whole chain from the edit onwards.
        for row in rows[2:]:
            if row["sequence"] == victim:
                row["action"] = "login.succeeded"
            row["prev_hash"] = prev
            row["entry_hash"] = entry_hash(row)
            prev = row["entry_hash"]
            cursor.execute(
                "UPDATE core_auditentry SET action = %s, prev_hash = %s, entry_hash = %s "
                "WHERE sequence = %s",
                [row["action"], row["prev_hash"], row["entry_hash"], row["sequence"]],
            )
    assert verify_entries(AuditEntry.objects.order_by("sequence").values()).ok  # links alone
    _verify_fails(f"sequence {rows[-1]['sequence']}: entry differs from the one a checkpoint")


def test_an_edited_entry_is_found_at_that_entry(world: World) -> None:
    _entries(world, 4)
    audit_checkpoint()
    victim = AuditEntry.objects.order_by("sequence")[1]
    with audit_triggers_disabled(APPEND_ONLY) as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET action = 'x' WHERE sequence = %s", [victim.sequence]
        )
    _verify_fails(f"sequence {victim.sequence}: entry content does not match its hash")


def test_a_checkpoint_file_that_was_edited_or_cut_is_refused(world: World) -> None:
    path = django_settings.SUISHIN_AUDIT_CHECKPOINT_FILE
    for _ in range(3):
        _entries(world, 1)
        audit_checkpoint()
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], lines[2]]) + "\n")  # the middle line removed
    _verify_fails("checkpoint file: checkpoint line 2")
    path.write_text("\n".join([lines[0], lines[1].replace('"sequence":', '"sequence":1')]))
    _verify_fails("checkpoint file: checkpoint line 2")
    assert not audit_checkpoint().written


def test_a_restored_backup_matches_the_checkpoints_up_to_its_own_end(world: World) -> None:
    _entries(world, 3)
    audit_checkpoint()
    taken = AuditEntry.objects.count()
    _entries(world, 3)
    audit_checkpoint()
    # The database goes back to the backup taken at the first checkpoint.
    with audit_triggers_disabled(APPEND_ONLY) as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE sequence > %s", [taken])
    _verify_fails("are missing")
    out = StringIO()
    call_command("audit", "verify", "--restored", stdout=out)
    assert f"{taken} entries verified" in out.getvalue()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only triggers exist on PostgreSQL"
)
def test_postgresql_refuses_truncate_of_the_audit_table(world: World) -> None:
    assert AuditEntry.objects.exists()
    with (
        pytest.raises(DatabaseError, match="TRUNCATE refused"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE core_auditentry")


def test_a_lost_checkpoint_file_is_reported_and_replaced_only_on_purpose(world: World) -> None:
    path = django_settings.SUISHIN_AUDIT_CHECKPOINT_FILE
    _entries(world, 3)
    audit_checkpoint()
    path.unlink()  # the file is lost (or removed with the entries it would have shown)
    _verify_fails("the checkpoint file is missing or empty")
    refused = audit_checkpoint()
    assert not refused.written and "--start-new" in (refused.problem or "")
    assert not path.exists()
    out = StringIO()
    call_command("audit", "checkpoint", "--start-new", stdout=out)
    assert "checkpoint written" in out.getvalue()
    restart = AuditEntry.objects.filter(action="audit.checkpoints_started").order_by("sequence")
    assert [entry.detail for entry in restart] == [{"restarted": False}, {"restarted": True}]
    assert audit_verify().ok


def test_a_new_installation_starts_its_checkpoint_file_by_itself(world: World) -> None:
    assert audit_verify().ok  # never checkpointed: the links alone are checked
    assert audit_checkpoint().written
    assert AuditEntry.objects.filter(action="audit.checkpoints_started").count() == 1


def test_checkpoint_writers_take_turns(tmp_path: Any) -> None:
    """A second writer waits for the first to finish appending before it reads the file."""
    import threading

    from suishin.core.audit_checkpoints import checkpoint_lock

    path = tmp_path / "checkpoints.jsonl"
    order: list[str] = []
    first_inside = threading.Event()

    def first() -> None:
        with checkpoint_lock(path):
            first_inside.set()
            time.sleep(0.3)
            order.append("first done")

    def second() -> None:
        first_inside.wait()
        with checkpoint_lock(path):
            order.append("second inside")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert order == ["first done", "second inside"]
