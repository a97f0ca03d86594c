"""Proofs of expectations/rules/marts/values_non_negative.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def negative_expenditure(spec):
    next(r for r in spec.kpis if r["kpi"] == "expenditure")["value"] = -80000.0
