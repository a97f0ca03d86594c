"""Proofs of expectations/rules/silver/birth_dates_plausible.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def born_in_1950(spec):
    find(spec, "E-01")["payload"]["birth_month"] = "1950-01"
    return "E-01"


def born_ten_years_after_opening(spec):
    payload = find(spec, "E-01")["payload"]
    payload["birth_month"], payload["birth_date"] = None, "2025-01-05"
    return "E-01"


def unborn_child(spec):
    find(spec, "E-01")["payload"]["birth_month"] = "2015-06"
