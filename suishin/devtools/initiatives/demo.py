"""The demo promotion structure of 架空県警察, after seed 000: 警察運営イノベーション推進委員会,
its 幹事会 and two working groups, seats by post, one meeting held and one to come; the
integrity working group's meetings are for its members only."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from suishin.core.choices import RoleChoices as Role
from suishin.core.models import Organization, User
from suishin.devtools.core.demo import DemoUser, demo_user, register
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
        name: str,
        kind: str,
        unit: Organization,
        parent: PromotionBody | None,
        purpose: str,
        *,
        members_only: bool = False,
    ) -> PromotionBody:
        return body_create(
            actor=secretariat,
            name=name,
            kind=kind,
            secretariat=unit,
            parent=parent,
            purpose=purpose,
            meetings_members_only=members_only,
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
        # Individual misconduct cases are discussed: members only, not the whole prefecture.
        members_only=True,
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
    # Run by 監察課 (the WG's 庶務); members only, as the body's default.
    integrity = User.objects.get(username="integrity")
    closed = meeting_create(
        actor=integrity,
        body=integrity_wg,
        title="第1回 非違事案対策高度化ワーキンググループ",
        starts_at=datetime.combine(today - timedelta(days=14), time(10, 0), tzinfo=tz),
        place="本部 監察課会議室",
        agenda=[("最近の非違事案の傾向と制度的要因", "監察課長")],
    )
    meeting_record_minutes(
        actor=integrity,
        meeting=closed,
        minutes="最近の事案に共通する背景として、業務の属人化と点検の形骸化が挙げられた。",
    )
    action_item_add(
        actor=integrity,
        meeting=closed,
        title="点検項目の見直し案を作成する",
        owner=posts["監察課長"].holder or integrity,
        due_date=today + timedelta(days=30),
    )


# (category code, title, goal, hours saved, hours eliminated, running cost, KPI)
INITIATIVE_THEMES = [
    (
        "1(1)ア",
        "業務量に応じた柔軟な人員配置",
        "繁忙期の所属へ応援要員を機動的に配置する。",
        2400,
        0,
        0,
        ("応援要請への対応率", "percent", 60, 95),
    ),
    (
        "1(1)イ",
        "決裁手続の電子化",
        "紙の決裁を電子決裁に切り替える。",
        5200,
        0,
        3_000_000,
        ("電子決裁の割合", "percent", 10, 90),
    ),
    (
        "1(1)イ",
        "報告様式の統合",
        "重複する報告様式を統合する。",
        1800,
        0,
        0,
        ("報告様式の数", "count", 120, 60),
    ),
    (
        "1(1)ウ",
        "自治体との情報共有の定例化",
        "市町村との連絡会議を定例化する。",
        300,
        0,
        0,
        ("連絡会議の開催数", "count", 2, 12),
    ),
    (
        "1(2)ア",
        "相談・照会窓口の全署展開",
        "現場からの照会に即時に回答できる体制を全署に広げる。",
        3600,
        0,
        1_200_000,
        ("即日回答率", "percent", 40, 90),
    ),
    (
        "1(2)ア",
        "照会回答のナレッジ化",
        "回答をナレッジとして共有し、同じ照会を減らす。",
        1500,
        0,
        0,
        ("自己解決率", "percent", 5, 40),
    ),
    (
        "1(2)イ",
        "庁舎の入退管理の強化",
        "ICカードによる入退管理を全庁舎に導入する。",
        0,
        0,
        4_000_000,
        ("導入庁舎数", "count", 3, 24),
    ),
    (
        "1(2)ウ",
        "時間外勤務の縮減",
        "定時退庁日の徹底と業務の平準化を進める。",
        8000,
        0,
        0,
        ("月平均時間外勤務", "hours", 32, 20),
    ),
    (
        "1(2)ウ",
        "テレワーク環境の整備",
        "本部の企画部門でテレワークを可能にする。",
        1200,
        0,
        2_500_000,
        ("テレワーク実施者数", "people", 0, 150),
    ),
    (
        "1(3)ア",
        "情報システムの統合",
        "所属ごとの小規模システムを統合する。",
        2600,
        0,
        6_000_000,
        ("統合したシステム数", "count", 0, 15),
    ),
    (
        "1(3)イ",
        "AIによる書類の読み取り",
        "紙の届出をAI-OCRで読み取る。",
        4200,
        0,
        2_000_000,
        ("自動読取の割合", "percent", 0, 70),
    ),
    (
        "1(3)イ",
        "ドローンによる災害現場の把握",
        "災害時の状況把握にドローンを活用する。",
        600,
        0,
        1_500_000,
        ("訓練実施回数", "count", 0, 12),
    ),
    (
        "減",
        "重複する統計報告の廃止",
        "本部で集計できる統計の署からの報告を廃止する。",
        0,
        2400,
        0,
        ("廃止した報告の数", "count", 0, 20),
    ),
    (
        "減",
        "会議資料の印刷廃止",
        "会議資料をタブレットで閲覧し、印刷をやめる。",
        0,
        900,
        300_000,
        ("印刷枚数（月）", "count", 20000, 2000),
    ),
]
HEALTH_CYCLE = ["green", "green", "amber", "green", "red", "green", "amber", "green"]


@register
def build_initiatives() -> None:
    """About forty initiatives (the themes above, run by several divisions) with a year of
    monthly updates."""
    from dateutil.relativedelta import relativedelta

    from suishin.initiatives.models import Initiative, InitiativeCategory
    from suishin.initiatives.services.initiatives import (
        initiative_create,
        kpi_add,
        progress_update_create,
    )

    kaku = Organization.objects.filter(code="kaku").first()
    if kaku is None or Initiative.objects.filter(organization__institution=kaku).exists():
        return
    from decimal import Decimal

    secretariat = User.objects.get(username="secretariat")
    owners = [User.objects.get(username="owner")]
    for username, name, unit in (
        ("owner_seian", "生活安全企画課 取組担当", "kaku-seian-kikaku"),
        ("owner_joho", "情報管理課 取組担当", "kaku-joho-kanri"),
        ("owner_koutsu", "交通企画課 取組担当", "kaku-koutsu-kikaku"),
    ):
        owners.append(
            demo_user(DemoUser(username, name, unit, (Role.OFFICER, Role.INITIATIVE_OWNER)))
        )
    categories = {c.code: c for c in InitiativeCategory.objects.filter(institution__isnull=True)}
    today = timezone.localdate()
    start = today - relativedelta(months=12)
    number = 0
    for round_number, suffix in enumerate(("", "（第2期）", "（署での展開）")):
        for code, title, goal, saved, eliminated, cost, kpi in INITIATIVE_THEMES:
            if round_number == 2 and number >= 40:
                break
            owner = owners[number % len(owners)]
            initiative = initiative_create(
                actor=secretariat,
                title=f"{title}{suffix}",
                category=categories[code],
                owner=owner,
                goal=goal,
                start_date=start + relativedelta(months=round_number * 2),
                hours_saved_per_year=saved // (round_number + 1),
                hours_eliminated_per_year=eliminated // (round_number + 1),
                cost_yen_per_year=cost,
            )
            name, unit, baseline, target = kpi
            measure = kpi_add(
                actor=owner,
                initiative=initiative,
                name=name,
                unit=unit,
                baseline=Decimal(baseline),
                baseline_date=initiative.start_date,
                target=Decimal(target),
                target_date=initiative.start_date + relativedelta(years=2),
            )
            months = 12 - round_number * 2
            stalled = number % 9 == 4  # a few stop reporting: overdue on the portfolio
            for month in range(1, months + 1 - (3 if stalled else 0)):
                share = Decimal(month) / 24
                progress_update_create(
                    actor=owner,
                    initiative=initiative,
                    period_end=initiative.start_date
                    + relativedelta(months=month)
                    - relativedelta(days=1),
                    done="計画どおり実施した。" if month % 3 else "四半期の振り返りを行った。",
                    health=HEALTH_CYCLE[(number + month) % len(HEALTH_CYCLE)],
                    values={
                        measure.pk: (
                            Decimal(baseline) + (Decimal(target) - Decimal(baseline)) * share
                        ).quantize(Decimal("0.1"))
                    },
                )
            number += 1


@register
def build_shared_cases() -> None:
    """横展開: 架空県 shares its desk rollout, 隣県 adopts and shares its own version, 遠県 adopts
    that in turn (a chain of two adoptions); 隣県 shares a practice of its own as well."""
    from suishin.core.choices import OrganizationKindChoices as Kind
    from suishin.core.services.organizations import organization_create
    from suishin.core.services.releases import release_confirm
    from suishin.initiatives.models import Initiative, InitiativeCategory, SharedCase
    from suishin.initiatives.services.initiatives import initiative_create
    from suishin.initiatives.services.sharing import case_adopt, case_ask, case_publish

    kaku = Organization.objects.filter(code="kaku").first()
    rinken = Organization.objects.filter(code="rinken-seian").first()
    if kaku is None or rinken is None or SharedCase.objects.exists():
        return
    source = Initiative.objects.filter(
        organization__institution=kaku, title="相談・照会窓口の全署展開"
    ).first()
    if source is None:
        return
    enken = Organization.objects.filter(code="enken").first() or organization_create(
        actor=None, code="enken", name="遠県警察", kind=Kind.PREFECTURAL_POLICE
    )
    enken_unit = Organization.objects.filter(code="enken-seian").first() or organization_create(
        actor=None,
        code="enken-seian",
        name="遠県警察本部生活安全部",
        kind=Kind.DEPARTMENT,
        parent=enken,
    )
    owner_roles = (Role.OFFICER, Role.INITIATIVE_OWNER)
    rinken_owner = demo_user(DemoUser("rinken_owner", "隣県 取組担当", "rinken-seian", owner_roles))
    enken_owner = demo_user(DemoUser("enken_owner", "遠県 取組担当", enken_unit.code, owner_roles))
    secretariat_roles = (Role.OFFICER, Role.SECRETARIAT)
    confirmers = {
        kaku.pk: User.objects.get(username="secretariat"),
        rinken.institution_id: demo_user(
            DemoUser("rinken_secretariat", "隣県 推進事務局", "rinken-seian", secretariat_roles)
        ),
        enken.pk: demo_user(
            DemoUser("enken_secretariat", "遠県 推進事務局", enken_unit.code, secretariat_roles)
        ),
    }

    def publish(**kwargs: Any) -> SharedCase:
        """Published by its owner, confirmed by the institution's secretariat."""
        case = case_publish(**kwargs)
        confirmer = confirmers[case.organization.institution_id]
        return release_confirm(actor=confirmer, release=case, expected_sha256=case.content_sha256)

    first = publish(
        actor=source.owner,
        initiative=source,
        title="相談・照会窓口の全署展開",
        summary="本部の各課に当番制の回答担当を置き、現場からの照会に即日回答する体制を全署に広げた。"
        "回答はナレッジとして蓄積し、同じ照会は窓口で自己解決できるようにした。",
        lessons="試行は3署から始め、回答の型（定型文）を早めに整えると立ち上がりが早い。",
        confirmed=True,
    )
    adopted = case_adopt(actor=rinken_owner, case=first, confirmed=True)
    second = publish(
        actor=rinken_owner,
        initiative=adopted,
        title="小規模県での相談・照会窓口",
        summary="架空県の事例を採り入れ、当番を本部2課に絞って小規模な体制で始めた。",
        lessons="夜間は当直責任者に集約すると負担が小さい。",
        confirmed=True,
    )
    third_link = case_adopt(actor=enken_owner, case=second, confirmed=True)
    publish(
        actor=enken_owner,
        initiative=third_link,
        title="遠隔地の署を結ぶ相談・照会窓口",
        summary="隣県の小規模な体制を参考に、遠隔地の署からの照会をテレビ会議で受ける形にした。",
        confirmed=True,
    )
    own = initiative_create(
        actor=rinken_owner,
        title="夜間の遺失物受理の集約",
        category=InitiativeCategory.objects.get(institution__isnull=True, code="減"),
        owner=rinken_owner,
        goal="夜間に交番で受理した遺失物の処理を本署の当直に集約し、交番の事務を減らす。",
        start_date=timezone.localdate() - timedelta(days=200),
        hours_eliminated_per_year=700,
    )
    third = publish(
        actor=rinken_owner,
        initiative=own,
        title="夜間の遺失物受理の集約",
        summary="夜間の遺失物の受理事務を本署の当直に集約し、交番の書類作成をなくした。",
        confirmed=True,
    )
    case_ask(
        actor=User.objects.get(username="owner"),
        case=third,
        question="集約後の本署当直の負担はどう変わりましたか。",
    )
