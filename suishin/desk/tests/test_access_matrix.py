"""Desk pages and API for every persona."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from suishin.core.choices import ClassificationChoices, ServiceClockChoices
from suishin.desk.choices import InquiryUrgencyChoices, MessageKindChoices
from suishin.desk.models import RoutingRule
from suishin.desk.services.configuration import (
    canned_answer_create,
    category_create,
    duty_shift_create,
    saved_view_create,
    service_level_set,
)
from suishin.desk.services.inquiries import inquiry_link_reference, inquiry_post
from suishin.desk.tests.access_rows import API, PAGES
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.testing.access import Markers, matrix_tests
from suishin.testing.personas import World

# The queue's responder and its supervisor and manager (admin_a) read internal notes.
DESK_STAFF = ("responder_a", "admin_a")


def build_objects(world: World) -> SimpleNamespace:
    """The records this matrix reads, and the markers hidden in them from each persona (the
    cross-app content test builds every app's together)."""
    desk = make_desk(world)
    officer, responder, admin = (world.users[n] for n in ("officer_a", "responder_a", "admin_a"))
    answered = make_inquiry(officer, desk, subject="以前の質問")
    inquiry_post(
        actor=responder, inquiry=answered, body="回答です。", kind=MessageKindChoices.REPLY
    )
    inquiry = make_inquiry(officer, desk)
    markers = Markers()
    # What the asking officer and the rest of 県A may not read: the desk's internal note, and
    # an inquiry for named people only (the asker and the queue's responders).
    inquiry_post(
        actor=responder,
        inquiry=inquiry,
        body=markers.hide("内部メモの本文DSK", readers=DESK_STAFF),
        kind=MessageKindChoices.NOTE,
    )
    make_inquiry(
        officer,
        desk,
        subject=markers.hide("指定者限りの照会DSK3", readers=("officer_a", "responder_a")),
        classification=ClassificationChoices.RESTRICTED,
    )
    other = make_inquiry(officer, desk, subject="重複の質問")
    reference = inquiry_link_reference(
        actor=responder, inquiry=inquiry, type_key="desk.inquiry", object_id=str(answered.pk)
    )
    now = timezone.now()
    shift = duty_shift_create(
        actor=admin,
        queue=desk.queue,
        responder=responder,
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=8),
    )[0]
    return SimpleNamespace(
        markers=markers,
        inquiry=inquiry,
        other=other,
        answered=answered,
        reference=reference,
        shift=shift,
        canned=canned_answer_create(actor=responder, title="定型", body="確認します。"),
        saved_view=saved_view_create(actor=responder, name="既定", query="status=open"),
        category=category_create(actor=admin, institution=world.pref_a, name="独自分類"),
        # 県A keeps its own list, which also offers その他 as the default list does.
        own_other=category_create(actor=admin, institution=world.pref_a, name="その他"),
        rule=RoutingRule.objects.get(queue=desk.queue),
        level=service_level_set(
            actor=admin,
            institution=world.pref_a,
            urgency=InquiryUrgencyChoices.URGENT,
            category=None,
            first_response_minutes=5,
            resolution_minutes=60,
            clock=ServiceClockChoices.ALWAYS,
        ),
    )


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    return build_objects(world)


test_page_access, test_api_access = matrix_tests(
    PAGES, API, lambda objects: {"inquiry_id": objects.inquiry.pk}
)
