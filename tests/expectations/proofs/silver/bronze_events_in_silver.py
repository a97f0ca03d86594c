"""Proofs of expectations/rules/silver/bronze_events_in_silver.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def bronze_event_not_transformed(spec):
    spec.not_in_silver.add("E-08")
