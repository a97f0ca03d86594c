"""Proofs of expectations/rules/silver/event_id_unique.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def two_copies_in_silver(spec):
    spec.silver_copies.add("E-05")
