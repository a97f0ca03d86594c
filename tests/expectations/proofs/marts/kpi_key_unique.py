"""Proofs of expectations/rules/marts/kpi_key_unique.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def a_cell_twice(spec):
    spec.kpis.append(dict(spec.kpis[0]))
