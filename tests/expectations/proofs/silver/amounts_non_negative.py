"""Proofs of expectations/rules/silver/amounts_non_negative.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def negative_cost(spec):
    find(spec, "E-06")["payload"]["amount_dkk"] = -80000.0
    return "E-06"


def negative_daily_cost(spec):
    find(spec, "E-03")["payload"]["daily_cost_dkk"] = -1.0
    return "E-03"


def zero_cost(spec):
    find(spec, "E-06")["payload"]["amount_dkk"] = 0.0
