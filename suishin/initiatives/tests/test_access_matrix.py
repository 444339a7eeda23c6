"""Promotion-structure pages for every persona."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from suishin.initiatives.choices import BodyKindChoices
from suishin.initiatives.services.bodies import body_create
from suishin.initiatives.services.meetings import (
    action_item_add,
    agenda_item_add,
    meeting_attach_material,
    meeting_create,
    meeting_record_minutes,
)
from suishin.initiatives.services.sharing import case_ask, case_publish
from suishin.initiatives.tests.access_rows import API, PAGES
from suishin.initiatives.tests.factories import make_initiative, make_structure, publish_case
from suishin.initiatives.tests.test_members_only_meetings import PDF
from suishin.testing.access import Markers, matrix_tests
from suishin.testing.personas import World

# A sensitive body run from 生活安全企画課: its members-only meeting is read by the staff of
# that unit who run meetings (admin_a, responder_a), not by its auditor nor anyone else.
MEETING_STAFF = ("admin_a", "responder_a")
INSIDE_A = ("officer_a", "responder_a", "auditor_a", "admin_a")


def make_members_only_meeting(world: World, markers: Markers) -> None:
    admin = world.users["admin_a"]
    body = body_create(
        actor=admin,
        name="非違事案対策WG",
        kind=BodyKindChoices.WORKING_GROUP,
        secretariat=world.division_a,
        meetings_members_only=True,
    )
    meeting = meeting_create(
        actor=admin,
        body=body,
        title=markers.hide("構成員限りの会議MO1", readers=MEETING_STAFF),
        starts_at=timezone.now() + timedelta(days=3),
    )
    agenda_item_add(
        actor=admin, meeting=meeting, title=markers.hide("MO-AGENDA-2", readers=MEETING_STAFF)
    )
    meeting_record_minutes(
        actor=admin, meeting=meeting, minutes=markers.hide("MO-MINUTES-3", readers=MEETING_STAFF)
    )
    action_item_add(
        actor=admin,
        meeting=meeting,
        title=markers.hide("MO-ACTION-4", readers=MEETING_STAFF),
        owner=world.users["responder_a"],
        due_date=timezone.localdate() + timedelta(days=14),
    )


def build_objects(world: World) -> SimpleNamespace:
    """The records this matrix reads, and the markers hidden in them from each persona (the
    cross-app content test builds every app's together)."""
    structure = make_structure(world)
    action = action_item_add(
        actor=world.users["admin_a"],
        meeting=structure.meeting,
        title="資料を作成する",
        owner=world.users["officer_a"],
        due_date=timezone.localdate() + timedelta(days=14),
    )
    material = meeting_attach_material(
        actor=world.users["admin_a"],
        meeting=structure.meeting,
        upload=SimpleUploadedFile("次第.pdf", PDF, content_type="application/pdf"),
    )
    initiative = make_initiative(world)
    case = publish_case(world, initiative)
    question = case_ask(actor=world.users["officer_b"], case=case, question="体制は何人ですか。")
    markers = Markers()
    # A case still waiting for the secretariat's confirmation: nothing of it leaves 県A.
    case_publish(
        actor=world.users["officer_a"],
        initiative=initiative,
        title=markers.hide("確認待ちの事例CASE0", readers=INSIDE_A),
        summary=markers.hide("確認待ちの事例の本文CASE1", readers=INSIDE_A),
        confirmed=True,
    )
    make_members_only_meeting(world, markers)
    return SimpleNamespace(
        markers=markers,
        structure=structure,
        action=action,
        material=material,
        responder=world.users["responder_a"],
        initiative=initiative,
        case=case,
        question=question,
    )


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    return build_objects(world)


test_page_access, test_api_access = matrix_tests(
    PAGES,
    API,
    lambda objects: {
        "body_id": objects.structure.body.pk,
        "meeting_id": objects.structure.meeting.pk,
        "initiative_id": objects.initiative.pk,
    },
)
