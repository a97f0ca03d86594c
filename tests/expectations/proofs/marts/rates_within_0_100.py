"""Proofs of expectations/rules/marts/rates_within_0_100.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def compliance_of_112_percent(spec):
    next(r for r in spec.kpis if r["kpi"] == "followup_compliance_herning")["value"] = 112.5


def breakdown_rate_above_100(spec):
    # a per-100 ratio, not a part of a whole
    next(r for r in spec.kpis if r["kpi"] == "breakdown_rate")["value"] = 250.0
