"""Proofs of expectations/rules/silver/cases_closed_after_opened.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, retract
from tests.expectations.quality_lake import event

__all__ = ["clean"]


def closed_before_opened(spec):
    spec.events.append(event("E-90", "case.closed", "2015-01-05", "C-2", {"reason": "moved"}))
    return "E-90"


def closed_the_day_it_opened(spec):
    spec.events.append(event("E-90", "case.closed", "2015-01-10", "C-2", {"reason": "moved"}))


def inverted_closing_retracted(spec):
    closed_before_opened(spec)
    retract(spec, "E-90", "2015-03-01")
