"""A working desk on the persona world: 県A's 生活安全企画課 answers, responder_a on duty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from suishin.core.choices import ClassificationChoices
from suishin.core.models import User
from suishin.desk.choices import InquiryUrgencyChoices
from suishin.desk.models import DeskQueue, Inquiry, InquiryCategory
from suishin.desk.selectors import categories_for
from suishin.desk.services.configuration import duty_shift_create, queue_create, routing_rule_create
from suishin.desk.services.inquiries import inquiry_create
from suishin.testing.personas import World


@dataclass
class Desk:
    queue: DeskQueue
    category: InquiryCategory

    def category_named(self, name: str) -> InquiryCategory:
        return InquiryCategory.objects.get(institution__isnull=True, name=name)


def make_desk(world: World, *, on_duty: bool = True) -> Desk:
    """The desk of 県A's 生活安全企画課; asked for again in the same world, the same desk."""
    existing = DeskQueue.objects.filter(division=world.division_a).first()
    if existing is not None:
        default = InquiryCategory.objects.get(institution__isnull=True, name="生活安全")
        return Desk(queue=existing, category=default)
    queue = queue_create(
        actor=None,
        division=world.division_a,
        supervisor=world.users["admin_a"],
        manager=world.users["admin_a"],
    )
    routing_rule_create(actor=None, institution=world.pref_a, queue=queue)
    if on_duty:
        now = timezone.now()
        duty_shift_create(
            actor=None,
            queue=queue,
            responder=world.users["responder_a"],
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=8),
        )
    category = categories_for(world.pref_a.pk).get(name="生活安全")
    return Desk(queue=queue, category=category)


def make_inquiry(
    asker: User,
    desk: Desk,
    *,
    subject: str = "遺失物の拾得届で拾得者が権利を放棄する場合",
    body: str = "拾得者が報労金も所有権も要らないと言っています。手続を教えてください。",
    urgency: str = InquiryUrgencyChoices.NORMAL,
    classification: int = ClassificationChoices.INTERNAL,
    **extra: Any,
) -> Inquiry:
    return inquiry_create(
        actor=asker,
        category=extra.pop("category", desk.category),
        urgency=urgency,
        subject=subject,
        body=body,
        classification=classification,
        **extra,
    )
