"""Proofs of expectations/rules/bronze/ingest_runs_reconcile.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def read_more_than_accounted_for(spec):
    spec.run_record = {"read": 12}


def dead_letters_by_reason_disagree(spec):
    spec.run_record = {"dead_letters_by_reason": {"invalid_json": 3}}
