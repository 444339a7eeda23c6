"""Meetings of sensitive bodies: a meeting (and an agenda item or a material of it) stricter
than its body, down to the body's members, its secretariat staff and named people. The
responses are read as the wrong persona, not only their status codes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from suishin.core.choices import ClassificationChoices
from suishin.core.choices import RoleChoices as Role
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import AuditEntry, StoredFile, User
from suishin.core.services.users import user_create, user_move
from suishin.initiatives.choices import (
    BodyKindChoices,
    MeetingAccessChoices,
    MemberRoleChoices,
    PartReadersChoices,
)
from suishin.initiatives.models import ActionItem, Meeting, Post, PromotionBody
from suishin.initiatives.services.bodies import (
    body_create,
    body_member_add,
    body_member_remove,
    post_assign,
    post_create,
)
from suishin.initiatives.services.meetings import (
    action_item_add,
    action_item_done,
    agenda_item_add,
    decision_add,
    meeting_attach_material,
    meeting_create,
    meeting_record_minutes,
    meeting_set_access,
)
from suishin.testing.personas import PASSWORD, World, sign_in

MARK = "秘匿マーカー七三一"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@dataclass
class Closed:
    body: PromotionBody
    post: Post
    member: User
    meeting: Meeting
    action: ActionItem
    material: StoredFile


def _starts(days: int = 7) -> datetime:
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), time(10))
    )


def _person(world: World, username: str, *roles: str, unit: Any = None) -> User:
    return user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        unit=unit or world.hq_a,
        roles=roles or (Role.OFFICER,),
    )


@pytest.fixture
def closed(world: World) -> Closed:
    """県A's integrity WG (meetings members only by default), chaired by the holder of the
    監察課長 post, run from 生活安全企画課 (responder_a's and admin_a's unit); one meeting
    with the marker in its title, agenda, minutes, decision, action item and material."""
    admin = world.users["admin_a"]
    member = _person(world, "wg_chair")
    post = post_create(actor=admin, unit=world.hq_a, title="監察課長", holder=member)
    body = body_create(
        actor=admin,
        name="非違事案対策高度化ワーキンググループ",
        kind=BodyKindChoices.WORKING_GROUP,
        secretariat=world.division_a,
        meetings_members_only=True,
    )
    body_member_add(actor=admin, body=body, role=MemberRoleChoices.CHAIR, post=post)
    meeting = meeting_create(
        actor=admin,
        body=body,
        title=f"第1回 {MARK}会議",
        starts_at=_starts(),
        agenda=[(f"{MARK}議題", "監察課長")],
    )
    meeting_record_minutes(actor=admin, meeting=meeting, minutes=f"{MARK}議事録")
    decision_add(actor=admin, meeting=meeting, text=f"{MARK}決定事項")
    action = action_item_add(
        actor=admin,
        meeting=meeting,
        title=f"{MARK}対応事項",
        owner=member,
        due_date=timezone.localdate() + timedelta(days=14),
    )
    material = meeting_attach_material(
        actor=admin,
        meeting=meeting,
        upload=SimpleUploadedFile(f"{MARK}資料.pdf", PDF, "application/pdf"),
    )
    return Closed(body, post, member, meeting, action, material)


def _client(user: User) -> Client:
    return sign_in(Client(), user)


def _reads(client: Client, closed: Closed) -> dict[str, tuple[int, str]]:
    """Every page, API answer and export that could carry the meeting's content."""
    meeting, body = closed.meeting, closed.body
    addresses = {
        "body list": reverse("initiatives:body_list"),
        "body page": reverse("initiatives:body_detail", args=[body.pk]),
        "meeting page": reverse("initiatives:meeting_detail", args=[meeting.pk]),
        "home": reverse("core:home"),
        "notifications": reverse("core:notification_list"),
        # The page repeats the query, so it asks for a part of the marker.
        "search": reverse("search:search") + "?q=秘匿マーカー",
        "material": closed.material.get_absolute_url(),
        "api meeting": f"/api/v1/initiatives/meetings/{meeting.pk}",
        "api bodies": "/api/v1/initiatives/bodies",
        "api body": f"/api/v1/initiatives/bodies/{body.pk}",
        "initiatives export": reverse("initiatives:initiative_export"),
        "initiative list": reverse("initiatives:initiative_list"),
    }
    answers = {}
    for name, address in addresses.items():
        response = client.get(address)
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content).decode(errors="replace")  # type: ignore[attr-defined]
        elif response["Content-Type"].startswith("application/json"):
            # Read as text: JSON escapes every kanji, which no marker check would find.
            content = json.dumps(response.json(), ensure_ascii=False)
        else:
            content = response.content.decode()
        answers[name] = (response.status_code, content)
    return answers


def _leaks(answers: dict[str, tuple[int, str]]) -> list[str]:
    return [name for name, (_status, content) in answers.items() if MARK in content]


def test_an_officer_of_the_same_institution_reads_nothing_of_a_members_only_meeting(
    world: World, closed: Closed
) -> None:
    assert closed.meeting.members_only
    assert closed.meeting.classification == ClassificationChoices.RESTRICTED
    officer = world.users["officer_a"]  # 交番, same institution, not a member
    answers = _reads(_client(officer), closed)
    assert _leaks(answers) == []
    assert answers["body page"][0] == 200, "the body itself stays classification 2"
    assert answers["meeting page"][0] == 404
    assert answers["material"][0] == 404
    assert answers["api meeting"][0] == 404
    # Another institution and the institution's own 推進事務局 (not on this body) alike.
    assert _leaks(_reads(_client(world.users["officer_b"]), closed)) == []
    jimukyoku = _person(world, "jimukyoku", Role.OFFICER, Role.SECRETARIAT)
    assert _leaks(_reads(_client(jimukyoku), closed)) == []


def test_the_members_and_the_secretariat_staff_read_it(world: World, closed: Closed) -> None:
    answers = _reads(_client(closed.member), closed)
    for name in ("body page", "meeting page", "home", "api meeting"):
        assert MARK in answers[name][1], name
    assert answers["material"][0] == 200
    page = answers["meeting page"][1]
    for part in ("議題", "議事録", "決定事項", "対応事項", "資料.pdf"):
        assert f"{MARK}{part}" in page
    staff = _reads(_client(world.users["responder_a"]), closed)
    assert staff["meeting page"][0] == 200 and MARK in staff["meeting page"][1]
    # An auditor placed in the secretariat unit runs nothing, so is not on its staff.
    assert _reads(_client(world.users["auditor_a"]), closed)["meeting page"][0] == 404


def test_access_follows_the_post_and_the_secretariat_unit_at_once(
    world: World, closed: Closed
) -> None:
    officer = world.users["officer_a"]
    meeting_url = closed.meeting.get_absolute_url()
    post_assign(actor=world.users["admin_a"], post=closed.post, holder=officer)
    assert MARK in _client(officer).get(meeting_url).content.decode()
    assert _client(closed.member).get(meeting_url).status_code == 404
    # Secretariat staff moved out of the unit lose it on the next request.
    responder = world.users["responder_a"]
    assert _client(responder).get(meeting_url).status_code == 200
    user_move(actor=None, user=responder, unit=world.box_a)
    assert _client(responder).get(meeting_url).status_code == 404
    # A person seated by name reads while seated.
    guest = _person(world, "guest")
    seat = body_member_add(
        actor=world.users["admin_a"], body=closed.body, role=MemberRoleChoices.MEMBER, person=guest
    )
    assert _client(guest).get(meeting_url).status_code == 200
    body_member_remove(actor=world.users["admin_a"], member=seat)
    assert _client(guest).get(meeting_url).status_code == 404
    # A member moved to another institution no longer reads its meetings.
    user_move(actor=None, user=officer, unit=world.box_b)
    assert _client(officer).get(meeting_url).status_code == 404


def test_people_named_for_a_members_only_meeting_read_it(world: World, closed: Closed) -> None:
    officer = world.users["officer_a"]
    meeting_set_access(
        actor=world.users["responder_a"],
        meeting=closed.meeting,
        access=MeetingAccessChoices.MEMBERS,
        named_readers=[officer],
    )
    assert MARK in _client(officer).get(closed.meeting.get_absolute_url()).content.decode()
    entry = AuditEntry.objects.filter(action="meeting.access_changed").get()
    assert entry.detail["named_readers"] == [officer.pk]
    assert MARK not in str(entry.detail)


def test_a_meeting_is_never_wider_than_its_body_and_defaults_to_its_level(
    world: World, closed: Closed
) -> None:
    admin = world.users["admin_a"]
    ordinary = body_create(
        actor=admin, name="推進委員会", kind=BodyKindChoices.COMMITTEE, secretariat=world.division_a
    )
    meeting = meeting_create(actor=admin, body=ordinary, title="定例", starts_at=_starts())
    assert (meeting.classification, meeting.members_only) == (ClassificationChoices.INTERNAL, False)
    before = Meeting.objects.count()
    with pytest.raises(InvalidInput) as wider:
        meeting_create(
            actor=admin,
            body=ordinary,
            title="公開",
            starts_at=_starts(),
            access=MeetingAccessChoices.PUBLIC,
        )
    assert "会議体" in wider.value.message
    with pytest.raises(InvalidInput):
        meeting_create(
            actor=admin,
            body=ordinary,
            title="指名",
            starts_at=_starts(),
            access=MeetingAccessChoices.INTERNAL,
            named_readers=[world.users["officer_a"]],
        )
    with pytest.raises(InvalidInput):
        meeting_create(
            actor=admin,
            body=ordinary,
            title="他県の人",
            starts_at=_starts(),
            access=MeetingAccessChoices.MEMBERS,
            named_readers=[world.users["officer_b"]],
        )
    assert Meeting.objects.count() == before
    # The sensitive body's meeting may be opened to the institution by choice.
    opened = meeting_create(
        actor=admin,
        body=closed.body,
        title="公開の会議",
        starts_at=_starts(),
        access=MeetingAccessChoices.INTERNAL,
    )
    assert not opened.members_only


def test_the_meeting_form_offers_members_only_in_japanese_and_refuses_bad_input(
    world: World, closed: Closed
) -> None:
    client = _client(world.users["responder_a"])
    url = reverse("initiatives:meeting_create", args=[closed.body.pk])
    form = client.get(url).content.decode()
    assert "構成員限り（会議体の構成員・庶務担当と指名した者だけが閲覧できます）" in form
    assert re.search(r'value="members"[^>]*checked', form), "the body's default is chosen"
    data = {
        "title": "第2回",
        "date_0": "2030",
        "date_1": "4",
        "date_2": "1",
        "time": "10:00",
        "access": "members",
        "named_readers": "nosuchuser",
    }
    refused = client.post(url, data).content.decode()
    assert "次のユーザー名が見つかりません：nosuchuser" in refused
    data["named_readers"] = "officer_a"
    response = client.post(url, data)
    assert response.status_code == 302
    created = Meeting.objects.get(title="第2回")
    assert created.members_only
    assert list(created.named_readers.values_list("username", flat=True)) == ["officer_a"]
    # A level wider than the body is not even offered on the form of an internal body.
    ordinary = body_create(
        actor=world.users["admin_a"],
        name="推進委員会",
        kind=BodyKindChoices.COMMITTEE,
        secretariat=world.division_a,
    )
    url = reverse("initiatives:meeting_create", args=[ordinary.pk])
    assert 'value="public"' not in client.get(url).content.decode()
    refused = client.post(url, {**data, "title": "第3回", "access": "public"}).content.decode()
    assert "の「public」は一覧にありません。一覧から選んでください。" in refused
    assert not Meeting.objects.filter(title="第3回").exists()


def test_the_meeting_page_changes_the_level_with_an_audit_entry(
    world: World, closed: Closed
) -> None:
    client = _client(world.users["responder_a"])
    url = reverse("initiatives:meeting_update", args=[closed.meeting.pk, "access"])
    response = client.post(url, {"access-access": "internal"}, follow=True)
    assert "会議の閲覧範囲を変更しました。" in response.content.decode()
    assert not Meeting.objects.get(pk=closed.meeting.pk).members_only
    assert (
        MARK
        in _client(world.users["officer_a"]).get(closed.meeting.get_absolute_url()).content.decode()
    )
    assert AuditEntry.objects.filter(action="meeting.access_changed").exists()
    # An officer who merely reads the meeting cannot change it.
    officer = _client(world.users["officer_a"])
    assert officer.post(url, {"access-access": "members"}).status_code == 403


@pytest.fixture
def open_meeting(world: World, closed: Closed) -> Meeting:
    """A meeting of the same body opened to the institution, with parts stricter than it."""
    admin = world.users["admin_a"]
    meeting = meeting_create(
        actor=admin,
        body=closed.body,
        title="第2回 ワーキンググループ（公開）",
        starts_at=_starts(),
        access=MeetingAccessChoices.INTERNAL,
    )
    agenda_item_add(actor=admin, meeting=meeting, title="全体の予定")
    agenda_item_add(
        actor=admin,
        meeting=meeting,
        title=f"{MARK}構成員限りの議題",
        readers=PartReadersChoices.MEMBERS,
    )
    agenda_item_add(
        actor=admin,
        meeting=meeting,
        title="指名者限りの議題X",
        readers=PartReadersChoices.NAMED,
        named_readers=[_person(world, "named_one")],
    )
    meeting_attach_material(
        actor=admin,
        meeting=meeting,
        upload=SimpleUploadedFile(f"{MARK}構成員資料.pdf", PDF, "application/pdf"),
        readers=PartReadersChoices.MEMBERS,
    )
    return meeting


def test_parts_stricter_than_the_meeting_are_hidden_title_included(
    world: World, closed: Closed, open_meeting: Meeting
) -> None:
    officer = _client(world.users["officer_a"])
    page = officer.get(open_meeting.get_absolute_url()).content.decode()
    assert "全体の予定" in page
    assert MARK not in page and "指名者限りの議題X" not in page
    api = officer.get(f"/api/v1/initiatives/meetings/{open_meeting.pk}").json()
    assert api["agenda"] == ["全体の予定"] and not api["members_only"]
    restricted = open_meeting.materials.get().file
    assert officer.get(restricted.get_absolute_url()).status_code == 404

    member = _client(closed.member)
    page = member.get(open_meeting.get_absolute_url()).content.decode()
    assert f"{MARK}構成員限りの議題" in page and f"{MARK}構成員資料.pdf" in page
    assert "指名者限りの議題X" not in page
    assert member.get(restricted.get_absolute_url()).status_code == 200

    named = _client(User.objects.get(username="named_one"))
    page = named.get(open_meeting.get_absolute_url()).content.decode()
    assert "指名者限りの議題X" in page and MARK not in page

    staff = _client(world.users["responder_a"]).get(open_meeting.get_absolute_url())
    assert MARK in staff.content.decode() and "指名者限りの議題X" in staff.content.decode()


def test_bad_part_readers_are_refused_in_japanese(world: World, closed: Closed) -> None:
    admin = world.users["admin_a"]
    with pytest.raises(InvalidInput, match="指名"):
        agenda_item_add(
            actor=admin, meeting=closed.meeting, title="誰も", readers=PartReadersChoices.NAMED
        )
    with pytest.raises(InvalidInput):
        agenda_item_add(actor=admin, meeting=closed.meeting, title="不明", readers="everyone")
    client = _client(world.users["responder_a"])
    url = reverse("initiatives:meeting_update", args=[closed.meeting.pk, "agenda"])
    response = client.post(
        url,
        {"agenda-title": "議題", "agenda-readers": "named", "agenda-named_readers": ""},
        follow=True,
    )
    assert "閲覧できる人を指名してください。" in response.content.decode()
    assert not closed.meeting.agenda.filter(title="議題").exists()


def test_only_the_owner_and_the_secretariat_close_an_action_item(
    world: World, closed: Closed, open_meeting: Meeting
) -> None:
    admin = world.users["admin_a"]
    owner = closed.member
    action = action_item_add(
        actor=admin,
        meeting=open_meeting,
        title="点検項目の見直し案を作成する",
        owner=owner,
        due_date=timezone.localdate() + timedelta(days=14),
    )
    officer = world.users["officer_a"]  # reads the meeting, is neither owner nor secretariat
    assert _client(officer).get(open_meeting.get_absolute_url()).status_code == 200
    with pytest.raises(AccessDenied):
        action_item_done(actor=officer, action=action)
    done_url = reverse("initiatives:action_done", args=[action.pk])
    assert _client(officer).post(done_url).status_code == 403
    assert (
        "完了にする" not in _client(officer).get(open_meeting.get_absolute_url()).content.decode()
    )
    with pytest.raises(AccessDenied):
        action_item_done(actor=world.users["auditor_a"], action=action)
    # A members-only meeting's action item is not even found by a non-member.
    assert (
        _client(officer)
        .post(reverse("initiatives:action_done", args=[closed.action.pk]))
        .status_code
        == 404
    )
    assert _client(owner).post(done_url).status_code == 302
    assert ActionItem.objects.get(pk=action.pk).done_at is not None
    # The institution's 推進事務局 and the body's secretariat staff close others' items.
    jimukyoku = _person(world, "jimukyoku", Role.OFFICER, Role.SECRETARIAT)
    second = action_item_add(
        actor=admin,
        meeting=open_meeting,
        title="報告",
        owner=owner,
        due_date=timezone.localdate() + timedelta(days=7),
    )
    action_item_done(actor=jimukyoku, action=second)
    third = action_item_add(
        actor=admin,
        meeting=open_meeting,
        title="共有",
        owner=owner,
        due_date=timezone.localdate() + timedelta(days=7),
    )
    action_item_done(actor=world.users["responder_a"], action=third)


def test_an_action_item_of_a_members_only_meeting_goes_to_a_reader(
    world: World, closed: Closed
) -> None:
    with pytest.raises(InvalidInput, match="閲覧できません"):
        action_item_add(
            actor=world.users["admin_a"],
            meeting=closed.meeting,
            title="担当外",
            owner=world.users["officer_a"],
            due_date=timezone.localdate() + timedelta(days=14),
        )


def test_the_body_default_is_changed_by_the_structure_managers(
    world: World, closed: Closed
) -> None:
    url = reverse("initiatives:body_meetings_default", args=[closed.body.pk])
    assert _client(world.users["officer_a"]).post(url).status_code == 403
    assert _client(world.users["admin_a"]).post(url).status_code == 302
    assert not PromotionBody.objects.get(pk=closed.body.pk).meetings_members_only
    entry = AuditEntry.objects.filter(action="body.meetings_default_changed").get()
    assert entry.detail == {"from": True, "to": False}
    body = PromotionBody.objects.get(pk=closed.body.pk)
    meeting = meeting_create(
        actor=world.users["admin_a"], body=body, title="次回", starts_at=_starts()
    )
    assert not meeting.members_only


def test_the_body_page_reads_its_meetings_in_a_fixed_number_of_queries(
    world: World, closed: Closed, django_assert_max_num_queries: Any
) -> None:
    for number in range(5):
        meeting_create(
            actor=world.users["admin_a"],
            body=closed.body,
            title=f"会議{number}",
            starts_at=_starts(),
        )
    client = _client(closed.member)
    url = reverse("initiatives:body_detail", args=[closed.body.pk])
    client.get(url)
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert page.count("構成員限り") >= 6
