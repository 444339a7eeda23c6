"""One definition of a percentile for every figure the project reports (dashboards,
evaluations, benchmarks): the nearest rank, so p90 of 10 values is the 9th smallest."""

from __future__ import annotations

import math
from collections.abc import Sequence


def nearest_rank(values: Sequence[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(share * len(ordered))))
    return ordered[rank - 1]
