"""Proofs of expectations/rules/marts/kpi_known.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean
from tests.expectations.quality_lake import kpi_row

__all__ = ["clean"]


def kpi_not_in_catalogue(spec):
    spec.kpis.append(kpi_row("happiness_index", "2015", "all", 7.0, "score"))
