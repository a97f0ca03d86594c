"""Building a scenario from options, and running it into lines or a file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from trappe.simulate.engine import Rates, Simulation, Summary
from trappe.simulate.reference import load_population, write_population
from trappe.simulate.scenarios import EVENTS_PER_RESIDENT_YEAR, Scenario, herning_pilot, national

POPULATION_FILE = "population_0_22.csv"


def build_scenario(
    name: str,
    *,
    municipalities: int | None = None,
    years: tuple[int, int] | None = None,
    events: int | None = None,
    population: dict[str, dict[int, int]] | None = None,
) -> Scenario:
    """A scenario by name. For `national`: the first `municipalities` codes (all 98 by default),
    `years` (first, last; default 2019-2023), and `events`, an approximate total that scales the
    population (and so every volume) up or down."""
    population = population or load_population()
    if name == "herning-pilot":
        if municipalities is not None or years is not None or events is not None:
            raise ValueError(
                "--municipalities, --years and --events apply to the national scenario only"
            )
        return herning_pilot(population)
    if name != "national":
        raise ValueError(f"unknown scenario {name!r} (herning-pilot or national)")
    first, last = years or (2019, 2023)
    codes = sorted(population)
    if municipalities is not None:
        if not 1 <= municipalities <= len(codes):
            raise ValueError(f"--municipalities must be between 1 and {len(codes)}")
        codes = codes[:municipalities]
    missing = [y for y in range(first, last + 1) if any(y not in population[c] for c in codes)]
    if first > last or missing:
        raise ValueError(f"years {first}-{last} are outside the population seed")
    scale = 1.0
    if events is not None:
        resident_years = sum(population[c][y] for c in codes for y in range(first, last + 1))
        scale = events / (EVENTS_PER_RESIDENT_YEAR * resident_years)
    return national(population, codes, first, last, scale)


def simulate_batches(
    scenario: Scenario,
    seed: int = 1,
    rates: Rates | None = None,
    summary: Summary | None = None,
    on_batch: Callable[[Simulation, int], None] | None = None,
) -> Iterator[list[str]]:
    """The output lines (without newlines) in send order, one simulated day per batch.
    `summary`, if given, is filled in as the run goes."""
    simulation = Simulation(scenario, seed, rates)
    if summary is not None:
        simulation.summary = summary
    for batch in simulation.run():
        if on_batch is not None:
            on_batch(simulation, len(batch))
        yield batch


def simulate_lines(
    scenario: Scenario, seed: int = 1, rates: Rates | None = None, summary: Summary | None = None
) -> Iterator[str]:
    """Every output line (without newline), in send order."""
    for batch in simulate_batches(scenario, seed, rates, summary):
        yield from batch


def simulate_to_file(
    path: Path,
    scenario: Scenario,
    seed: int = 1,
    rates: Rates | None = None,
    population_path: Path | None = None,
) -> Summary:
    """Write the scenario as JSON Lines to `path` and its population beside it."""
    summary = Summary()
    path = Path(path)
    with open(path, "wb") as f:
        for batch in simulate_batches(scenario, seed, rates, summary):
            if batch:
                f.write(("\n".join(batch) + "\n").encode("utf-8"))
    write_population(population_path or path.with_name(POPULATION_FILE), scenario.population)
    return summary
