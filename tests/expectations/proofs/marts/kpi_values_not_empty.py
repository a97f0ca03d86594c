"""Proofs of expectations/rules/marts/kpi_values_not_empty.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def no_kpi_rows(spec):
    spec.kpis.clear()
