"""Proofs of expectations/rules/silver/quarantine_share.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, notification

__all__ = ["clean"]


def _orphans(spec, n):
    spec.events += [notification(f"E-O{i:04d}", "2015-03-01", "C-404") for i in range(n)]


def every_case_opened_lost(spec):
    _orphans(spec, 110)


def many_orphans_in_a_large_feed(spec):
    _orphans(spec, 110)
    spec.events += [notification(f"E-N{i:04d}", "2015-03-01", "C-2") for i in range(2300)]
