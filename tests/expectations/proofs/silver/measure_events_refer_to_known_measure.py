"""Proofs of expectations/rules/silver/measure_events_refer_to_known_measure.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find, record_on
from tests.expectations.quality_lake import event

__all__ = ["clean"]


def cost_on_unknown_measure(spec):
    find(spec, "E-06")["payload"]["measure_id"] = "M-77"
    return "E-06"


def breakdown_on_unknown_measure(spec):
    spec.events.append(
        event(
            "E-90",
            "placement.broke_down",
            "2015-03-01",
            "C-2",
            {"measure_id": "M-99", "initiated_by": "child"},
        )
    )
    return "E-90"


def cost_recorded_before_its_move_both_by_as_of(spec):
    record_on(spec, "E-03", "2015-03-01")
