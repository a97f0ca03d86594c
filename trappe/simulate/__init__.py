"""`trappe simulate`: a seeded, realistic stream of case events for a municipality scenario.

    from trappe.simulate import build_scenario, simulate_lines
    scenario = build_scenario("herning-pilot")
    for line in simulate_lines(scenario, seed=1): ...

The same scenario and seed give the same lines, byte for byte.
"""

from trappe.simulate.engine import Rates, Simulation, Summary
from trappe.simulate.run import build_scenario, simulate_batches, simulate_lines, simulate_to_file
from trappe.simulate.scenarios import SCENARIO_NAMES, Scenario

__all__ = [
    "SCENARIO_NAMES",
    "Rates",
    "Scenario",
    "Simulation",
    "Summary",
    "build_scenario",
    "simulate_batches",
    "simulate_lines",
    "simulate_to_file",
]
