from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from suishin.core.choices import ClassificationChoices
from suishin.core.schemas import MultiLineText, SingleLineText
from suishin.initiatives.choices import (
    BodyKindChoices,
    HealthChoices,
    InitiativeStatusChoices,
    MeetingStatusChoices,
)
from suishin.initiatives.models import BodyMember, Initiative, PromotionBody, SharedCase


class MemberOut(Schema):
    role: str
    post: str | None
    sitting: str | None

    @staticmethod
    def resolve_post(member: BodyMember) -> str | None:
        return member.post.title if member.post else None

    @staticmethod
    def resolve_sitting(member: BodyMember) -> str | None:
        person = member.sitting
        return str(person) if person else None


class BodyOut(Schema):
    id: int
    name: str
    kind: BodyKindChoices
    parent_id: int | None
    secretariat: str
    members: list[MemberOut]

    @staticmethod
    def resolve_secretariat(body: PromotionBody) -> str:
        return body.secretariat.name

    @staticmethod
    def resolve_members(body: PromotionBody) -> list[BodyMember]:
        return list(body.members.select_related("post__holder", "person"))


class MeetingOut(Schema):
    """Built by the endpoint from what the reader may read (``selectors.meeting_parts``): an
    agenda item stricter than the meeting is left out for the others."""

    id: int
    body_id: int
    title: str
    starts_at: datetime
    place: str
    status: MeetingStatusChoices
    members_only: bool
    minutes: str
    agenda: list[str]
    decisions: list[str]


class KpiOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal
    baseline_date: date
    target: Decimal
    target_date: date


class InitiativeOut(Schema):
    id: int
    title: str
    category: str
    owner: str
    organization_id: int
    goal: str
    status: InitiativeStatusChoices
    health: HealthChoices
    start_date: date
    end_date: date | None
    hours_saved_per_year: int
    hours_eliminated_per_year: int
    next_update_due: date
    kpis: list[KpiOut]
    url: str

    @staticmethod
    def resolve_category(initiative: Initiative) -> str:
        return initiative.category.code

    @staticmethod
    def resolve_owner(initiative: Initiative) -> str:
        return initiative.owner.username

    @staticmethod
    def resolve_kpis(initiative: Initiative) -> list[object]:
        return list(initiative.kpis.all())

    @staticmethod
    def resolve_url(initiative: Initiative) -> str:
        return initiative.get_absolute_url()


class InitiativeIn(Schema):
    title: SingleLineText = Field(..., min_length=1, max_length=200)
    category: SingleLineText = Field(
        ..., min_length=1, max_length=20, description="category code, e.g. 1(2)ア"
    )
    owner: SingleLineText = Field(..., min_length=1, max_length=150, description="username")
    goal: MultiLineText = Field(..., min_length=1, max_length=20000)
    start_date: date
    end_date: date | None = None
    budget_yen: int = Field(0, ge=0, le=10**13)
    cost_yen_per_year: int = Field(0, ge=0, le=10**13)
    hours_saved_per_year: int = Field(0, ge=0, le=10**8)
    hours_eliminated_per_year: int = Field(0, ge=0, le=10**8)
    update_every_months: int = Field(1, ge=1, le=12)
    classification: ClassificationChoices = ClassificationChoices.INTERNAL


class InitiativeFilterIn(Schema):
    status: InitiativeStatusChoices | None = None
    health: HealthChoices | None = None
    category: SingleLineText | None = Field(None, max_length=20)


class UpdateIn(Schema):
    period_end: date
    done: MultiLineText = Field(..., min_length=1, max_length=20000)
    effects: MultiLineText = Field("", max_length=20000)
    problems: MultiLineText = Field("", max_length=20000)
    health: HealthChoices
    values: dict[int, Decimal] = Field(default_factory=dict, description="KPI id → value")


class UpdateOut(Schema):
    id: int
    initiative_id: int
    period_end: date
    health: HealthChoices


class CaseOut(Schema):
    id: int
    title: str
    summary: str
    lessons: str
    category: str
    organization_id: int
    url: str

    @staticmethod
    def resolve_category(case: SharedCase) -> str:
        return case.category.code

    @staticmethod
    def resolve_url(case: SharedCase) -> str:
        return case.get_absolute_url()


class CaseFilterIn(Schema):
    q: SingleLineText | None = Field(None, max_length=200)
