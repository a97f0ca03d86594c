"""Proofs of expectations/rules/marts/unit_cost_plausible.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def _unit_costs(spec):
    return [r for r in spec.kpis if r["kpi"] == "unit_cost_per_child_year"]


def unit_cost_of_9_5_million(spec):
    for row in _unit_costs(spec):
        row["value"] = 9_500_000.0


def unit_cost_below_one_child_year_not_judged(spec):
    for row in _unit_costs(spec):
        row["value"], row["denominator"] = 9_500_000.0, 0.5
