"""The priority score of an initiative (seed 001 2(3): expected effect, cost, resources freed).

score = (hours saved a year + 1.5 × hours of work eliminated a year)
        ÷ max(1, running cost a year ÷ HOURLY_COST + budget ÷ (HOURLY_COST × 5))

Hours of work eliminated count one and a half times: work that is gone frees the people for
good (seed 004), where saved hours often come back as other work. The one-off budget is spread
over five years. The result reads "hours returned for each hour's worth of money spent";
the page shows every term.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Value
from django.db.models.functions import Cast, Greatest

HOURLY_COST_YEN = 4000  # a staff hour with overheads, as prefectures' own estimates put it
ELIMINATED_WEIGHT = Decimal("1.5")
BUDGET_YEARS = 5


@dataclass(frozen=True)
class Priority:
    benefit_hours: Decimal
    cost_hours: Decimal
    score: Decimal


def priority_of(
    *, hours_saved: int, hours_eliminated: int, cost_yen_per_year: int, budget_yen: int
) -> Priority:
    benefit = Decimal(hours_saved) + ELIMINATED_WEIGHT * Decimal(hours_eliminated)
    cost = Decimal(cost_yen_per_year) / HOURLY_COST_YEN + Decimal(budget_yen) / (
        HOURLY_COST_YEN * BUDGET_YEARS
    )
    score = (benefit / max(Decimal(1), cost)).quantize(Decimal("0.01"))
    return Priority(benefit.quantize(Decimal("0.1")), cost.quantize(Decimal("0.1")), score)


def priority_expression() -> ExpressionWrapper:
    """The same score in SQL, so the portfolio sorts by it in the database."""
    decimal = DecimalField(max_digits=20, decimal_places=4)
    benefit = Cast(F("hours_saved_per_year"), decimal) + Value(ELIMINATED_WEIGHT) * Cast(
        F("hours_eliminated_per_year"), decimal
    )
    cost = Cast(F("cost_yen_per_year"), decimal) / Value(Decimal(HOURLY_COST_YEN)) + Cast(
        F("budget_yen"), decimal
    ) / Value(Decimal(HOURLY_COST_YEN * BUDGET_YEARS))
    return ExpressionWrapper(benefit / Greatest(cost, Value(Decimal(1))), output_field=decimal)
