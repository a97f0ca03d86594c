"""Reference data the simulator draws from: measures, districts and the population seed.

The measure catalogue mirrors docs/event-contract.md (step and placement category per measure
type); daily costs are 2013 prices in DKK, chosen so that unit costs per child-year land near
the KORA evaluation's figures (institution ~0.9-1.2 M, family care ~0.39 M, home-based
~0.2-0.29 M). The population (residents aged 0-22 by municipality and year, 2010-2030) lives in
one place, the dbt seed `population_0_22.csv`; its numbers are approximations built from rounded
municipal populations and a typical 0-22 share, not Statistics Denmark figures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from trappe.core.settings import SEEDS_DIR

POPULATION_SEED = SEEDS_DIR / "population_0_22.csv"
DISTRICT_GROUPS_SEED = SEEDS_DIR / "district_groups.csv"

INSTITUTION = "institution"
FAMILY_FOSTER_CARE = "family_foster_care"
HOME_BASED_PLACEMENT = "home_based_placement"


@dataclass(frozen=True)
class MeasureType:
    name: str
    step: int
    category: str | None  # placement category, None for non-placement measures
    daily_cost_2013: float | None
    min_age: int  # youngest age (years) at the start of the measure
    max_age: int  # oldest age at the start; nobody over 17 starts a placement
    mean_months: float  # mean duration of one episode
    providers: tuple[str, ...]


def _m(
    name: str,
    step: int,
    category: str | None,
    cost: float | None,
    ages: tuple[int, int],
    months: float,
    providers: tuple[str, ...],
) -> MeasureType:
    return MeasureType(name, step, category, cost, ages[0], ages[1], months, providers)


MEASURES: dict[str, MeasureType] = {
    m.name: m
    for m in (
        _m(
            "universal_prevention",
            0,
            None,
            None,
            (0, 17),
            4,
            ("P-Sundhedsplejen", "P-Aaben-Raadgivning"),
        ),
        _m("preventive_measure", 1, None, 120, (0, 17), 10, ("P-Familiehuset", "P-Kommunen")),
        _m("parent_training", 1, None, 90, (0, 11), 5, ("P-PMT", "P-DUAA")),
        _m(
            "contact_person",
            1,
            None,
            180,
            (9, 17),
            14,
            ("P-Kontaktpersonkorpset", "P-Ungdomsguiden"),
        ),
        _m("family_treatment", 2, None, 450, (0, 17), 9, ("P-Familiehuset", "P-Familiecentret")),
        _m("respite_care", 2, None, 380, (2, 15), 14, ("P-Aflastningen", "P-Hedebocentret")),
        _m("mst", 2, None, 700, (12, 17), 5, ("P-MST-Team",)),
        _m("fft", 2, None, 600, (11, 17), 5, ("P-FFT-Team",)),
        _m("own_room", 2, HOME_BASED_PLACEMENT, 900, (15, 17), 12, ("P-Egetvaerelse",)),
        _m(
            "boarding_school",
            2,
            HOME_BASED_PLACEMENT,
            450,
            (14, 17),
            10,
            ("P-Efterskolen-Vest", "P-Kostskolen", "P-Efterskolen-Nord"),
        ),
        _m("supported_housing", 2, HOME_BASED_PLACEMENT, 700, (16, 17), 12, ("P-Opgangen",)),
        _m("network_foster_care", 3, FAMILY_FOSTER_CARE, 420, (0, 16), 40, ()),
        _m("foster_family", 4, FAMILY_FOSTER_CARE, 1080, (0, 15), 48, ()),
        _m("special_foster_family", 4, FAMILY_FOSTER_CARE, 1600, (0, 15), 40, ()),
        _m(
            "residential_institution",
            5,
            INSTITUTION,
            2650,
            (8, 17),
            22,
            ("P-Toften", "P-Hedebocentret", "P-Bakkehuset", "P-Skovbrynet"),
        ),
        _m(
            "social_pedagogical_home",
            5,
            INSTITUTION,
            2300,
            (10, 17),
            24,
            ("P-Opholdsstedet-Lyngen", "P-Opholdsstedet-Aaen", "P-Gaarden"),
        ),
        _m(
            "secure_institution",
            5,
            INSTITUTION,
            3600,
            (14, 17),
            4,
            ("P-Sikret-Koelvraa", "P-Sikret-Bakkegaarden"),
        ),
    )
}
PLACEMENT_TYPES = tuple(n for n, m in MEASURES.items() if m.category is not None)
# Short-term placements (Toften, Hedebocentret) follow their own follow-up rule.
SHORT_TERM_PROVIDERS = ("P-Toften", "P-Hedebocentret")

# Herning's school districts (simulated shares of the 0-22 population). The three pilot
# districts (the "Sverigesdistrikter") hold about 20 % of the children.
HERNING_PILOT_DISTRICTS = (("Sdr. Felding", 0.05), ("Vestervang", 0.09), ("Holtbjerg", 0.06))
HERNING_OTHER_DISTRICTS = (
    ("Brændgården", 0.08),
    ("Lind", 0.07),
    ("Herningsholm", 0.08),
    ("Gullestrup", 0.06),
    ("Tjørring", 0.08),
    ("Hammerum", 0.06),
    ("Gjellerup", 0.05),
    ("Sunds", 0.06),
    ("Aulum", 0.07),
    ("Vildbjerg", 0.06),
    ("Kibæk", 0.05),
    ("Haderup", 0.03),
    ("Sørvad", 0.02),
    ("Arnborg", 0.03),
)
# National scenario: every municipality is split into four area districts, all in group "other"
# (no municipality but Herning ran a pilot).
NATIONAL_DISTRICTS = (("Nord", 0.25), ("Syd", 0.25), ("Øst", 0.25), ("Vest", 0.25))
HERNING = "657"


def load_population(path: Path = POPULATION_SEED) -> dict[str, dict[int, int]]:
    """residents_0_22 by municipality code and year, from the seed."""
    population: dict[str, dict[int, int]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            population.setdefault(row["municipality"], {})[int(row["year"])] = int(
                row["residents_0_22"]
            )
    return population


def write_population(path: Path, population: dict[str, dict[int, int]]) -> None:
    """The population a run used, in the seed's shape (municipality,year,residents_0_22)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["municipality", "year", "residents_0_22"])
        for municipality in sorted(population):
            for year in sorted(population[municipality]):
                writer.writerow([municipality, year, population[municipality][year]])


def district_group_rows(municipalities: list[str]) -> list[tuple[str, str, str]]:
    """Rows of the district_groups seed: Herning's real districts, then generic ones."""
    rows = [(HERNING, d, "pilot") for d, _ in HERNING_PILOT_DISTRICTS]
    rows += [(HERNING, d, "other") for d, _ in HERNING_OTHER_DISTRICTS]
    rows += [(m, d, "other") for m in municipalities for d, _ in NATIONAL_DISTRICTS]
    return rows
