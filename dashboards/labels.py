"""Danish names for everything the dashboard shows.

The published marts speak in codes (`family_foster_care`, `2015H1`, `passed_with_warnings`);
leaders read Danish. The `kpi_catalogue` seed, when published, overrides the KPI labels here, so
a municipality can rename a KPI without touching the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass

from trappe.core import kpi_catalogue


@dataclass(frozen=True)
class KpiMeta:
    label: str
    unit: str
    # Whether a fall is good news: decides the colour of the arrow on a KPI card.
    lower_is_better: bool | None = None


# Labels, units and directions come from the KPI catalogue seed (trappe.core.kpi_catalogue).
KPIS: dict[str, KpiMeta] = {
    k.code: KpiMeta(k.label_da, k.unit, k.lower_is_better) for k in kpi_catalogue.load().values()
}

UNITS: dict[str, str] = {
    "child-years": "årsbørn",
    "%": "%",
    "cases": "sager",
    "moves": "bevægelser",
    "children": "børn",
    "follow-ups per case": "opfølgninger pr. sag",  # the unit before the half-year scaling
    "follow-ups per case per half-year": "opfølgninger pr. sag pr. halvår",
    "per 100 child-years": "pr. 100 årsbørn",
    "DKK": "kr.",
    "DKK per child-year": "kr. pr. årsbarn",
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

# the methods of dbt_project/macros/statistics.sql (and an older build's)
TESTS: dict[str, str] = {
    "agresti_caffo": "Agresti-Caffos justerede Wald-interval",
    "poisson_rate_wald": "Wald-interval for rater (Poisson)",
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
    """Any breakdown code in Danish: category, measure type, source, informant, step, move."""
    for names in (BREAKDOWNS, MEASURE_TYPES, SOURCES, INFORMANTS, STEPS):
        if breakdown in names:
            return names[breakdown]
    if ">" in breakdown:
        source, _, target = breakdown.partition(">")
        return f"{_move_end(source)} → {_move_end(target)}"
    return breakdown


def _move_end(step: str) -> str:
    return "Ingen indsats" if step in ("entry", "exit") else STEPS.get(step, step)


def unit_label(unit: str) -> str:
    return UNITS.get(unit, unit)


# The contract's codes for what users read: measure types (the `measure_types` seed), who
# notified, who answered an SDQ, event types, follow-up schedules, list statuses.
MEASURE_TYPES: dict[str, str] = {
    "universal_prevention": "Tidlig forebyggelse i almen",
    "preventive_measure": "Forebyggende foranstaltning",
    "parent_training": "Forældretræning (PMT, DUÅ)",
    "contact_person": "Kontaktperson",
    "family_treatment": "Familiebehandling",
    "respite_care": "Aflastning",
    "mst": "MST",
    "fft": "FFT",
    "own_room": "Eget værelse",
    "boarding_school": "Kost-/efterskole",
    "supported_housing": "Opgangsfællesskab",
    "network_foster_care": "Netværkspleje",
    "foster_family": "Almindelig plejefamilie",
    "special_foster_family": "Forstærket/specialiseret plejefamilie",
    "residential_institution": "Almindelig døgninstitution",
    "social_pedagogical_home": "Socialpædagogisk opholdssted",
    "secure_institution": "Sikret institution",
}

SOURCES: dict[str, str] = {
    "school": "Skole",
    "daycare": "Dagtilbud",
    "health_visitor": "Sundhedsplejen",
    "dental_care": "Tandplejen",
    "police": "Politiet",
    "hospital": "Hospital",
    "parent": "Forælder",
    "anonymous": "Anonym",
    "other": "Andre",
    "unknown": "Ukendt",
}

INFORMANTS: dict[str, str] = {"teacher": "Lærer", "parent": "Forælder", "self": "Barnet selv"}

EVENT_TYPES: dict[str, str] = {
    "case.opened": "Sag oprettet",
    "case.transferred": "Sag overført",
    "case.closed": "Sag lukket",
    "notification.received": "Underretning modtaget",
    "notification.assessed": "Underretning vurderet",
    "decision.made": "Afgørelse truffet",
    "ladder.moved": "Bevægelse på indsatstrappen",
    "followup.held": "Opfølgning holdt",
    "placement.broke_down": "Sammenbrud i anbringelse",
    "complaint.received": "Klage modtaget",
    "complaint.resolved": "Klage afgjort",
    "cost.booked": "Udgift bogført",
    "wellbeing.assessed": "Trivselsmåling (SDQ)",
    "event.retracted": "Hændelse tilbagekaldt",
}

SCHEDULES: dict[str, str] = {
    "planned": "Planlagt dato",
    "herning_2015": "Herning-reglerne",
    "legal_minimum": "Lovens minimum",
}

NOTIFICATION_STATUS: dict[str, str] = {
    "not_assessed": "Ikke vurderet",
    "assessed_late": "Vurderet for sent",
}

SEVERITIES: dict[str, str] = {"critical": "Kritisk", "warning": "Advarsel"}
LAYERS: dict[str, str] = {
    "bronze": "Bronze (rå hændelser)",
    "silver": "Silver (renset)",
    "marts": "Nøgletal (marts)",
    "gold": "Nøgletal (marts)",
}

# The validator's closed list of dead-letter codes (trappe.contract.validator.ERROR_CODES)
ERROR_CODES: dict[str, str] = {
    "malformed_json": "Ugyldig JSON",
    "not_an_object": "Ikke et JSON-objekt",
    "missing_field": "Felt mangler",
    "unknown_field": "Ukendt felt",
    "wrong_type": "Forkert type",
    "invalid_value": "Ugyldig værdi",
    "invalid_date": "Ugyldig dato",
    "unknown_event_type": "Ukendt hændelsestype",
    "unsupported_schema_version": "Ukendt skemaversion",
    "cpr_in_text": "CPR-nummer i fritekst",
    "too_large": "For stor",
    "too_deep": "For dybt indlejret",
    "number_too_long": "For langt tal",
    "date_out_of_range": "Dato uden for grænserne",
    "clock_skew": "Tidsstempel i fremtiden",
    "unreadable": "Ulæselig",
}
