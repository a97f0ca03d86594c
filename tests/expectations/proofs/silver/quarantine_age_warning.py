"""Proofs of expectations/rules/silver/quarantine_age_warning.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, orphan

__all__ = ["clean"]


def orphan_waiting_45_days(spec):
    return orphan(spec, "2015-02-15")


def orphan_waiting_10_days(spec):
    orphan(spec, "2015-03-22")
