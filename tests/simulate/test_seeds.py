"""The reference seeds the simulator writes for dbt: complete and consistent with the simulator."""

from __future__ import annotations

import csv

from trappe.simulate.reference import (
    DISTRICT_GROUPS_SEED,
    HERNING_OTHER_DISTRICTS,
    HERNING_PILOT_DISTRICTS,
    POPULATION_SEED,
    district_group_rows,
    load_population,
)


def test_population_seed_covers_98_municipalities_2010_to_2030():
    population = load_population(POPULATION_SEED)
    assert len(population) == 98
    assert all(sorted(years) == list(range(2010, 2031)) for years in population.values())
    total_2022 = sum(years[2022] for years in population.values())
    assert 1_400_000 < total_2022 < 1_800_000  # about 1.6 million Danes aged 0-22
    assert 20_000 < population["657"][2014] < 30_000  # Herning


def test_district_groups_seed_matches_the_simulator():
    with open(DISTRICT_GROUPS_SEED, newline="", encoding="utf-8") as f:
        rows = [(r["municipality"], r["district"], r["district_group"]) for r in csv.DictReader(f)]
    assert rows == district_group_rows(sorted(load_population()))
    pilot = {d for m, d, g in rows if m == "657" and g == "pilot"}
    assert pilot == {d for d, _ in HERNING_PILOT_DISTRICTS}
    weights = sum(w for _, w in HERNING_PILOT_DISTRICTS) / sum(
        w for _, w in HERNING_PILOT_DISTRICTS + HERNING_OTHER_DISTRICTS
    )
    assert abs(weights - 0.20) < 0.01  # the pilot districts hold about 20 % of the children
