"""Proofs of expectations/rules/marts/periods_consistent.py."""

from __future__ import annotations

from datetime import date

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def month_labelled_with_the_wrong_dates(spec):
    row = next(r for r in spec.kpis if r["period"] == "2015-03")
    row["period_start"], row["period_end"] = date(2015, 4, 1), date(2015, 4, 30)
