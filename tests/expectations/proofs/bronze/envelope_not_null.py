"""Proofs of expectations/rules/bronze/envelope_not_null.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, notification

__all__ = ["clean"]


def case_id_missing(spec):
    row = notification("E-90", "2015-03-01", "C-2")
    row["case_id"] = None
    spec.bronze_only.append(row)
    return "E-90"


def event_id_missing(spec):
    row = notification("E-90", "2015-03-01", "C-2")
    row["event_id"] = None
    spec.bronze_only.append(row)
