"""Proofs of expectations/rules/bronze/recorded_not_before_occurred.py."""

from __future__ import annotations

from datetime import timedelta

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def recorded_two_days_before_it_occurred(spec):
    e = find(spec, "E-08")
    e["recorded_at"] = e["occurred_at"] - timedelta(days=2)


def recorded_an_hour_before_it_occurred(spec):
    e = find(spec, "E-08")
    e["recorded_at"] = e["occurred_at"] - timedelta(hours=1)
