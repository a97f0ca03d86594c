"""Proofs of expectations/rules/silver/cost_amounts_plausible.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def cost_of_1e15_dkk(spec):
    find(spec, "E-06")["payload"]["amount_dkk"] = 1e15
    return "E-06"


def a_day_at_a_million(spec):
    payload = find(spec, "E-06")["payload"]
    payload.update(amount_dkk=1_000_000.0, period_start="2015-02-19", period_end="2015-02-19")
    return "E-06"


def a_year_of_secure_institution(spec):
    payload = find(spec, "E-06")["payload"]
    payload.update(amount_dkk=9_000_000.0, period_start="2015-01-01", period_end="2015-12-31")
