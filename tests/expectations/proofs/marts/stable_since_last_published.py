"""Proofs of expectations/rules/marts/stable_since_last_published.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def _previous_and(spec, period, value):
    spec.previous_kpis = [dict(r) for r in spec.kpis]
    next(
        r
        for r in spec.kpis
        if r["kpi"] == "placed_child_years" and r["district"] == "all" and r["period"] == period
    )["value"] = value


def closed_month_doubled(spec):
    _previous_and(spec, "2015-03", 2.0)


def open_month_doubled(spec):
    # the latest month is still filling: not compared
    _previous_and(spec, "2015-06", 1.9)


def no_previous_build(spec):
    spec.previous_kpis = None
