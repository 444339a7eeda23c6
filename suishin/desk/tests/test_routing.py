"""Routing to a queue and round-robin assignment among on-duty responders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from suishin.core.choices import ClassificationChoices
from suishin.core.choices import OrganizationKindChoices as Kind
from suishin.core.choices import RoleChoices as Role
from suishin.core.services.organizations import organization_create
from suishin.core.services.users import user_create
from suishin.desk.models import Inquiry
from suishin.desk.services.configuration import (
    duty_shift_create,
    queue_create,
    routing_rule_create,
)
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.testing.personas import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_the_most_specific_rule_routes_the_inquiry(world: World) -> None:
    desk = make_desk(world)
    traffic = organization_create(
        actor=None, code="pref-a-koutsu", name="交通企画課", kind=Kind.DIVISION, parent=world.hq_a
    )
    traffic_queue = queue_create(actor=None, division=traffic)
    station_queue_unit = organization_create(
        actor=None,
        code="pref-a-chuo-desk",
        name="中央署担当",
        kind=Kind.DIVISION,
        parent=world.hq_a,
    )
    station_queue = queue_create(actor=None, division=station_queue_unit)
    traffic_category = desk.category_named("交通")
    routing_rule_create(
        actor=None, institution=world.pref_a, queue=traffic_queue, category=traffic_category
    )
    routing_rule_create(
        actor=None, institution=world.pref_a, queue=station_queue, source=world.station_a
    )
    officer = world.users["officer_a"]  # works at a box under 中央警察署

    assert make_inquiry(officer, desk, category=traffic_category).queue == traffic_queue
    # No category rule for 生活安全: the rule for the officer's station beats the catch-all.
    assert make_inquiry(officer, desk).queue == station_queue


def test_inquiries_go_round_robin_among_responders_on_duty(world: World) -> None:
    desk = make_desk(world)
    second = user_create(
        actor=None,
        username="responder_a2",
        password=PASSWORD,
        unit=world.division_a,
        roles=[Role.RESPONDER],
    )
    now = timezone.now()
    duty_shift_create(
        actor=None,
        queue=desk.queue,
        responder=second,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    officer = world.users["officer_a"]
    assignees = [make_inquiry(officer, desk).assignee for _ in range(4)]
    assert {a.username for a in assignees[:2]} == {"responder_a", "responder_a2"}  # type: ignore[union-attr]
    assert assignees[2] == assignees[0] and assignees[3] == assignees[1]


def test_nobody_on_duty_leaves_the_inquiry_unassigned_in_its_queue(world: World) -> None:
    desk = make_desk(world, on_duty=False)
    inquiry = make_inquiry(world.users["officer_a"], desk)
    assert inquiry.queue == desk.queue
    assert inquiry.assignee is None


def test_a_restricted_inquiry_is_read_by_the_asker_and_the_queue_responders_only(
    world: World,
) -> None:
    desk = make_desk(world)
    inquiry = make_inquiry(
        world.users["officer_a"], desk, classification=ClassificationChoices.RESTRICTED
    )
    readers = set(
        Inquiry.objects.filter(pk=inquiry.pk).values_list("named_readers__username", flat=True)
    )
    assert readers == {"officer_a", "responder_a"}
    visible = Inquiry.objects.visible_to(world.users["admin_a"]).filter(pk=inquiry.pk)
    assert not visible.exists()


def test_the_settings_page_gives_every_element_its_own_id(world: World) -> None:
    """The routing and service-level forms both have a category field: two ``id_category``
    made the second label point at the first select."""
    import re
    from collections import Counter

    from django.test import Client

    from suishin.testing.personas import sign_in

    make_desk(world)
    page = sign_in(Client(), world.users["admin_a"]).get("/desk/settings/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert "id_rule_category" in ids and "id_level_category" in ids
