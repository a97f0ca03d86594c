"""Proofs of expectations/rules/marts/child_years_within_cases.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def more_child_years_than_cases(spec):
    next(
        r
        for r in spec.kpis
        if r["kpi"] == "placed_child_years" and r["period"] == "2015H1" and r["district"] == "all"
    )["value"] = 2.5  # 2 cases
