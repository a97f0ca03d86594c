"""Proofs of expectations/rules/marts/period_spine_complete.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def april_missing(spec):
    spec.kpis[:] = [
        r for r in spec.kpis if not (r["kpi"] == "placed_child_years" and r["period"] == "2015-04")
    ]
