"""Promotion bodies seated by post, meetings with agenda, materials, minutes, decisions and
action items that wait on their owner's home page."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from suishin.core.choices import DateStyleChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import AuditEntry, Notification
from suishin.core.wareki import format_japanese_era
from suishin.initiatives.choices import BodyKindChoices, MeetingStatusChoices, MemberRoleChoices
from suishin.initiatives.models import BodyMember
from suishin.initiatives.selectors import body_tree, open_actions_of
from suishin.initiatives.services.bodies import body_create, body_member_add, post_assign
from suishin.initiatives.services.meetings import (
    action_item_add,
    action_item_done,
    meeting_attach_material,
    meeting_record_minutes,
    meeting_reschedule,
)
from suishin.initiatives.tests.factories import make_structure
from suishin.testing.personas import World


def test_a_transfer_moves_every_seat_of_the_post(world: World) -> None:
    structure = make_structure(world)
    assert structure.seat.sitting == world.users["officer_a"]
    post_assign(
        actor=world.users["admin_a"], post=structure.post, holder=world.users["responder_a"]
    )
    assert BodyMember.objects.get(pk=structure.seat.pk).sitting == world.users["responder_a"]
    assert AuditEntry.objects.filter(action="post.assigned").exists()
    with pytest.raises(InvalidInput):
        post_assign(
            actor=world.users["admin_a"], post=structure.post, holder=world.users["officer_b"]
        )


def test_the_hierarchy_and_who_may_build_it(world: World) -> None:
    structure = make_structure(world)
    admin = world.users["admin_a"]
    steering = body_create(
        actor=admin,
        name="推進幹事会",
        kind=BodyKindChoices.STEERING,
        secretariat=world.division_a,
        parent=structure.body,
    )
    nodes = [(node.body.name, node.depth) for node in body_tree(world.users["officer_a"])]
    assert nodes == [("推進委員会", 0), ("推進幹事会", 1)]
    assert body_tree(world.users["officer_b"]) == []
    with pytest.raises(AccessDenied):
        body_create(
            actor=world.users["officer_a"],
            name="勝手な会議",
            kind=BodyKindChoices.WORKING_GROUP,
            secretariat=world.box_a,
        )
    with pytest.raises(InvalidInput):
        body_member_add(actor=admin, body=steering, role=MemberRoleChoices.MEMBER)
    with pytest.raises(InvalidInput):
        body_member_add(
            actor=admin,
            body=steering,
            role=MemberRoleChoices.MEMBER,
            person=world.users["officer_b"],
        )
    body_member_add(actor=admin, body=steering, role=MemberRoleChoices.CHAIR, post=structure.post)
    with pytest.raises(InvalidInput):
        body_member_add(
            actor=admin, body=steering, role=MemberRoleChoices.MEMBER, post=structure.post
        )


def test_an_action_item_waits_on_its_owners_home_page_until_done(
    world: World, client_for: Any
) -> None:
    structure = make_structure(world)
    officer = world.users["officer_a"]
    officer.date_style = DateStyleChoices.JAPANESE_ERA  # the notice speaks the owner's calendar
    officer.save(update_fields=["date_style"])
    due = timezone.localdate() + timedelta(days=14)
    action = action_item_add(
        actor=world.users["responder_a"],  # staff of the body's secretariat unit
        meeting=structure.meeting,
        title="試行署の選定案を作成する",
        owner=officer,
        due_date=due,
    )
    notice = Notification.objects.get(recipient=officer, kind="meeting.action")
    assert format_japanese_era(due) in notice.title and due.isoformat() not in notice.title
    client = client_for("officer_a")
    assert "試行署の選定案を作成する" in client.get(reverse("core:home")).content.decode()
    with pytest.raises(AccessDenied):
        action_item_done(actor=world.users["auditor_a"], action=action)
    response = client.post(reverse("initiatives:action_done", args=[action.pk]), {"next": "home"})
    assert response.status_code == 302
    assert list(open_actions_of(officer)) == []
    assert "試行署の選定案を作成する" not in client.get(reverse("core:home")).content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None, "closing the action settles its notification"
    listed = client.get(reverse("core:notification_list")).content.decode()
    assert "「試行署の選定案を作成する」" in listed, "the list names the action"
    with pytest.raises(InvalidInput):
        action_item_done(actor=officer, action=action)


def test_bad_action_items_are_refused(world: World) -> None:
    structure = make_structure(world)
    admin = world.users["admin_a"]
    with pytest.raises(InvalidInput, match="会議"):
        action_item_add(
            actor=admin,
            meeting=structure.meeting,
            title="過去の期限",
            owner=world.users["officer_a"],
            due_date=timezone.localdate() - timedelta(days=1),
        )
    with pytest.raises(InvalidInput):
        action_item_add(
            actor=admin,
            meeting=structure.meeting,
            title="他県の人",
            owner=world.users["officer_b"],
            due_date=timezone.localdate() + timedelta(days=30),
        )


def test_minutes_and_materials(world: World, client_for: Any) -> None:
    structure = make_structure(world)
    admin = world.users["admin_a"]
    draft = meeting_record_minutes(actor=admin, meeting=structure.meeting, minutes="（案）")
    assert draft.status == MeetingStatusChoices.SCHEDULED, "minutes drafted ahead: not held"
    meeting_reschedule(
        actor=admin,
        meeting=structure.meeting,
        title="第1回推進委員会",
        starts_at=timezone.now() - timedelta(hours=2),
    )
    meeting = meeting_record_minutes(
        actor=admin, meeting=structure.meeting, minutes="試行を了承した。"
    )
    assert meeting.status == MeetingStatusChoices.HELD
    meeting_attach_material(
        actor=admin,
        meeting=meeting,
        upload=SimpleUploadedFile(
            "資料1.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
            content_type="application/pdf",
        ),
    )
    with pytest.raises(InvalidInput):
        meeting_attach_material(
            actor=admin,
            meeting=meeting,
            upload=SimpleUploadedFile("tool.exe", b"MZ\x90\x00" + bytes(range(256))),
        )
    page = client_for("officer_a").get(meeting.get_absolute_url()).content.decode()
    assert "資料1.pdf" in page and "試行を了承した。" in page
    assert client_for("officer_b").get(meeting.get_absolute_url()).status_code == 404


def test_the_meeting_page_refuses_a_decision_without_text(world: World, client_for: Any) -> None:
    structure = make_structure(world)
    client = client_for("responder_a")
    url = reverse("initiatives:meeting_update", args=[structure.meeting.pk, "decision"])
    response = client.post(url, {"decision-text": ""}, follow=True)
    assert "決定事項を入力してください。" in response.content.decode()
    assert not structure.meeting.decisions.exists()
    client.post(url, {"decision-text": "試行を始める。"})
    assert structure.meeting.decisions.get().text == "試行を始める。"


def test_an_agenda_item_links_an_initiative_only_for_its_readers(
    world: World, client_for: Any
) -> None:
    from suishin.core.choices import ClassificationChoices
    from suishin.initiatives.services.meetings import agenda_item_add
    from suishin.initiatives.tests.factories import make_initiative

    structure = make_structure(world)
    open_item = make_initiative(world, title="公開の取組")
    secret = make_initiative(
        world, title="秘の取組", classification=ClassificationChoices.RESTRICTED
    )
    admin = world.users["admin_a"]
    agenda_item_add(actor=admin, meeting=structure.meeting, title="進捗", initiative=open_item)
    agenda_item_add(actor=admin, meeting=structure.meeting, title="別件", initiative=secret)
    page = client_for("responder_a").get(structure.meeting.get_absolute_url()).content.decode()
    assert "公開の取組" in page and "秘の取組" not in page
    initiative_page = client_for("responder_a").get(open_item.get_absolute_url()).content.decode()
    discussed = initiative_page.split("この取組を取り上げた会議", 1)[1].split("</section>", 1)[0]
    assert "第1回推進委員会" in discussed, "the initiative lists the meetings that took it up"


def test_an_action_item_is_named_so_on_the_meeting_page(world: World, client_for: Any) -> None:
    """「対応事項」 in the table and in the form, not 「操作」, which names buttons elsewhere."""
    structure = make_structure(world)
    action_item_add(
        actor=world.users["responder_a"],
        meeting=structure.meeting,
        title="試行署の選定案を作成する",
        owner=world.users["officer_a"],
        due_date=timezone.localdate() + timedelta(days=14),
    )
    page = client_for("responder_a").get(structure.meeting.get_absolute_url()).content.decode()
    assert '<th scope="col">対応事項</th>' in page
    assert '<th scope="col">操作</th>' not in page
    assert re.search(r"<label[^>]*>\s*対応事項", page), "the form's field is labelled so too"


def test_a_refused_form_on_the_meeting_page_keeps_what_was_typed(
    world: World, client_for: Any
) -> None:
    structure = make_structure(world)
    client = client_for("responder_a")
    url = reverse("initiatives:meeting_update", args=[structure.meeting.pk, "action"])
    response = client.post(
        url,
        {
            "action-title": "試行署の選定案を作成する",
            "action-owner": "",
            "action-due_date_era": "western",
            "action-due_date_0": "2026",
            "action-due_date_1": "2",
            "action-due_date_2": "30",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="試行署の選定案を作成する"' in page, "what was typed is kept"
    assert 'id="id_action-owner-error"' in page, "the message is beside its field"
    assert "2月30日は存在しません。" in page
    assert not structure.meeting.actions.exists()


def test_a_meeting_is_moved_and_cancelled_with_a_reason(world: World, client_for: Any) -> None:
    structure = make_structure(world)
    meeting = structure.meeting
    client = client_for("responder_a")
    later = timezone.localdate() + timedelta(days=14)
    client.post(
        reverse("initiatives:meeting_update", args=[meeting.pk, "schedule"]),
        {
            "schedule-title": "第1回推進委員会（延期）",
            "schedule-date_era": "western",
            "schedule-date_0": str(later.year),
            "schedule-date_1": str(later.month),
            "schedule-date_2": str(later.day),
            "schedule-time": "15:30",
            "schedule-place": "本部3階会議室",
        },
    )
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).date() == later
    assert meeting.place == "本部3階会議室" and meeting.title == "第1回推進委員会（延期）"
    cancel = reverse("initiatives:meeting_update", args=[meeting.pk, "cancel"])
    refused = client.post(cancel, {"cancel-reason": ""})
    assert (
        refused.status_code == 400 and "中止の理由を入力してください。" in refused.content.decode()
    )
    client.post(cancel, {"cancel-reason": "災害対応のため"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatusChoices.CANCELLED
    page = client_for("officer_a").get(meeting.get_absolute_url()).content.decode()
    assert "この会議は中止されました。" in page and "災害対応のため" in page
    with pytest.raises(InvalidInput):
        meeting_record_minutes(actor=world.users["admin_a"], meeting=meeting, minutes="x")


def test_agenda_items_are_edited_reordered_and_removed_and_materials_removed(
    world: World, client_for: Any
) -> None:
    from suishin.initiatives.services.meetings import agenda_item_add

    structure = make_structure(world)
    meeting = structure.meeting
    admin = world.users["admin_a"]
    second = agenda_item_add(actor=admin, meeting=meeting, title="予算の状況")
    client = client_for("responder_a")

    def titles() -> list[str]:
        return list(meeting.agenda.order_by("position").values_list("title", flat=True))

    client.post(reverse("initiatives:agenda_item", args=[meeting.pk, second.pk, "up"]))
    assert titles() == ["予算の状況", "推進体制"]
    refused = client.post(
        reverse("initiatives:agenda_item", args=[meeting.pk, second.pk, "edit"]),
        {f"item{second.pk}-title": "", f"item{second.pk}-presenter": "会計課長"},
    )
    page = refused.content.decode()
    assert refused.status_code == 400 and 'value="会計課長"' in page, "what was typed is kept"
    assert f'id="id_item{second.pk}-title-error"' in page
    client.post(
        reverse("initiatives:agenda_item", args=[meeting.pk, second.pk, "edit"]),
        {f"item{second.pk}-title": "予算の執行状況", f"item{second.pk}-presenter": "会計課長"},
    )
    second.refresh_from_db()
    assert (second.title, second.presenter) == ("予算の執行状況", "会計課長")
    client.post(reverse("initiatives:agenda_item", args=[meeting.pk, second.pk, "remove"]))
    assert titles() == ["推進体制"]
    assert meeting.agenda.get().position == 1, "the rest are numbered again"
    stored = meeting_attach_material(
        actor=admin,
        meeting=meeting,
        upload=SimpleUploadedFile(
            "次第.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
            content_type="application/pdf",
        ),
    )
    officer = client_for("officer_a")
    assert (
        officer.post(
            reverse("initiatives:material_remove", args=[meeting.pk, stored.pk])
        ).status_code
        == 403
    ), "a reader who does not run the meeting"
    client.post(reverse("initiatives:material_remove", args=[meeting.pk, stored.pk]))
    assert "次第.pdf" not in client.get(meeting.get_absolute_url()).content.decode()
