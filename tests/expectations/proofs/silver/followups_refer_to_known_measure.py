"""Proofs of expectations/rules/silver/followups_refer_to_known_measure.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find, record_on

__all__ = ["clean"]


def followup_on_unknown_measure(spec):
    find(spec, "E-05")["payload"]["measure_id"] = "M-77"
    return "E-05"


def followup_whose_move_is_held(spec):
    # the move that started M-1 is held (a step off the ladder): its follow-up waits with it
    find(spec, "E-03")["payload"]["to_step"] = 7
    return "E-05"


def move_recorded_after_the_followup(spec):
    record_on(spec, "E-03", "2015-03-01")
