"""Proofs of expectations/rules/silver/cost_periods_valid.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def period_ends_before_it_starts(spec):
    find(spec, "E-06")["payload"]["period_end"] = "2015-01-01"
    return "E-06"


def one_day_period(spec):
    find(spec, "E-06")["payload"]["period_end"] = "2015-01-20"
