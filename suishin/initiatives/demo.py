"""The demo promotion structure of 架空県警察, after seed 000: 警察運営イノベーション推進委員会,
its 幹事会 and two working groups, seats by post, one meeting held and one to come."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from suishin.core.choices import RoleChoices as Role
from suishin.core.demo import DemoUser, demo_user, register
from suishin.core.models import Organization, User
from suishin.initiatives.choices import BodyKindChoices, MemberRoleChoices
from suishin.initiatives.models import PromotionBody
from suishin.initiatives.services.bodies import body_create, body_member_add, post_create
from suishin.initiatives.services.meetings import (
    action_item_add,
    action_item_done,
    decision_add,
    meeting_create,
    meeting_record_minutes,
)

# (unit code, title, demo holder or None)
POSTS = [
    ("kaku-hq", "本部長", ("honbucho", "本部長")),
    ("kaku-keimu", "警務部長", ("keimu_bucho", "警務部長")),
    ("kaku-seian", "生活安全部長", None),
    ("kaku-chiiki", "地域部長", None),
    ("kaku-keiji", "刑事部長", None),
    ("kaku-koutsu", "交通部長", None),
    ("kaku-keibi", "警備部長", None),
    ("kaku-joho", "情報通信部長", None),
    ("kaku-keimuka", "警務課長", ("keimu_kacho", "警務課長")),
    ("kaku-kansatsu", "監察課長", ("kansatsu_kacho", "監察課長")),
    ("kaku-seian-kikaku", "生活安全企画課長", None),
    ("kaku-keiji-kikaku", "刑事企画課長", None),
    ("kaku-koutsu-kikaku", "交通企画課長", None),
    ("kaku-joho-kanri", "情報管理課長", None),
]
DEPARTMENT_HEADS = [
    "警務部長",
    "生活安全部長",
    "地域部長",
    "刑事部長",
    "交通部長",
    "警備部長",
    "情報通信部長",
]
DIVISION_HEADS = [
    "警務課長",
    "監察課長",
    "生活安全企画課長",
    "刑事企画課長",
    "交通企画課長",
    "情報管理課長",
]


@register
def build_promotion_structure() -> None:
    kaku = Organization.objects.filter(code="kaku").first()
    if kaku is None or PromotionBody.objects.filter(organization__institution=kaku).exists():
        return
    secretariat = User.objects.get(username="secretariat")
    posts = {}
    for unit_code, title, holder in POSTS:
        person = (
            demo_user(DemoUser(holder[0], holder[1], unit_code, (Role.OFFICER,)))
            if holder
            else None
        )
        posts[title] = post_create(
            actor=secretariat,
            unit=Organization.objects.get(code=unit_code),
            title=title,
            holder=person,
        )
    keimuka = Organization.objects.get(code="kaku-keimuka")
    kansatsu = Organization.objects.get(code="kaku-kansatsu")

    def body(
        name: str, kind: str, unit: Organization, parent: PromotionBody | None, purpose: str
    ) -> PromotionBody:
        return body_create(
            actor=secretariat,
            name=name,
            kind=kind,
            secretariat=unit,
            parent=parent,
            purpose=purpose,
        )

    committee = body(
        "警察運営イノベーション推進委員会",
        BodyKindChoices.COMMITTEE,
        keimuka,
        None,
        "社会情勢の変化に適応し、県民の期待と信頼に応える警察運営に向けた取組を推進する。",
    )
    steering = body(
        "警察運営イノベーション推進幹事会",
        BodyKindChoices.STEERING,
        keimuka,
        committee,
        "委員会の任務に関する施策の企画立案と推進方策について検討する。",
    )
    innovation_wg = body(
        "警察運営イノベーション推進ワーキンググループ",
        BodyKindChoices.WORKING_GROUP,
        keimuka,
        steering,
        "施策の企画立案と推進方策について検討する。",
    )
    integrity_wg = body(
        "非違事案対策高度化ワーキンググループ",
        BodyKindChoices.WORKING_GROUP,
        kansatsu,
        steering,
        "不適正な業務運営の制度的要因・背景の分析と、非違事案対策の高度化に向けた施策を検討する。",
    )
    seats = [
        (committee, "本部長", MemberRoleChoices.CHAIR),
        *[(committee, title, MemberRoleChoices.MEMBER) for title in DEPARTMENT_HEADS],
        (steering, "警務部長", MemberRoleChoices.CHAIR),
        *[(steering, title, MemberRoleChoices.MEMBER) for title in DIVISION_HEADS],
        (innovation_wg, "警務課長", MemberRoleChoices.CHAIR),
        (integrity_wg, "監察課長", MemberRoleChoices.CHAIR),
    ]
    for target, title, role in seats:
        body_member_add(actor=secretariat, body=target, role=role, post=posts[title])
    body_member_add(
        actor=secretariat, body=innovation_wg, role=MemberRoleChoices.MEMBER, person=secretariat
    )

    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    held = meeting_create(
        actor=secretariat,
        body=committee,
        title="第1回 警察運営イノベーション推進委員会",
        starts_at=datetime.combine(today - timedelta(days=60), time(14, 0), tzinfo=tz),
        place="本部 大会議室",
        agenda=[("推進体制と今年度の重点", "警務部長"), ("相談・照会窓口の試行", "生活安全部長")],
    )
    meeting_record_minutes(
        actor=secretariat,
        meeting=held,
        minutes="本部長から、現場の負担を減らす取組を優先するよう指示があった。\n"
        "相談・照会窓口の試行結果は次回報告する。",
    )
    decision_add(actor=secretariat, meeting=held, text="相談・照会窓口を全署で試行する。")
    owner = User.objects.get(username="owner")
    done = action_item_add(
        actor=secretariat,
        meeting=held,
        title="試行署の選定案を作成する",
        owner=owner,
        due_date=today - timedelta(days=30),
    )
    action_item_done(actor=owner, action=done)
    action_item_add(
        actor=secretariat,
        meeting=held,
        title="試行結果の報告資料を作成する",
        owner=owner,
        due_date=today + timedelta(days=20),
    )
    meeting_create(
        actor=secretariat,
        body=committee,
        title="第2回 警察運営イノベーション推進委員会",
        starts_at=datetime.combine(today + timedelta(days=30), time(14, 0), tzinfo=tz),
        place="本部 大会議室",
        agenda=[("相談・照会窓口の試行結果", "生活安全部長")],
    )
