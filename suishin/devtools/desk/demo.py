"""The demo desk: queues and routing for 架空県警察 HQ, a roster around the clock, and a few
hundred inquiries from the stations over the last twelve weeks — most answered, some solved by
a suggestion, some still open and overdue."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone

from suishin.core.choices import ClassificationChoices
from suishin.core.choices import RoleChoices as Role
from suishin.core.models import Organization, User
from suishin.desk.choices import InquiryStatusChoices, InquiryUrgencyChoices, MessageKindChoices
from suishin.desk.models import DeskQueue, Inquiry, InquiryCategory, InquiryMessage
from suishin.desk.selectors import categories_for
from suishin.desk.services.configuration import (
    canned_answer_create,
    duty_shift_create,
    queue_create,
    routing_rule_create,
)
from suishin.desk.services.inquiries import inquiry_change_status, inquiry_create, inquiry_post
from suishin.devtools.core.demo import DemoUser, demo_user, register
from suishin.devtools.desk.demo_content import QUESTIONS, STATION_PHRASES

INQUIRIES = 300
WEEKS = 12

# category -> answering division
ROUTES = {
    "生活安全": "kaku-seian-kikaku",
    "刑事": "kaku-keiji-kikaku",
    "交通": "kaku-koutsu-kikaku",
    "警備": "kaku-keibi-ka",
    "地域": "kaku-chiiki-ka",
    "警務": "kaku-keimuka",
    "情報通信": "kaku-joho-kanri",
    "会計": "kaku-keimuka",
}
DEFAULT_DIVISION = "kaku-keimuka"

# username, display name, unit, extra roles
RESPONDERS = [
    ("responder2", "生活安全企画課 回答担当2", "kaku-seian-kikaku"),
    ("keiji_responder", "刑事企画課 回答担当", "kaku-keiji-kikaku"),
    ("koutsu_responder", "交通企画課 回答担当", "kaku-koutsu-kikaku"),
    ("keibi_responder", "警備課 回答担当", "kaku-keibi-ka"),
    ("chiiki_responder", "地域課 回答担当", "kaku-chiiki-ka"),
    ("keimu_responder", "警務課 回答担当", "kaku-keimuka"),
    ("joho_responder", "情報管理課 回答担当", "kaku-joho-kanri"),
    ("desk_manager", "警務課 窓口責任者", "kaku-keimuka"),
]
OFFICER_UNITS = [
    "kaku-chuo-1",
    "kaku-chuo-2",
    "kaku-kita-1",
    "kaku-minami-1",
    "kaku-higashi-1",
    "kaku-nishi",
    "kaku-minato-1",
    "kaku-yamate",
    "kaku-kawabe-1",
    "kaku-kaihin-1",
]


def _shift_times(inquiry: Inquiry, created: datetime, reply_after: timedelta) -> None:
    """Move a demo inquiry and its thread back to ``created`` (the services write 'now')."""
    delta = timezone.now() - created
    moved = {
        name: F(name) - delta
        for name in (
            "created_at",
            "clock_started_at",
            "first_response_due",
            "resolution_due",
            "last_activity_at",
            "assigned_at",
        )
    }
    Inquiry.objects.filter(pk=inquiry.pk).update(**moved)
    # Replies come ``reply_after`` the question; the question's own events stay with it.
    messages = InquiryMessage.objects.filter(inquiry=inquiry)
    messages.filter(kind=MessageKindChoices.EVENT).update(created_at=F("created_at") - delta)
    messages.exclude(kind=MessageKindChoices.EVENT).update(
        created_at=F("created_at") - delta + reply_after
    )
    done = {
        name: F(name) - delta + reply_after
        for name in ("first_responded_at", "answered_at", "resolved_at")
    }
    # A missing time stays missing: NULL minus an interval is NULL.
    Inquiry.objects.filter(pk=inquiry.pk).update(**done)


@register
def build_desk() -> None:
    kaku = Organization.objects.filter(code="kaku").first()
    if kaku is None or Inquiry.objects.filter(organization__institution=kaku).exists():
        return
    responder = User.objects.get(username="responder")
    team = [responder]
    for username, name, unit in RESPONDERS:
        team.append(demo_user(DemoUser(username, name, unit, (Role.OFFICER, Role.RESPONDER))))
    manager = User.objects.get(username="desk_manager")
    officers = [User.objects.get(username="officer")]
    for number, unit_code in enumerate(OFFICER_UNITS, start=2):
        officers.append(
            demo_user(
                DemoUser(f"officer{number:02d}", f"巡査 {number:02d}", unit_code, (Role.OFFICER,))
            )
        )

    queues: dict[str, DeskQueue] = {}
    for code in {*ROUTES.values(), DEFAULT_DIVISION}:
        division = Organization.objects.get(code=code)
        supervisor = next((p for p in team if p.unit_id == division.pk), None)
        queues[code] = DeskQueue.objects.filter(division=division).first() or queue_create(
            actor=None, division=division, supervisor=supervisor, manager=manager
        )
    categories = {category.name: category for category in categories_for(kaku.pk)}
    for name, code in ROUTES.items():
        routing_rule_create(
            actor=None, institution=kaku, queue=queues[code], category=categories[name]
        )
    routing_rule_create(actor=None, institution=kaku, queue=queues[DEFAULT_DIVISION])

    # Day shifts for each division's responders, nights for the desk manager's division.
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    first = datetime.combine(today - timedelta(days=7), datetime.min.time(), tzinfo=tz)
    for person in team:
        queue = next((q for q in queues.values() if q.division_id == person.unit_id), None)
        if queue is None:
            continue
        duty_shift_create(
            actor=None,
            queue=queue,
            responder=person,
            starts_at=first + timedelta(hours=8, minutes=30),
            ends_at=first + timedelta(hours=17, minutes=15),
            repeat_days=21,
        )
    for queue in queues.values():
        duty_shift_create(
            actor=None,
            queue=queue,
            responder=manager,
            starts_at=first + timedelta(hours=17, minutes=15),
            ends_at=first + timedelta(days=1, hours=8, minutes=30),
            repeat_days=21,
        )
    canned_answer_create(
        actor=responder,
        title="確認のうえ回答します",
        body="お問い合わせありがとうございます。担当課で確認のうえ、追って回答します。",
    )
    canned_answer_create(
        actor=responder,
        title="要領の該当箇所の案内",
        body="該当する取扱要領の条項をご確認ください。不明な点があれば本照会に追記してください。",
    )
    _build_inquiries(officers, categories)


def _build_inquiries(officers: list[User], categories: dict[str, InquiryCategory]) -> None:
    from suishin.search.models import SearchDocument

    chooser = random.Random(2026)  # noqa: S311 - demo data, not security
    now = timezone.now()
    answered_by_question: dict[int, Inquiry] = {}
    for number in range(INQUIRIES):
        template = number % len(QUESTIONS)
        category_name, subject, question, answer = QUESTIONS[template]
        officer = chooser.choice(officers)
        urgent = chooser.random() < 0.15
        # Oldest first, so that later questions can be solved by earlier answers.
        age = timedelta(minutes=(INQUIRIES - number) * WEEKS * 7 * 24 * 60 // INQUIRIES)
        recent = number >= INQUIRIES - 12
        if recent:
            age = timedelta(minutes=chooser.randint(5, 600))
        earlier = answered_by_question.get(template)
        solved = earlier is not None and not recent and chooser.random() < 0.15
        inquiry = inquiry_create(
            actor=officer,
            category=categories[category_name],
            urgency=InquiryUrgencyChoices.URGENT if urgent else InquiryUrgencyChoices.NORMAL,
            subject=subject,
            body=f"{question}{chooser.choice(STATION_PHRASES)}",
            classification=(
                ClassificationChoices.RESTRICTED
                if chooser.random() < 0.03
                else ClassificationChoices.INTERNAL
            ),
            solved_by=("desk.inquiry", str(earlier.pk)) if solved and earlier else None,
        )
        reply_after = timedelta(minutes=chooser.choice([3, 8, 15, 40, 90, 200, 600]))
        if not recent and not solved:
            responder = inquiry.assignee or User.objects.get(username="desk_manager")
            inquiry_post(
                actor=responder,
                inquiry=inquiry,
                body=answer,
                kind=MessageKindChoices.REPLY,
                next_status=InquiryStatusChoices.ANSWERED,
            )
            if chooser.random() < 0.7:
                inquiry_change_status(
                    actor=officer, inquiry=inquiry, status=InquiryStatusChoices.RESOLVED
                )
            if inquiry.classification == ClassificationChoices.INTERNAL:
                answered_by_question[template] = inquiry
        _shift_times(inquiry, now - age, reply_after)
    # The index keeps the answers' dates as moved.
    for pk, answered_at in Inquiry.objects.filter(answered_at__isnull=False).values_list(
        "pk", "answered_at"
    ):
        SearchDocument.objects.filter(type_key="desk.inquiry", object_id=str(pk)).update(
            record_date=answered_at
        )
