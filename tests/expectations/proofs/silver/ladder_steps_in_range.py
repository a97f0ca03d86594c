"""Proofs of expectations/rules/silver/ladder_steps_in_range.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find, move

__all__ = ["clean"]


def to_step_7(spec):
    find(spec, "E-03")["payload"]["to_step"] = 7
    return "E-03"


def from_step_minus_1(spec):
    find(spec, "E-07")["payload"]["from_step"] = -1
    return "E-07"


def exit_move_with_null_to_step(spec):
    spec.events.append(
        move("E-90", "2015-05-01", "C-2", "M-2", from_step=4, to_step=None, measure_type=None)
    )
