"""The queue's rows and an officer's list are rendered once per state of the desk, and never
shown for an access other than the one they were rendered for."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from suishin.core.choices import ClassificationChoices
from suishin.core.choices import RoleChoices as Role
from suishin.core.services.users import user_create, user_move, user_set_roles
from suishin.desk.choices import InquiryStatusChoices, MessageKindChoices
from suishin.desk.services.inquiries import inquiry_post
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.testing.personas import PASSWORD, World, sign_in

pytestmark = pytest.mark.django_db


def queue(client: Client, desk: Any, **extra: Any) -> str:
    params = {"queue": desk.queue.pk, "status": "open"}
    response = client.get(reverse("desk:queue"), params, **extra)
    assert response.status_code == 200
    return response.content.decode()


def responder_client(username: str, unit: Any) -> Client:
    """A client signed in as a new responder of ``unit``."""
    responder = user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        unit=unit,
        roles=[Role.OFFICER, Role.RESPONDER],
    )
    return sign_in(Client(), responder)


def test_the_same_queue_is_not_read_again_until_the_desk_changes(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    desk = make_desk(world)
    make_inquiry(world.users["officer_a"], desk, subject="最初の照会")
    client = client_for("responder_a")
    with django_assert_max_num_queries(40) as first:
        first_rows = queue(client, desk, HTTP_HX_REQUEST="true")
    with django_assert_max_num_queries(len(first.captured_queries) - 2):
        assert queue(client, desk, HTTP_HX_REQUEST="true") == first_rows
    make_inquiry(world.users["officer_a"], desk, subject="新しい至急の照会", urgency="urgent")
    rows = queue(client, desk, HTTP_HX_REQUEST="true")
    assert "新しい至急の照会" in rows and "最初の照会" in rows, "a change shows at once"


def test_rows_rendered_for_one_responder_are_never_shown_to_another(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    make_inquiry(
        world.users["officer_a"],
        desk,
        subject="関係者限りの照会",
        classification=ClassificationChoices.RESTRICTED,
    )
    make_inquiry(world.users["officer_a"], desk, subject="組織内の照会")
    # A responder of the same prefecture outside the queue's division: not a named reader.
    other = responder_client("responder_hq", world.hq_a)
    assert "関係者限りの照会" in queue(client_for("responder_a"), desk)
    rows = queue(other, desk)
    assert "組織内の照会" in rows
    assert "関係者限りの照会" not in rows


def test_a_responder_moved_away_no_longer_sees_the_rows_rendered_before(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    make_inquiry(world.users["officer_a"], desk, subject="県Aの照会")
    client = client_for("responder_a")
    assert "県Aの照会" in queue(client, desk)
    user_move(actor=None, user=world.users["responder_a"], unit=world.box_b)
    assert "県Aの照会" not in queue(client, desk)


def test_a_responder_who_lost_the_role_is_refused_even_with_rows_kept(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    make_inquiry(world.users["officer_a"], desk)
    client = client_for("responder_a")
    queue(client, desk)
    user_set_roles(actor=None, user=world.users["responder_a"], roles=[Role.OFFICER])
    response = client.get(reverse("desk:queue"), {"queue": desk.queue.pk, "status": "open"})
    assert response.status_code == 403


def test_the_page_of_the_queue_is_kept_in_its_refresh(world: World, client_for: Any) -> None:
    desk = make_desk(world)
    make_inquiry(world.users["officer_a"], desk)
    page = client_for("responder_a").get(reverse("desk:queue"), {"status": "open", "page": "2"})
    content = page.content.decode()
    assert 'hx-get="/desk/queue/?status=open&amp;page=2"' in content
    odd = client_for("responder_a").get(reverse("desk:queue"), {"page": "2x"})
    assert odd.status_code == 200
    assert "page=2x" not in odd.content.decode()


def test_an_officer_sees_the_answer_in_their_list_at_once(world: World, client_for: Any) -> None:
    desk = make_desk(world)
    inquiry = make_inquiry(world.users["officer_a"], desk, subject="拾得物の権利放棄について")
    client = client_for("officer_a")
    before = client.get(reverse("desk:inquiry_list")).content.decode()
    assert "拾得物の権利放棄について" in before
    inquiry_post(
        actor=world.users["responder_a"],
        inquiry=inquiry,
        body="回答します。",
        kind=MessageKindChoices.REPLY,
    )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatusChoices.ANSWERED
    after = client.get(reverse("desk:inquiry_list")).content.decode()
    assert str(InquiryStatusChoices.ANSWERED.label) in after
    assert after != before
    other = client_for("officer_b").get(reverse("desk:inquiry_list")).content.decode()
    assert "拾得物の権利放棄について" not in other


def controls_of(page: str) -> str:
    """What the queue page shows between its heading and the saved views."""
    return page.split("</h1>", 1)[1].split('<div class="saved-views">', 1)[0]


def test_the_kept_controls_follow_the_filters_of_each_request(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    client = client_for("responder_a")
    first = queue(client, desk)
    urgent = client.get(
        reverse("desk:queue"), {"queue": desk.queue.pk, "status": "open", "urgency": "urgent"}
    ).content.decode()
    assert '<option value="urgent" selected>' in controls_of(urgent)
    assert '<option value="urgent" selected>' not in controls_of(first)
    assert "urgency=urgent" in urgent.split('name="query" value="', 1)[1].split('"', 1)[0]
    assert controls_of(queue(client, desk)) == controls_of(first), "the first filters again"
    bad = client.get(reverse("desk:queue"), {"queue": "abc"}).content.decode()
    assert "field-error" in controls_of(bad)
    assert "field-error" not in controls_of(first)


def test_the_controls_list_who_is_on_duty_in_the_responder_s_own_prefecture(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    on_duty = controls_of(queue(client_for("responder_a"), desk))
    assert f"{world.users['responder_a']}（{desk.queue.division.name}）" in on_duty
    response = responder_client("responder_other_pref", world.box_b).get(reverse("desk:queue"))
    assert response.status_code == 200
    elsewhere = controls_of(response.content.decode())
    with override("ja"):
        assert gettext("Nobody is on duty now; new inquiries wait unassigned.") in elsewhere
    assert desk.queue.division.name not in elsewhere
