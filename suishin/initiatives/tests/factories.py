"""A promotion body of 県A run from 生活安全企画課 (responder_a's unit), managed by admin_a."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from suishin.core.models import User
from suishin.initiatives.choices import BodyKindChoices, MemberRoleChoices
from suishin.initiatives.models import (
    BodyMember,
    Initiative,
    Meeting,
    Post,
    PromotionBody,
    SharedCase,
)
from suishin.initiatives.services.bodies import body_create, body_member_add, post_create
from suishin.initiatives.services.meetings import meeting_create
from suishin.testing.personas import World


@dataclass
class Structure:
    body: PromotionBody
    post: Post
    seat: BodyMember
    meeting: Meeting


def make_structure(world: World) -> Structure:
    admin = world.users["admin_a"]
    post = post_create(
        actor=admin, unit=world.hq_a, title="本部長", holder=world.users["officer_a"]
    )
    body = body_create(
        actor=admin,
        name="推進委員会",
        kind=BodyKindChoices.COMMITTEE,
        secretariat=world.division_a,
    )
    seat = body_member_add(actor=admin, body=body, role=MemberRoleChoices.CHAIR, post=post)
    meeting = meeting_create(
        actor=admin,
        body=body,
        title="第1回推進委員会",
        starts_at=timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=7), time(14, 0))
        ),
        agenda=[("推進体制", "警務部長")],
    )
    return Structure(body, post, seat, meeting)


def make_initiative(world: World, **fields: object) -> Initiative:
    """An initiative of 県A owned by officer_a (an initiative owner), registered by admin_a."""
    from datetime import date

    from suishin.core.choices import RoleChoices
    from suishin.core.services.users import user_set_roles
    from suishin.initiatives.models import InitiativeCategory
    from suishin.initiatives.services.initiatives import initiative_create

    officer = world.users["officer_a"]
    if not officer.has_role(RoleChoices.INITIATIVE_OWNER):
        user_set_roles(
            actor=None, user=officer, roles=[RoleChoices.OFFICER, RoleChoices.INITIATIVE_OWNER]
        )
    values = {
        "title": "相談・照会窓口の全署展開",
        "category": InitiativeCategory.objects.get(institution__isnull=True, code="1(2)ア"),
        "owner": officer,
        "goal": "現場からの照会に即時に回答できる体制を全署に広げる。",
        "start_date": date(2026, 4, 1),
        "hours_saved_per_year": 1200,
        "cost_yen_per_year": 800_000,
        **fields,
    }
    return initiative_create(actor=world.users["admin_a"], **values)  # type: ignore[arg-type]


def secretariat_of_a(world: World) -> User:
    """県A's 推進事務局 (not one of the personas): the second person who confirms cases."""
    from suishin.core.choices import RoleChoices
    from suishin.core.services.users import user_create
    from suishin.testing.personas import PASSWORD

    existing = User.objects.filter(username="secretariat_a").first()
    if existing is not None:
        return existing
    return user_create(
        actor=None,
        username="secretariat_a",
        password=PASSWORD,
        unit=world.division_a,
        roles=[RoleChoices.OFFICER, RoleChoices.SECRETARIAT],
    )


def publish_case(world: World, initiative: Initiative, **values: Any) -> SharedCase:
    """A case officer_a publishes and 県A's secretariat confirms: shared as asked."""
    from suishin.core.services.releases import release_confirm
    from suishin.initiatives.services.sharing import case_publish

    fields = {"title": "窓口の全署展開", "summary": "照会への即日回答を全署に広げた。", **values}
    case = case_publish(
        actor=world.users["officer_a"], initiative=initiative, confirmed=True, **fields
    )
    return release_confirm(
        actor=secretariat_of_a(world), release=case, expected_sha256=case.content_sha256
    )
