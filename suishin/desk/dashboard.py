"""How the desk works, in figures: volumes, response times, service-level compliance,
self-resolution and the categories that knowledge does not yet cover.

Figures are counts and durations only, never a subject or a text, so they are computed over
every inquiry in the viewer's scope (their institution; every institution for the national
agency's secretariat) whatever each inquiry's classification.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from suishin.core.choices import OrganizationKindChoices, RoleChoices
from suishin.core.institutions import institution_id_of
from suishin.core.models import Organization, User
from suishin.core.quantiles import nearest_rank
from suishin.desk.models import Inquiry, InquiryReference


def is_national_viewer(user: User) -> bool:
    unit = user.unit
    return bool(
        unit is not None
        and unit.institution is not None
        and unit.institution.kind == OrganizationKindChoices.NATIONAL_AGENCY
        and user.has_role(RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN)
    )


def institutions_for(user: User) -> QuerySet[Organization]:
    """The institutions whose figures the user may see."""
    institutions = Organization.objects.filter(pk=institution_id_of(user) or 0)
    if is_national_viewer(user):
        institutions = Organization.objects.filter(
            kind__in=(
                OrganizationKindChoices.PREFECTURAL_POLICE,
                OrganizationKindChoices.PREFECTURAL_GOVERNMENT,
                OrganizationKindChoices.NATIONAL_AGENCY,
                OrganizationKindChoices.REGIONAL_BUREAU,
            )
        )
    return institutions.order_by("path")


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class DeskStats:
    start: date
    end: date
    total: int = 0
    national: bool = False
    by_category: list[tuple[str, int]] = field(default_factory=list)
    by_unit: list[tuple[str, int]] = field(default_factory=list)
    by_week: list[tuple[date, int]] = field(default_factory=list)
    first_response_median: float | None = None
    first_response_p90: float | None = None
    resolution_median: float | None = None
    resolution_p90: float | None = None
    first_response_compliance: float | None = None
    resolution_compliance: float | None = None
    self_resolution_rate: float | None = None
    self_resolved: int = 0
    gaps: list[tuple[str, int, int]] = field(default_factory=list)


def desk_stats(
    user: User, *, start: date, end: date, institution: Organization | None = None
) -> DeskStats:
    national = is_national_viewer(user) and institution is None
    tz = timezone.get_current_timezone()
    inquiries = Inquiry.objects.filter(
        created_at__gte=datetime.combine(start, time.min, tzinfo=tz),
        created_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
        merged_into__isnull=True,
    )
    allowed = institutions_for(user)
    if institution is not None and allowed.filter(pk=institution.pk).exists():
        inquiries = inquiries.filter(organization__institution=institution)
    elif national:
        inquiries = inquiries.filter(organization__institution__in=allowed)
    else:
        inquiries = inquiries.filter(organization__institution_id=institution_id_of(user))
    rows = inquiries.annotate(
        linked=Exists(InquiryReference.objects.filter(inquiry=OuterRef("pk")))
    ).values_list(
        "category__name",
        "organization__institution__name" if national else "organization__name",
        "created_at",
        "first_responded_at",
        "first_response_due",
        "answered_at",
        "resolution_due",
        "self_resolved",
        "linked",
    )
    stats = DeskStats(start=start, end=end, national=national)
    categories: Counter[str] = Counter()
    units: Counter[str] = Counter()
    weeks: Counter[date] = Counter()
    unlinked: Counter[str] = Counter()
    first_minutes: list[float] = []
    resolution_minutes: list[float] = []
    first_met = first_counted = resolution_met = resolution_counted = 0
    for category, unit, created, responded, first_due, answered, due, self_resolved, linked in rows:
        stats.total += 1
        categories[category] += 1
        units[unit] += 1
        local = timezone.localtime(created).date()
        weeks[local - timedelta(days=local.weekday())] += 1
        if self_resolved:
            stats.self_resolved += 1
        elif not linked:
            unlinked[category] += 1
        if responded is not None:
            first_minutes.append((responded - created).total_seconds() / 60)
            if first_due is not None:
                first_counted += 1
                first_met += responded <= first_due
        if answered is not None:
            resolution_minutes.append((answered - created).total_seconds() / 60)
            if due is not None:
                resolution_counted += 1
                resolution_met += answered <= due
    stats.by_category = categories.most_common()
    stats.by_unit = units.most_common(20)
    stats.by_week = sorted(weeks.items())
    stats.first_response_median = nearest_rank(first_minutes, 0.5)
    stats.first_response_p90 = nearest_rank(first_minutes, 0.9)
    stats.resolution_median = nearest_rank(resolution_minutes, 0.5)
    stats.resolution_p90 = nearest_rank(resolution_minutes, 0.9)
    stats.first_response_compliance = percent(first_met, first_counted)
    stats.resolution_compliance = percent(resolution_met, resolution_counted)
    stats.self_resolution_rate = percent(stats.self_resolved, stats.total)
    stats.gaps = [
        (category, count, categories[category]) for category, count in unlinked.most_common(10)
    ]
    return stats
