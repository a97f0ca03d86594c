"""Danish names for everything the dashboard shows.

The published marts speak in codes (`family_foster_care`, `2015H1`, `passed_with_warnings`);
leaders read Danish. The `kpi_catalogue` seed, when published, overrides the KPI labels here, so
a municipality can rename a KPI without touching the dashboard.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KpiMeta:
    label: str
    unit: str
    # Whether a fall is good news: decides the colour of the arrow on a KPI card.
    lower_is_better: bool | None = None


KPIS: dict[str, KpiMeta] = {
    "placed_child_years": KpiMeta("Anbragte årsbørn", "child-years", True),
    "placement_share": KpiMeta("Andel af anbragte årsbørn", "%"),
    "cases_by_step": KpiMeta("Sager pr. trin på indsatstrappen", "cases"),
    "ladder_moves": KpiMeta("Bevægelser på indsatstrappen", "moves"),
    "moved_down_from_institution": KpiMeta("Børn flyttet ned fra institution før 18 år", "children", False),
    "breakdown_rate": KpiMeta("Sammenbrud i % af anbragte årsbørn", "%", True),
    "complaint_rate": KpiMeta("Klager i procent af åbne sager", "%", True),
    "followups_per_case": KpiMeta("Opfølgninger pr. sag pr. halvår", "follow-ups per case", False),
    "followup_compliance_herning": KpiMeta("Opfølgning efter Herning-reglerne", "%", False),
    "followup_compliance_legal": KpiMeta("Opfølgning efter lovens minimum", "%", False),
    "followup_compliance_planned": KpiMeta("Opfølgning til planlagt tid", "%", False),
    "expenditure": KpiMeta("Udgifter (faste priser)", "DKK", True),
    "unit_cost_per_child_year": KpiMeta("Enhedspris pr. årsbarn (faste priser)", "DKK", True),
    "caseload_per_caseworker": KpiMeta("Sager pr. rådgiver", "cases", True),
    "notification_24h_compliance": KpiMeta("Underretninger vurderet inden for 24 timer", "%", False),
    "notifications": KpiMeta("Underretninger", "count"),
    "sdq_mean": KpiMeta("SDQ, gennemsnitlig totalscore", "score", True),
    "not_placed_one_year_after": KpiMeta("Ikke anbragt et år efter", "%", False),
    "expenditure_per_resident_0_22": KpiMeta("Udgift pr. indbygger 0–22 år", "DKK", True),
}

UNITS: dict[str, str] = {
    "child-years": "årsbørn",
    "%": "%",
    "cases": "sager",
    "moves": "bevægelser",
    "children": "børn",
    "follow-ups per case": "opfølgninger pr. sag",
    "DKK": "kr.",
    "count": "antal",
    "score": "point",
}

PERIOD_TYPES: dict[str, str] = {"year": "År", "half_year": "Halvår", "month": "Måned"}

GROUPS: dict[str, str] = {
    "all": "Hele kommunen",
    "pilot": "Pilotdistrikter (Sverigesdistrikter)",
    "other": "Øvrige distrikter",
}

PLACEMENT_CATEGORIES: dict[str, str] = {
    "institution": "Døgninstitution",
    "family_foster_care": "Plejefamilie",
    "home_based_placement": "Hjemmebaseret anbringelse",
}

BREAKDOWNS: dict[str, str] = {
    "all": "I alt",
    **PLACEMENT_CATEGORIES,
    "preventive": "Forebyggende",
    "assessment": "Under afklaring",
    "none": "Ingen indsats",
}

STEPS: dict[str, str] = {
    "0": "0 · Tidlig forebyggelse",
    "1": "1 · Forebyggelse",
    "2": "2 · Hjemmebaserede indsatser",
    "3": "3 · Netværkspleje",
    "4": "4 · Plejefamilie",
    "5": "5 · Døgninstitution",
    "assessment": BREAKDOWNS["assessment"],
    "none": BREAKDOWNS["none"],
}

VERDICTS: dict[str, str] = {
    "passed": "Godkendt",
    "passed_with_warnings": "Godkendt med advarsler",
    "failed": "Ikke godkendt",
}

TESTS: dict[str, str] = {
    "fisher_exact": "Fishers eksakte test",
    "two_proportion_z": "To-andels z-test",
}


def kpi_label(code: str, catalogue: dict[str, str] | None = None) -> str:
    if catalogue and catalogue.get(code):
        return catalogue[code]
    meta = KPIS.get(code)
    return meta.label if meta else code


def group_label(group: str) -> str:
    return GROUPS.get(group, group)


def breakdown_label(breakdown: str) -> str:
    return BREAKDOWNS.get(breakdown, breakdown)


def unit_label(unit: str) -> str:
    return UNITS.get(unit, unit)
