"""Proofs of expectations/rules/bronze/event_type_known.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, retract
from tests.expectations.quality_lake import event

__all__ = ["clean"]


def unknown_event_type(spec):
    spec.events.append(event("E-90", "case.reopened", "2015-03-01", "C-2", {}))
    return "E-90"


def unknown_event_type_retracted(spec):
    unknown_event_type(spec)
    retract(spec, "E-90", "2015-03-02")
