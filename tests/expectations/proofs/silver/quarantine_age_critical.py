"""Proofs of expectations/rules/silver/quarantine_age_critical.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find, local, orphan

__all__ = ["clean"]

# ages count to T, or without one to the newest recorded_at: E-07's, 2015-04-01 10:00


def orphan_waiting_120_days(spec):
    return orphan(spec, "2014-12-01")


def bad_event_never_retracted(spec):
    find(spec, "E-06")["payload"]["amount_dkk"] = 1e15  # recorded 2015-02-20
    spec.as_of = local("2015-07-01")
    return "E-06"


def orphan_waiting_45_days(spec):
    orphan(spec, "2015-02-15")
