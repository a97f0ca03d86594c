"""Proofs of expectations/rules/silver/events_have_opened_case.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find, local, orphan, record_on, retract

__all__ = ["clean"]


def ladder_move_without_case(spec):
    return orphan(spec, "2015-03-01")


def case_opened_recorded_after_as_of(spec):
    # C-2's notification is in by T, its case.opened is not
    spec.as_of = local("2015-01-05")
    return "E-08"


def case_opened_retracted(spec):
    retract(spec, "E-02", "2015-04-10")
    return "E-04"


def case_opened_held(spec):
    # a case.opened held by another rule leaves its case's events without a case in the marts
    find(spec, "E-01")["payload"]["birth_month"] = "1950-01"
    return "E-03"


def case_opened_recorded_late_but_by_as_of(spec):
    record_on(spec, "E-02", "2015-06-01")


def orphan_retracted(spec):
    orphan(spec, "2015-03-01")
    retract(spec, "E-99", "2015-03-05")
