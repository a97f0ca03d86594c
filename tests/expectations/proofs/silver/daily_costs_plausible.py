"""Proofs of expectations/rules/silver/daily_costs_plausible.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def daily_cost_of_a_million(spec):
    find(spec, "E-03")["payload"]["daily_cost_dkk"] = 1_000_000.0
    return "E-03"


def no_daily_cost_given(spec):
    find(spec, "E-03")["payload"]["daily_cost_dkk"] = None
