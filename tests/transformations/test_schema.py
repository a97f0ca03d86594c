"""Silver's Spark schemas are derived from the contract models (no JVM needed)."""

from __future__ import annotations

import pytest
from pyspark.sql.types import BooleanType, DateType, DoubleType, IntegerType, StringType

from transformations.schema import (
    ENVELOPE_COLUMNS,
    EVENTS_COLUMNS,
    TABLES,
    payload_schema,
    spark_type,
    table_schema,
)
from trappe.contract.models import PAYLOADS, Payload


def test_every_event_type_has_a_table_with_every_payload_field():
    assert set(TABLES.values()) == set(PAYLOADS)
    for table, event_type in TABLES.items():
        columns = table_schema(table).fieldNames()
        assert columns[: len(ENVELOPE_COLUMNS)] == ENVELOPE_COLUMNS
        assert len(columns) == len(ENVELOPE_COLUMNS) + len(PAYLOADS[event_type].model_fields)
    assert table_schema("events").fieldNames() == EVENTS_COLUMNS


def test_payload_types_follow_the_contract():
    ladder = {f.name: f.dataType for f in payload_schema("ladder.moved")}
    assert ladder["from_step"] == IntegerType() and ladder["daily_cost_dkk"] == DoubleType()
    assert ladder["short_term"] == BooleanType() and ladder["measure_type"] == StringType()
    cost = {f.name: f.dataType for f in payload_schema("cost.booked")}
    assert cost["period_start"] == DateType() and cost["amount_dkk"] == DoubleType()
    opened = {f.name: f.dataType for f in payload_schema("case.opened")}
    assert opened["birth_date"] == DateType() and opened["birth_month"] == StringType()
    # a payload field named like an envelope column is prefixed
    assert "payload_caseworker_id" in table_schema("case_transferred").fieldNames()


def test_a_new_contract_field_type_without_mapping_is_refused():
    class Odd(Payload):
        weights: list[int] | None = None

    with pytest.raises(TypeError, match=r"odd\.weights: no Spark type"):
        spark_type(Odd.model_fields["weights"].annotation, "odd.weights")
