"""Proofs of expectations/rules/silver/cost_periods_plausible.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def period_ending_in_2199(spec):
    find(spec, "E-06")["payload"]["period_end"] = "2199-12-31"
    return "E-06"


def period_of_three_years(spec):
    payload = find(spec, "E-06")["payload"]
    payload.update(period_start="2012-01-20", period_end="2015-01-19")
    return "E-06"


def a_full_leap_year(spec):
    payload = find(spec, "E-06")["payload"]
    payload.update(period_start="2012-01-01", period_end="2012-12-31")
