"""Proofs of expectations/rules/silver/followups_within_their_measure.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, followup, move

__all__ = ["clean"]


def followup_a_month_after_its_measure_ended(spec):
    # M-1 ended on 2015-04-01, when C-1 moved to M-3
    spec.events.append(followup("E-90", "2015-05-01", "C-1", "M-1"))
    return "E-90"


def followup_on_the_last_day(spec):
    spec.events.append(followup("E-90", "2015-04-01", "C-1", "M-1"))


def measure_restarted(spec):
    spec.events.append(
        move("E-91", "2015-06-01", "C-1", "M-1", to_step=5, measure_type="residential_institution")
    )
    spec.events.append(followup("E-90", "2015-06-15", "C-1", "M-1"))
