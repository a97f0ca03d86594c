"""Proofs of expectations/rules/bronze/ingest_runs_match_lake.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def run_claims_more_than_bronze_holds(spec):
    spec.run_record = {"written": 12, "read": 14}


def bronze_rows_of_an_unrecorded_run(spec):
    spec.run_record = {"run_id": "ingest-other"}
