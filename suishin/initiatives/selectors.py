"""Reads of the promotion structure, starting from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet

from suishin.core.choices import ReleaseStateChoices, RoleChoices
from suishin.core.institutions import institution_id_of
from suishin.core.models import StoredFile, User
from suishin.core.selectors import files_for, people_of_institution
from suishin.initiatives.access import (
    is_insider,
    is_national_secretariat,
    is_secretariat_staff,
)
from suishin.initiatives.choices import ACTIVE_STATUSES, PartReadersChoices
from suishin.initiatives.models import (
    ActionItem,
    AgendaItem,
    BodyMember,
    Initiative,
    Kpi,
    KpiValue,
    Meeting,
    MeetingMaterial,
    Post,
    PromotionBody,
    SharedCase,
)


def bodies_for(user: User) -> QuerySet[PromotionBody]:
    return PromotionBody.objects.visible_to(user).select_related("secretariat", "parent")


@dataclass(frozen=True)
class BodyNode:
    body: PromotionBody
    depth: int


def body_tree(user: User) -> list[BodyNode]:
    """The bodies the user may read, each under its parent (委員会 → 幹事会 → WG)."""
    bodies = list(bodies_for(user).order_by("name", "pk"))
    children: dict[int | None, list[PromotionBody]] = {}
    visible = {body.pk for body in bodies}
    for body in bodies:
        parent = body.parent_id if body.parent_id in visible else None
        children.setdefault(parent, []).append(body)
    nodes: list[BodyNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for body in children.get(parent, []):
            nodes.append(BodyNode(body, depth))
            walk(body.pk, depth + 1)

    walk(None, 0)
    return nodes


def members_of(body: PromotionBody) -> QuerySet[BodyMember]:
    return body.members.select_related("post__unit", "post__holder", "person__unit")


def meetings_of(user: User, body: PromotionBody) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(user).filter(body=body).order_by("-starts_at", "-pk")


PartT = TypeVar("PartT", AgendaItem, MeetingMaterial)


def readable_parts(
    user: User | AnonymousUser, meeting: Meeting, parts: QuerySet[PartT]
) -> QuerySet[PartT]:
    """The agenda items or materials of ``meeting`` (which the caller read through visible_to)
    that ``user`` may read: those for the meeting's readers; those for members only, for the
    body's insiders; every one, for its secretariat staff; and any that names the user."""
    if not user.is_authenticated:
        return parts.none()
    if is_secretariat_staff(user, meeting.body):
        return parts
    levels = [PartReadersChoices.MEETING]
    if is_insider(user, meeting.body):
        levels.append(PartReadersChoices.MEMBERS)
    through = parts.model.named_readers.through
    named = through.objects.filter(user_id=user.pk).values(f"{parts.model._meta.model_name}_id")
    return parts.filter(Q(readers__in=levels) | Q(pk__in=named))


def materials_for(user: User | AnonymousUser, meeting: Meeting) -> QuerySet[StoredFile]:
    """The meeting's files the user may open; a file without a material row is the meeting's."""
    readable = readable_parts(user, meeting, MeetingMaterial.objects.filter(meeting=meeting))
    return (
        files_for(meeting)
        .filter(Q(meeting_material__isnull=True) | Q(meeting_material__in=readable))
        .select_related("meeting_material")
    )


def may_read_material(user: User | AnonymousUser, meeting: Meeting, stored: StoredFile) -> bool:
    return materials_for(user, meeting).filter(pk=stored.pk).exists()


def meeting_parts(user: User, meeting: Meeting) -> dict[str, Any]:
    """What of a meeting the user reads: the agenda items they may read, decisions, actions."""
    agenda = list(readable_parts(user, meeting, meeting.agenda.all()))
    linked = [item.initiative_id for item in agenda if item.initiative_id]
    # An agenda item names its initiative only to those who may read that initiative.
    visible = {
        initiative.pk: initiative
        for initiative in Initiative.objects.visible_to(user).filter(pk__in=linked)
    }
    for item in agenda:
        shown = visible.get(item.initiative_id) if item.initiative_id else None
        item.visible_initiative = shown  # type: ignore[attr-defined]
    return {
        "agenda": agenda,
        "decisions": list(meeting.decisions.all()),
        "actions": list(meeting.actions.select_related("owner", "done_by")),
    }


def open_actions_of(user: User) -> QuerySet[ActionItem]:
    """The user's action items not yet done, from meetings they may read."""
    return (
        ActionItem.objects.visible_to(user)
        .filter(owner=user, done_at__isnull=True)
        .select_related("meeting")
        .order_by("due_date", "pk")
    )


def posts_of(institution_id: int | None) -> QuerySet[Post]:
    return (
        Post.objects.filter(unit__institution_id=institution_id)
        .select_related("unit", "holder")
        .prefetch_related(
            Prefetch("bodymember_set", queryset=BodyMember.objects.select_related("body"))
        )
    )


# --- Initiatives ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitiativeFilter:
    category: int | None = None
    status: str = ""
    health: str = ""
    overdue: bool = False
    sort: str = "priority"  # priority, title, due


SORTS = {
    "priority": ("-priority", "title", "pk"),
    "title": ("title", "pk"),
    "due": ("next_update_due", "pk"),
}


def initiatives_for(user: User, filters: InitiativeFilter | None = None) -> QuerySet[Initiative]:
    from django.utils import timezone

    from suishin.initiatives.priority import priority_expression

    filters = filters or InitiativeFilter()
    initiatives = (
        Initiative.objects.visible_to(user)
        .select_related("category", "owner", "organization")
        .annotate(priority=priority_expression())
    )
    if filters.category:
        initiatives = initiatives.filter(category_id=filters.category)
    if filters.status:
        initiatives = initiatives.filter(status=filters.status)
    if filters.health:
        initiatives = initiatives.filter(health=filters.health)
    if filters.overdue:
        initiatives = initiatives.filter(
            status__in=ACTIVE_STATUSES, next_update_due__lt=timezone.localdate()
        )
    return initiatives.order_by(*SORTS.get(filters.sort, SORTS["priority"]))


@dataclass(frozen=True)
class KpiTrend:
    kpi: Kpi
    points: list[tuple[object, object]]  # (date, value), oldest first


def kpi_trends(initiative: Initiative) -> list[KpiTrend]:
    values: dict[int, list[tuple[object, object]]] = {}
    for kpi_id, period_end, value in (
        KpiValue.objects.filter(update__initiative=initiative)
        .order_by("update__period_end")
        .values_list("kpi_id", "update__period_end", "value")
    ):
        values.setdefault(kpi_id, []).append((period_end, value))
    return [KpiTrend(kpi, values.get(kpi.pk, [])) for kpi in initiative.kpis.all()]


# --- Portfolio ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioRow:
    initiative: Initiative
    overdue_days: int
    kpi_progress: int | None  # percent of the way from baseline to target, latest value


@dataclass(frozen=True)
class Portfolio:
    by_category: list[tuple[str, int, int, int]]  # category, green, amber, red (active)
    totals: dict[str, int]
    overdue: list[PortfolioRow]
    rows: list[PortfolioRow]
    # Month → average way from baseline to target (%) of the KPI values reported that month.
    kpi_trend: list[tuple[date, int]]  # the first of each month


# The table lists this many (in the chosen order); the counts above it cover everything.
PORTFOLIO_ROWS = 100
OVERDUE_ROWS = 50


def portfolio(user: User, institution_id: int | None, filters: InitiativeFilter) -> Portfolio:
    """Everything the executive meeting looks at, over the initiatives the user may read."""
    from django.db.models import Count, OuterRef, Q, Subquery, Sum
    from django.utils import timezone

    today = timezone.localdate()
    scope = initiatives_for(user, filters).filter(organization__institution_id=institution_id)
    active_q = Q(status__in=ACTIVE_STATUSES)
    counts: dict[str, dict[str, int]] = {}
    for category, health, number in (
        scope.filter(active_q)
        .order_by()
        .values_list("category__name", "health")
        .annotate(n=Count("pk"))
    ):
        counts.setdefault(category, {"green": 0, "amber": 0, "red": 0})[health] = number
    # One pass for every total.
    summary = scope.order_by().aggregate(
        initiatives=Count("pk"),
        active=Count("pk", filter=active_q),
        overdue=Count("pk", filter=active_q & Q(next_update_due__lt=today)),
        saved=Sum("hours_saved_per_year", filter=~Q(status="cancelled")),
        eliminated=Sum("hours_eliminated_per_year", filter=~Q(status="cancelled")),
    )
    totals = {
        "initiatives": summary["initiatives"],
        "active": summary["active"],
        "overdue": summary["overdue"],
        "hours_saved": summary["saved"] or 0,
        "hours_eliminated": summary["eliminated"] or 0,
    }
    listed = list(scope[:PORTFOLIO_ROWS])
    late = list(
        scope.filter(active_q, next_update_due__lt=today).order_by("next_update_due", "pk")[
            :OVERDUE_ROWS
        ]
    )
    latest = KpiValue.objects.filter(kpi=OuterRef("pk")).order_by("-update__period_end", "-pk")
    kpis = (
        Kpi.objects.filter(initiative__in=listed)
        .annotate(latest=Subquery(latest.values("value")[:1]))
        .order_by("initiative_id", "pk")
    )
    first_kpi: dict[int, int | None] = {}
    for kpi in kpis:
        first_kpi.setdefault(kpi.initiative_id, kpi.progress_percent(kpi.latest))

    def row(initiative: Initiative) -> PortfolioRow:
        days = (today - initiative.next_update_due).days
        overdue = days if initiative.status in ACTIVE_STATUSES else 0
        return PortfolioRow(initiative, max(0, overdue), first_kpi.get(initiative.pk))

    return Portfolio(
        by_category=[(name, c["green"], c["amber"], c["red"]) for name, c in counts.items()],
        totals=totals,
        overdue=[row(initiative) for initiative in late],
        rows=[row(initiative) for initiative in listed],
        kpi_trend=_kpi_trend([initiative.pk for initiative in listed], today),
    )


def _kpi_trend(initiative_ids: list[int], today: object) -> list[tuple[date, int]]:
    """The last twelve months of the initiatives listed, computed in the database: each value's
    way from its KPI's baseline to its target (KPIs whose target equals the baseline are left
    out), averaged by month."""
    from datetime import timedelta

    from django.db.models import Avg, DecimalField, ExpressionWrapper, F
    from django.db.models.functions import NullIf, TruncMonth

    since = today - timedelta(days=365)  # type: ignore[operator]
    way = ExpressionWrapper(
        (F("value") - F("kpi__baseline")) * 100 / NullIf(F("kpi__target") - F("kpi__baseline"), 0),
        output_field=DecimalField(max_digits=20, decimal_places=4),
    )
    rows = (
        KpiValue.objects.filter(
            update__initiative_id__in=initiative_ids, update__period_end__gte=since
        )
        .annotate(month=TruncMonth("update__period_end"))
        .values("month")
        .annotate(average=Avg(way))
        .order_by("month")
    )
    return [(row["month"], int(row["average"])) for row in rows if row["average"] is not None]


def case_catalogue(user: User) -> QuerySet[SharedCase]:
    """The shared cases the user may read, newest first, with how often each was adopted;
    a case still awaiting its second person's confirmation is not in the catalogue."""
    return (
        SharedCase.objects.visible_to(user)
        .filter(release_state=ReleaseStateChoices.SHARED)
        .select_related("category", "organization__institution")
        .annotate(adopted=Count("adoptions", distinct=True))
        .order_by("-created_at", "-pk")
    )


def cases_awaiting_confirmation(user: User) -> QuerySet[SharedCase]:
    """The cases of the user's own institution still waiting for a second person: what its
    secretariat has to confirm or send back (nothing for anyone else)."""
    unit = getattr(user, "unit", None)
    if unit is None or not user.has_role(RoleChoices.SECRETARIAT):
        return SharedCase.objects.none()
    return (
        SharedCase.objects.visible_to(user)
        .filter(
            release_state=ReleaseStateChoices.PENDING,
            organization__institution_id=unit.institution_id,
        )
        .select_related("prepared_by", "category")
        .order_by("prepared_at", "pk")
    )


def national_overview(user: User) -> list[Any] | None:
    """For the national secretariat only: how many initiatives each institution runs in each
    category, over every institution. Counts, never a record's content, so it reads past
    ``visible_to`` by design; anyone else gets None."""
    if not is_national_secretariat(user):
        return None
    return list(
        Initiative.objects.order_by()
        .values("organization__institution__name", "category__name")
        .annotate(n=Count("pk"))
        .order_by("organization__institution__name", "category__name")
    )


def people_of(user: User) -> QuerySet[User]:
    return people_of_institution(institution_id_of(user))


def people_of_body(body: PromotionBody) -> QuerySet[User]:
    """Whom a meeting of the body can name: the people of the body's institution."""
    return people_of_institution(body.organization.institution_id)


def meetings_about(user: User, initiative: Initiative) -> list[Meeting]:
    """The meetings the user may read whose agenda took up ``initiative``, latest first."""
    meetings = Meeting.objects.visible_to(user).filter(agenda__initiative=initiative).distinct()
    # An agenda item stricter than its meeting does not say, to those it hides from, that
    # the initiative was on the agenda.
    return [
        meeting
        for meeting in meetings.select_related("body").order_by("-starts_at", "-pk")
        if readable_parts(user, meeting, meeting.agenda.filter(initiative=initiative)).exists()
    ]
