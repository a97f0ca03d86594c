"""Proofs of expectations/rules/bronze/dates_in_range.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.expectations.proofs.common import clean, find, retract
from tests.expectations.quality_lake import INGESTED_AT

__all__ = ["clean"]


def occurred_in_1985(spec):
    find(spec, "E-08")["occurred_at"] = datetime(1985, 3, 1, tzinfo=UTC)
    return "E-08"


def recorded_after_ingestion(spec):
    find(spec, "E-08")["recorded_at"] = INGESTED_AT + timedelta(days=3)
    return "E-08"


def occurred_in_1985_retracted(spec):
    occurred_in_1985(spec)
    retract(spec, "E-08", "2015-06-01")


def occurred_on_the_earliest_date(spec):
    find(spec, "E-08")["occurred_at"] = datetime(1990, 1, 1, tzinfo=UTC)
