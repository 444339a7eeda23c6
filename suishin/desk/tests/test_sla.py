"""Service levels: which targets apply, and escalation before and after a miss."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from suishin.core.choices import ServiceClockChoices
from suishin.core.models import Notification
from suishin.desk.choices import (
    EscalationLevelChoices,
    InquiryUrgencyChoices,
    MessageKindChoices,
)
from suishin.desk.models import Inquiry
from suishin.desk.services.configuration import service_level_set
from suishin.desk.services.inquiries import inquiry_post
from suishin.desk.services.sla import sla_escalate, targets_for
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.testing.personas import World

pytestmark = pytest.mark.django_db
URGENT = InquiryUrgencyChoices.URGENT


def test_the_most_specific_service_level_applies(world: World) -> None:
    desk = make_desk(world)
    traffic = desk.category_named("交通")
    built_in = targets_for(institution_id=world.pref_a.pk, urgency=URGENT, category=traffic)
    assert (built_in.first_response_minutes, built_in.clock) == (10, ServiceClockChoices.ALWAYS)
    service_level_set(
        actor=None,
        institution=None,
        urgency=URGENT,
        category=None,
        first_response_minutes=15,
        resolution_minutes=120,
        clock=ServiceClockChoices.ALWAYS,
    )
    service_level_set(
        actor=world.users["admin_a"],
        institution=world.pref_a,
        urgency=URGENT,
        category=traffic,
        first_response_minutes=5,
        resolution_minutes=60,
        clock=ServiceClockChoices.ALWAYS,
    )
    assert targets_for(institution_id=world.pref_a.pk, urgency=URGENT, category=traffic) == (
        type(built_in)(5, 60, ServiceClockChoices.ALWAYS)
    )
    other = desk.category_named("刑事")
    assert targets_for(institution_id=world.pref_a.pk, urgency=URGENT, category=other) == (
        type(built_in)(15, 120, ServiceClockChoices.ALWAYS)
    )
    assert targets_for(institution_id=world.pref_b.pk, urgency=URGENT, category=traffic) == (
        type(built_in)(15, 120, ServiceClockChoices.ALWAYS)
    )


def test_an_administrator_of_another_institution_cannot_set_our_levels(world: World) -> None:
    from suishin.core.errors import AccessDenied

    with pytest.raises(AccessDenied):
        service_level_set(
            actor=world.users["officer_a"],
            institution=world.pref_a,
            urgency=URGENT,
            category=None,
            first_response_minutes=5,
            resolution_minutes=60,
            clock=ServiceClockChoices.ALWAYS,
        )


def test_escalation_warns_the_supervisor_then_tells_the_manager_once(world: World) -> None:
    desk = make_desk(world)
    supervisor = world.users["admin_a"]
    with freeze_time("2026-11-21 23:00:00+09:00") as clock:  # Saturday night: urgent runs 24 h
        inquiry = make_inquiry(world.users["officer_a"], desk, urgency=URGENT)
        assert sla_escalate() == 0
        clock.tick(timedelta(minutes=8, seconds=30))
        assert sla_escalate() == 1
        assert sla_escalate() == 0, "idempotent"
        inquiry.refresh_from_db()
        assert inquiry.first_response_escalation == EscalationLevelChoices.WARNED
        assert (
            Notification.objects.filter(recipient=supervisor, kind="desk.escalation").count() == 1
        )
        clock.tick(timedelta(minutes=2))
        assert sla_escalate() == 1
        inquiry.refresh_from_db()
        assert inquiry.first_response_escalation == EscalationLevelChoices.BREACHED
        assert inquiry.messages.filter(kind=MessageKindChoices.NOTE).count() == 2


def test_a_paused_inquiry_does_not_escalate(world: World) -> None:
    desk = make_desk(world)
    with freeze_time("2026-11-21 23:00:00+09:00") as clock:
        inquiry = make_inquiry(world.users["officer_a"], desk, urgency=URGENT)
        inquiry_post(
            actor=world.users["responder_a"],
            inquiry=inquiry,
            body="状況を教えてください。",
            kind=MessageKindChoices.REPLY,
            next_status="waiting",
        )
        clock.tick(timedelta(days=2))
        assert sla_escalate() == 0
    assert Inquiry.objects.get(pk=inquiry.pk).resolution_escalation == 0
