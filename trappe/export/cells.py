"""The cells of the partnership export and what each count in them means.

A `Cell` is one row of `kpi_values`. Its numerator and denominator are either *counts* (cases,
children, events, follow-ups, caseworkers: small ones identify children and are suppressed) or
measures that are not counts (child-years, person-years, DKK, SDQ score sums, residents of a
population seed). Only counts take part in disclosure control (docs/kpis.md, "Export contract").

How a count adds up is part of its definition, and it decides which linear relations an
attacker can write down (suppression.py and relations.py use it):
- EVENT: events in the period (notifications received, complaints, moves, due follow-ups). Adds
  over districts, over a breakdown's parts and over a year's half-years and months.
- STOCK: a count on the period's last day (open cases by step, caseworkers). Adds over districts
  and parts; a year, its second half and December share a last day and so are the same number.
- DISTINCT: distinct cases or children over the period (cases open in the period). A case can
  be in two districts, teams or months, so the parts bound the total (each part <= total <= the
  sum of the parts) instead of adding up to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from trappe.core import kpi_catalogue

COLUMNS = [
    "kpi",
    "period",
    "municipality",
    "district_group",
    "district",
    "breakdown",
    "numerator",
    "denominator",
    "value",
    "unit",
    "suppressed",
]
PERIOD = re.compile(r"^\d{4}(H[12]|-(0[1-9]|1[0-2]))?$")
ALL = "all"
FIELDS = ("numerator", "denominator")


class Kind(str, Enum):
    EVENT = "event"
    STOCK = "stock"
    DISTINCT = "distinct"


@dataclass(frozen=True)
class CountKind:
    """How one count field adds up across districts, across breakdown parts and across periods."""

    geography: Kind
    breakdown: Kind
    period: Kind


EVENT = CountKind(Kind.EVENT, Kind.EVENT, Kind.EVENT)
STOCK = CountKind(Kind.STOCK, Kind.STOCK, Kind.STOCK)

DISTINCT = CountKind(Kind.DISTINCT, Kind.DISTINCT, Kind.DISTINCT)

# How each count adds up, kpi -> field. *Which* fields are counts is the KPI catalogue's
# `count_like` (the one place that fact lives); this table only says how they add up, and
# `COUNT_FIELDS` below refuses a catalogue count it does not know how to add.
ADDS_UP: dict[str, dict[str, CountKind]] = {
    "cases_by_step": {"numerator": STOCK},
    "ladder_moves": {"numerator": EVENT},
    # distinct children: one child can move down twice in a year, or in two districts
    "moved_down_from_institution": {"numerator": DISTINCT},
    "breakdown_rate": {"numerator": EVENT},
    "complaint_rate": {"numerator": EVENT, "denominator": DISTINCT},
    "followups_per_case": {"numerator": EVENT, "denominator": DISTINCT},
    "followup_compliance_herning": {"numerator": EVENT, "denominator": EVENT},
    "followup_compliance_legal": {"numerator": EVENT, "denominator": EVENT},
    "followup_compliance_planned": {"numerator": EVENT, "denominator": EVENT},
    # a caseworker can hold cases in two districts or teams; on one day, one count
    "caseload_per_caseworker": {
        "numerator": STOCK,
        "denominator": CountKind(Kind.DISTINCT, Kind.DISTINCT, Kind.STOCK),
    },
    "notification_24h_compliance": {"numerator": EVENT, "denominator": EVENT},
    "notifications": {"numerator": EVENT},
    "sdq_mean": {"denominator": EVENT},
    "not_placed_one_year_after": {"numerator": STOCK, "denominator": STOCK},
}
FOLLOWUPS_PER_CASE = "followups_per_case"


def _count_fields() -> dict[str, dict[str, CountKind]]:
    """kpi -> count field -> how it adds up, for the catalogue's count-like fields."""
    out: dict[str, dict[str, CountKind]] = {}
    for kpi in kpi_catalogue.load().values():
        for f in sorted(kpi.count_like & set(FIELDS)):
            kind = ADDS_UP.get(kpi.code, {}).get(f)
            if kind is None:
                raise kpi_catalogue.CatalogueError(
                    f"kpi {kpi.code!r}: the catalogue says its {f} is a count, but the export "
                    "does not know how it adds up (trappe/export/cells.py, ADDS_UP)"
                )
            out.setdefault(kpi.code, {})[f] = kind
    return out


COUNT_FIELDS = _count_fields()

# Breakdowns that partition the KPI's `all` row (a part of every unit is in exactly one).
# cases_by_step, ladder_moves and followups_per_case publish no `all` row; placement and money
# KPIs are not counts.
PARTITIONED = {
    "breakdown_rate",
    "complaint_rate",
    "caseload_per_caseworker",
    "followup_compliance_herning",
    "followup_compliance_legal",
    "followup_compliance_planned",
    "notification_24h_compliance",
    "notifications",
    "not_placed_one_year_after",
}

# numerator <= denominator by definition (the numerator counts a subset of the denominator)
NUMERATOR_WITHIN_DENOMINATOR = {
    "followup_compliance_herning",
    "followup_compliance_legal",
    "followup_compliance_planned",
    "notification_24h_compliance",
    "not_placed_one_year_after",
}
# denominator <= numerator: every caseworker counted holds at least one of the open cases
DENOMINATOR_WITHIN_NUMERATOR = {"caseload_per_caseworker"}

# Percentages 0-100 by the contract (breakdown_rate is per 100 child-years and may exceed 100):
# the KPI catalogue's unit %.
PERCENT_KPIS = kpi_catalogue.percent_codes()

# A non-count field that still bounds a hidden count of its row: an SDQ score sum is 0-40 per
# assessment, so with the sum released a hidden number of assessments is narrowed.
BLANKED_WITH_ROW = {("sdq_mean", "numerator")}


def count_kind(kpi: str, field_name: str) -> CountKind | None:
    return COUNT_FIELDS.get(kpi, {}).get(field_name)


# KPIs whose value is their numerator, a count (the KPI catalogue's count_like)
COUNT_VALUE_KPIS = kpi_catalogue.count_like_codes("value")


@dataclass
class Cell:
    """One row of kpi_values. `last_day` is the day a STOCK count is taken (the period's end,
    or the as-of date for an incomplete period); `exported` is False for the cells of periods
    read only because they share a relation with an exported one."""

    kpi: str
    period: str
    municipality: str
    district_group: str
    district: str
    breakdown: str
    numerator: float | None
    denominator: float | None
    value: float | None
    unit: str
    suppressed: bool = False
    last_day: date | None = None
    exported: bool = True
    period_complete: bool = True
    hidden_fields: set[str] = field(default_factory=set)
    # the count behind the numerator is numerator x this (followups_per_case: per half-year)
    numerator_scale: float = 1.0

    def sort_key(self) -> tuple:
        return (
            self.kpi,
            self.period,
            self.municipality,
            self.district_group,
            self.district,
            self.breakdown,
        )

    def geo(self) -> tuple[str, str, str]:
        return (self.municipality, self.district_group, self.district)


def months_in(period: str) -> int:
    return {"year": 12, "half_year": 6, "month": 1}[period_kind(period)]


def period_kind(period: str) -> str:
    if "H" in period:
        return "half_year"
    if "-" in period:
        return "month"
    return "year"


def year_of(period: str) -> int:
    return int(period[:4])


def periods_of_year(year: int) -> list[str]:
    """The year, its half-years and its months."""
    return [str(year), f"{year}H1", f"{year}H2", *(f"{year}-{m:02d}" for m in range(1, 13))]


def children_of(period: str) -> list[str]:
    """The periods a period is the sum of: a year's half-years, a half-year's months."""
    kind = period_kind(period)
    if kind == "year":
        return [f"{period}H1", f"{period}H2"]
    if kind == "half_year":
        first = 1 if period.endswith("H1") else 7
        return [f"{period[:4]}-{m:02d}" for m in range(first, first + 6)]
    return []


def context_periods(exported: set[str]) -> set[str]:
    """The unexported periods an attacker must reason about: the other parts of an exported
    period that is split by an exported part (2015 and 2015H1 exported: 2015H2, as the
    unknown 2015 - 2015H1), and the links between an exported period and an exported part
    further down (2015 and 2015-06: 2015H1, 2015H2 and January to May). A period above the
    exported ones adds nothing the exported ones do not already say."""

    def relevant(p: str) -> bool:
        return p in exported or any(relevant(c) for c in children_of(p))

    needed: set[str] = set()

    def visit(p: str) -> None:
        kids = children_of(p)
        if (p in exported or p in needed) and any(relevant(c) for c in kids):
            needed.update(c for c in kids if c not in exported)
        for c in kids:
            visit(c)

    for year in sorted({year_of(p) for p in exported}):
        visit(str(year))
    return needed
