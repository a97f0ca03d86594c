"""Small statistics shared by live mode, its benchmark and the dashboard."""

from __future__ import annotations

import math
from collections.abc import Iterable


def weighted_p95(values: Iterable[tuple[float, int]]) -> float | None:
    """The 95th percentile of values given with their counts (nearest rank); None when empty."""
    pairs = sorted(values)
    total = sum(n for _, n in pairs)
    if total == 0:
        return None
    rank, seen = math.ceil(0.95 * total), 0
    for value, n in pairs:
        seen += n
        if seen >= rank:
            return value
    return None
