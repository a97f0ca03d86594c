"""Proofs of expectations/rules/silver/next_due_plausible.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def next_due_in_2199(spec):
    find(spec, "E-05")["payload"]["next_due"] = "2199-01-01"
    return "E-05"


def next_due_before_the_followup(spec):
    find(spec, "E-05")["payload"]["next_due"] = "2015-01-01"
    return "E-05"


def next_due_in_three_months(spec):
    find(spec, "E-05")["payload"]["next_due"] = "2015-05-03"
