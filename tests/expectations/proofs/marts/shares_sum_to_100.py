"""Proofs of expectations/rules/marts/shares_sum_to_100.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def institution_share_of_70_percent(spec):
    next(
        r
        for r in spec.kpis
        if r["kpi"] == "placement_share"
        and r["period"] == "2015-03"
        and r["breakdown"] == "institution"
    )["value"] = 70.0
