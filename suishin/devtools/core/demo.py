"""The fictional demo installation (架空県警察 and neighbours). Idempotent: run it any number of
times; what exists is kept. Every write goes through the services, so the demo also fills the
audit chain the way real use would.

Apps add their own demo data by registering a builder (``register``) in
``devtools/<app>/demo.py``; the builders run after core's, in the order of INSTALLED_APPS.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from suishin.core.choices import ClassificationChoices
from suishin.core.choices import OrganizationKindChoices as Kind
from suishin.core.choices import RoleChoices as Role
from suishin.core.models import Notice, Organization, User
from suishin.core.services.notices import notice_create
from suishin.core.services.organizations import organization_create
from suishin.core.services.users import user_create
from suishin.devtools.registry import discover_devtools

DEMO_PASSWORD = "Suishin-Demo-2026"  # noqa: S105 - documented demo credential, printed by `make run`

Builder = Callable[[], None]
_BUILDERS: list[Builder] = []


def register(builder: Builder) -> Builder:
    _BUILDERS.append(builder)
    return builder


# (code, name, kind, children)
Tree = tuple[str, str, str, list["Tree"]]

STATIONS = [
    ("chuo", "中央警察署", ["駅前交番", "本町交番", "城址交番"]),
    ("kita", "北警察署", ["北口交番", "緑ヶ丘駐在所"]),
    ("minami", "南警察署", ["南町交番", "港南交番"]),
    ("higashi", "東警察署", ["東口交番", "桜台交番"]),
    ("nishi", "西警察署", ["西町交番", "山田駐在所"]),
    ("minato", "港警察署", ["埠頭交番", "海岸通交番"]),
    ("yamate", "山手警察署", ["山手交番", "高台駐在所"]),
    ("kawabe", "川辺警察署", ["川辺交番", "中洲交番"]),
    ("kohan", "湖畔警察署", ["湖畔交番", "白浜駐在所"]),
    ("kogen", "高原警察署", ["高原駐在所", "峠駐在所"]),
    ("kaihin", "海浜警察署", ["海浜交番", "松原交番"]),
]

HQ_DEPARTMENTS = [
    (
        "keimu",
        "警務部",
        [
            ("keimuka", "警務課"),
            ("kansatsu", "監察課"),
            ("kouan-hosa", "公安委員会補佐室"),
            ("kyouyou", "教養課"),
        ],
    ),
    (
        "seian",
        "生活安全部",
        [("seian-kikaku", "生活安全企画課"), ("chian-taisaku", "人身安全対策課")],
    ),
    ("chiiki", "地域部", [("chiiki-ka", "地域課"), ("shirei", "通信指令課")]),
    ("keiji", "刑事部", [("keiji-kikaku", "刑事企画課"), ("sousa1", "捜査第一課")]),
    ("koutsu", "交通部", [("koutsu-kikaku", "交通企画課"), ("koutsu-shidou", "交通指導課")]),
    ("keibi", "警備部", [("keibi-ka", "警備課")]),
    ("joho", "情報通信部", [("joho-kanri", "情報管理課")]),
]


def _tree() -> list[Tree]:
    pref = "kaku"
    hq: Tree = (
        f"{pref}-hq",
        "架空県警察本部",
        Kind.POLICE_HEADQUARTERS,
        [
            (
                f"{pref}-{code}",
                name,
                Kind.DEPARTMENT,
                [(f"{pref}-{c}", n, Kind.DIVISION, []) for c, n in divisions],
            )
            for code, name, divisions in HQ_DEPARTMENTS
        ],
    )
    stations: list[Tree] = [
        (
            f"{pref}-{code}",
            name,
            Kind.POLICE_STATION,
            [(f"{pref}-{code}-{i + 1}", box, Kind.POLICE_BOX, []) for i, box in enumerate(boxes)],
        )
        for code, name, boxes in STATIONS
    ]
    return [
        (
            "npa",
            "警察庁",
            Kind.NATIONAL_AGENCY,
            [
                (
                    "npa-kanbo",
                    "長官官房",
                    Kind.DEPARTMENT,
                    [("npa-kikaku", "企画課", Kind.DIVISION, [])],
                ),
            ],
        ),
        ("chubu-rpb", "中部管区警察局", Kind.REGIONAL_BUREAU, []),
        (pref, "架空県警察", Kind.PREFECTURAL_POLICE, [hq, *stations]),
        (
            "rinken",
            "隣県警察",
            Kind.PREFECTURAL_POLICE,
            [
                (
                    "rinken-hq",
                    "隣県警察本部",
                    Kind.POLICE_HEADQUARTERS,
                    [
                        ("rinken-seian", "生活安全部", Kind.DEPARTMENT, []),
                    ],
                ),
                (
                    "rinken-ekimae",
                    "隣県駅前警察署",
                    Kind.POLICE_STATION,
                    [("rinken-ekimae-1", "駅前交番", Kind.POLICE_BOX, [])],
                ),
            ],
        ),
        (
            "kaku-pref",
            "架空県庁",
            Kind.PREFECTURAL_GOVERNMENT,
            [
                (
                    "kaku-pref-soumu",
                    "総務部",
                    Kind.BUREAU,
                    [("kaku-pref-smart", "スマート改革推進課", Kind.OFFICE, [])],
                ),
                (
                    "kaku-pref-kenkou",
                    "健康福祉部",
                    Kind.BUREAU,
                    [("kaku-pref-fukushi", "福祉政策課", Kind.OFFICE, [])],
                ),
                (
                    "kaku-pref-doboku",
                    "県土整備部",
                    Kind.BUREAU,
                    [("kaku-pref-douro", "道路企画課", Kind.OFFICE, [])],
                ),
            ],
        ),
    ]


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    unit_code: str
    roles: tuple[str, ...]


DEMO_USERS = [
    DemoUser("officer", "交番 巡査（県A）", "kaku-chuo-1", (Role.OFFICER,)),
    DemoUser(
        "responder",
        "生活安全企画課 回答担当",
        "kaku-seian-kikaku",
        (Role.OFFICER, Role.RESPONDER, Role.KNOWLEDGE_EDITOR),
    ),
    DemoUser("owner", "警務課 取組担当", "kaku-keimuka", (Role.OFFICER, Role.INITIATIVE_OWNER)),
    DemoUser(
        "secretariat", "推進事務局（警務課）", "kaku-keimuka", (Role.OFFICER, Role.SECRETARIAT)
    ),
    DemoUser("integrity", "監察課 監察官", "kaku-kansatsu", (Role.OFFICER, Role.INTEGRITY)),
    DemoUser(
        "commission",
        "公安委員会補佐室 職員",
        "kaku-kouan-hosa",
        (Role.OFFICER, Role.COMMISSION_STAFF),
    ),
    DemoUser("auditor", "監査担当", "kaku-kansatsu", (Role.AUDITOR,)),
    DemoUser(
        "admin", "情報管理課 システム管理者", "kaku-joho-kanri", (Role.OFFICER, Role.SYSTEM_ADMIN)
    ),
    DemoUser("officer_b", "隣県 巡査（県B）", "rinken-ekimae-1", (Role.OFFICER,)),
    DemoUser("npa_secretariat", "警察庁 企画課（全国事務局）", "npa-kikaku", (Role.SECRETARIAT,)),
    DemoUser(
        "pref_staff",
        "県庁 スマート改革推進課",
        "kaku-pref-smart",
        (Role.OFFICER, Role.INITIATIVE_OWNER),
    ),
]


@lru_cache(maxsize=1)
def demo_password_hash() -> str:
    """The demo password hashed once: hashing is slow on purpose, and every account shares it."""
    validate_password(DEMO_PASSWORD)
    return make_password(DEMO_PASSWORD)


def demo_totp_secret(username: str) -> str:
    """A fixed second-factor key per demo account, so demo sign-ins can be scripted."""
    digest = hashlib.sha256(f"suishin-demo-totp:{username}".encode()).digest()
    return base64.b32encode(digest[:20]).decode("ascii")


def _build_tree(nodes: list[Tree], parent: Organization | None, order_start: int = 0) -> None:
    for order, (code, name, kind, children) in enumerate(nodes, start=order_start):
        organization = Organization.objects.filter(code=code).first()
        if organization is None:
            organization = organization_create(
                actor=None, code=code, name=name, kind=kind, parent=parent, sort_order=order
            )
        _build_tree(children, organization)


def demo_user(spec: DemoUser) -> User:
    """The demo account ``spec`` describes, created through the services the first time."""
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=spec.username,
            password="",
            password_hash=demo_password_hash(),
            unit=Organization.objects.get(code=spec.unit_code),
            roles=spec.roles,
            display_name=spec.display_name,
        )
    if user.requires_mfa and not user.has_totp:
        # Demo accounts are enrolled with a known key; real accounts enroll at first sign-in.
        User.objects.filter(pk=user.pk).update(
            totp_secret=demo_totp_secret(user.username), totp_confirmed_at=timezone.now()
        )
    return user


def _build_users() -> dict[str, User]:
    return {spec.username: demo_user(spec) for spec in DEMO_USERS}


def _build_notices(users: dict[str, User]) -> None:
    kaku = Organization.objects.get(code="kaku")
    if Notice.objects.filter(organization__institution=kaku).exists():
        return
    secretariat = users["secretariat"]
    notice_create(
        actor=secretariat,
        title="警察運営イノベーション推進委員会の開催について",
        body="次回の推進委員会を来月第2週に開催します。各部の取組状況を事前に登録してください。",
        classification=ClassificationChoices.INTERNAL,
    )
    notice_create(
        actor=secretariat,
        title="相談・照会窓口の試行運用開始",
        body="本部の相談・照会窓口の試行運用を開始します。第一線からの相談は窓口画面から登録してください。",
        classification=ClassificationChoices.INTERNAL,
        shared_nationwide=True,
    )
    notice_create(
        actor=secretariat,
        title="人事異動内示に関する連絡（限定）",
        body="本件は指定された職員のみ閲覧できます。",
        classification=ClassificationChoices.RESTRICTED,
        named_readers=[users["owner"]],
    )
    notice_create(
        actor=users["npa_secretariat"],
        title="全国の好事例の共有について",
        body="各都道府県警察の好事例を横展開カタログで共有してください。",
        classification=ClassificationChoices.INTERNAL,
        shared_nationwide=True,
    )


@transaction.atomic
def build_demo() -> dict[str, User]:
    _build_tree(_tree(), None)
    users = _build_users()
    _build_notices(users)
    discover_devtools("demo")
    for builder in _BUILDERS:
        builder()
    return users
