"""Promotion-structure pages for every persona."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from suishin.initiatives.services.meetings import action_item_add
from suishin.initiatives.services.sharing import case_ask, case_publish
from suishin.initiatives.tests.access_rows import API, PAGES
from suishin.initiatives.tests.factories import make_initiative, make_structure
from suishin.testing.access import matrix_tests
from suishin.testing.personas import World


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    structure = make_structure(world)
    action = action_item_add(
        actor=world.users["admin_a"],
        meeting=structure.meeting,
        title="資料を作成する",
        owner=world.users["officer_a"],
        due_date=timezone.localdate() + timedelta(days=14),
    )
    initiative = make_initiative(world)
    case = case_publish(
        actor=world.users["officer_a"],
        initiative=initiative,
        title="窓口の全署展開",
        summary="照会への即日回答を全署に広げた。",
        confirmed=True,
    )
    question = case_ask(actor=world.users["officer_b"], case=case, question="体制は何人ですか。")
    return SimpleNamespace(
        structure=structure,
        action=action,
        responder=world.users["responder_a"],
        initiative=initiative,
        case=case,
        question=question,
    )


test_page_access, test_api_access = matrix_tests(
    PAGES,
    API,
    lambda objects: {
        "body_id": objects.structure.body.pk,
        "meeting_id": objects.structure.meeting.pk,
        "initiative_id": objects.initiative.pk,
    },
)
