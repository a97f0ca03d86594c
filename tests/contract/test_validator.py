"""The event contract's field rules, one by one (docs/event-contract.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from trappe.contract import EVENT_TYPES, Rejection, ValidEvent, validate_line
from trappe.contract.examples import example_event
from trappe.contract.upcast import Adapter, register_adapter, unregister_adapter

KEY = b"test-key"
INGESTED = datetime(2020, 1, 1, 12, 0, tzinfo=UTC)


def check(event: dict | str) -> ValidEvent | Rejection:
    line = event if isinstance(event, str) else json.dumps(event)
    return validate_line(line, key=KEY, ingested_at=INGESTED)


def rejected(event: dict | str) -> Rejection:
    result = check(event)
    assert isinstance(result, Rejection), f"expected a rejection, got {result}"
    assert "\n" not in result.reason
    return result


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_every_example_is_valid(event_type):
    result = check(example_event(event_type))
    assert isinstance(result, ValidEvent), result
    assert result.event_type == event_type


def test_the_contract_examples_validate_and_normalise_times():
    line = (
        '{"event_id":"0f6c","event_type":"case.opened","schema_version":1,'
        '"occurred_at":"2014-02-03","recorded_at":"2014-02-03T10:12:00+01:00",'
        '"municipality":"657","case_id":"C-0001","child_id":"K-0001","caseworker_id":"W-07",'
        '"payload":{"district":"Sdr. Felding","team":"pilot","birth_month":"2006-05"}}'
    )
    event = check(line)
    # a bare date is 00:00 Copenhagen time (CET in February)
    assert event.occurred_at == datetime(2014, 2, 2, 23, 0, tzinfo=UTC)
    assert event.recorded_at == datetime(2014, 2, 3, 9, 12, tzinfo=UTC)


def test_summer_time_and_offsetless_datetimes_are_copenhagen_local():
    event = check(
        example_event(
            "case.closed",
            occurred_at="2014-07-01T10:00:00",
            recorded_at="2014-07-01T12:00:00+02:00",
        )
    )
    assert event.occurred_at == datetime(2014, 7, 1, 8, 0, tzinfo=UTC)


def test_missing_recorded_at_defaults_to_ingestion_time():
    event = example_event("case.closed")
    del event["recorded_at"]
    assert check(event).recorded_at == INGESTED


@pytest.mark.parametrize(
    "field",
    [
        "event_id",
        "event_type",
        "schema_version",
        "occurred_at",
        "municipality",
        "case_id",
        "payload",
    ],
)
def test_required_envelope_fields(field):
    event = example_event("case.closed")
    del event[field]
    result = rejected(event)
    assert (result.code, result.field) == ("missing_field", field)
    assert f"field '{field}'" in result.reason
    if field != "event_id":
        assert "event e-1" in result.reason


@pytest.mark.parametrize(
    "field,value,code",
    [
        ("schema_version", "1", "wrong_type"),
        ("schema_version", 0, "invalid_value"),
        ("municipality", "6570", "invalid_value"),
        ("municipality", 657, "wrong_type"),
        ("case_id", "", "invalid_value"),
        ("occurred_at", "2014-02-30", "invalid_date"),
        ("occurred_at", "yesterday", "invalid_date"),
        ("occurred_at", 1393632000, "invalid_date"),
        ("recorded_at", "2014-03-02", "invalid_value"),
        ("child_id", 17, "wrong_type"),
    ],
)
def test_envelope_values(field, value, code):
    result = rejected(example_event("case.closed", **{field: value}))
    assert (result.code, result.field) == (code, field), result.reason


def test_unknown_envelope_field_is_named():
    result = rejected(example_event("case.closed", team="pilot"))
    assert (result.code, result.field) == ("unknown_field", "team")


def test_unknown_event_type():
    event = example_event("case.closed")
    event["event_type"] = "case.reopened"
    result = rejected(event)
    assert (result.code, result.field) == ("unknown_event_type", "event_type")
    assert "case.reopened" in result.reason


@pytest.mark.parametrize(
    "event_type,field,value,code",
    [
        ("ladder.moved", "to_step", 6, "invalid_value"),
        ("ladder.moved", "from_step", -1, "invalid_value"),
        ("ladder.moved", "to_step", "5", "wrong_type"),
        ("ladder.moved", "measure_type", "boarding_house", "invalid_value"),
        ("ladder.moved", "reason", "bored", "invalid_value"),
        ("ladder.moved", "short_term", "no", "wrong_type"),
        ("ladder.moved", "daily_cost_dkk", -10, "invalid_value"),
        ("notification.received", "source", "neighbour", "invalid_value"),
        ("notification.assessed", "acute", 1, "wrong_type"),
        ("notification.assessed", "outcome", "panic", "invalid_value"),
        ("decision.made", "kind", "maybe", "invalid_value"),
        ("followup.held", "channel", "letter", "invalid_value"),
        ("followup.held", "next_due", "2014-04-31", "invalid_date"),
        ("followup.held", "statutory", None, "wrong_type"),
        ("placement.broke_down", "initiated_by", "parent", "invalid_value"),
        ("complaint.resolved", "upheld", "true", "wrong_type"),
        ("cost.booked", "amount_dkk", "100", "wrong_type"),
        ("cost.booked", "amount_dkk", -1, "invalid_value"),
        ("cost.booked", "period_start", "2014/03/01", "invalid_date"),
        ("wellbeing.assessed", "total_difficulties", 41, "invalid_value"),
        ("wellbeing.assessed", "instrument", "CBCL", "invalid_value"),
        ("wellbeing.assessed", "informant", "neighbour", "invalid_value"),
        ("case.opened", "birth_month", "2006-13", "invalid_date"),
        ("case.opened", "district", "", "invalid_value"),
        ("event.retracted", "retracts_event_id", None, "wrong_type"),
    ],
)
def test_payload_values(event_type, field, value, code):
    event = example_event(event_type)
    event["payload"][field] = value
    result = rejected(event)
    assert (result.code, result.field) == (code, f"payload.{field}"), result.reason


@pytest.mark.parametrize(
    "event_type,field",
    [
        ("ladder.moved", "measure_id"),
        ("ladder.moved", "to_step"),
        ("ladder.moved", "reason"),
        ("followup.held", "child_conversation"),
        ("followup.held", "statutory"),
        ("cost.booked", "period_end"),
        ("notification.assessed", "notification_id"),
        ("complaint.received", "subject"),
        ("case.transferred", "caseworker_id"),
    ],
)
def test_required_payload_fields(event_type, field):
    event = example_event(event_type)
    del event["payload"][field]
    result = rejected(event)
    assert (result.code, result.field) == ("missing_field", f"payload.{field}")


def test_unknown_payload_field():
    event = example_event("complaint.resolved")
    event["payload"]["severity"] = "high"
    result = rejected(event)
    assert (result.code, result.field) == ("unknown_field", "payload.severity")


def test_cross_field_rules():
    no_birth = example_event("case.opened")
    del no_birth["payload"]["birth_month"]
    assert "birth_date or birth_month" in rejected(no_birth).reason

    entry_without_type = example_event("ladder.moved")
    entry_without_type["payload"]["measure_type"] = None
    assert "measure_type is required" in rejected(entry_without_type).reason

    backwards = example_event("cost.booked")
    backwards["payload"]["period_end"] = "2014-02-01"
    assert "period_end is before period_start" in rejected(backwards).reason


def test_leaving_all_measures_is_valid():
    event = example_event("ladder.moved")
    event["payload"].update(
        from_step=4,
        to_step=None,
        measure_type=None,
        provider_id=None,
        daily_cost_dkk=None,
        reason="turned_18",
    )
    assert isinstance(check(event), ValidEvent)


@pytest.mark.parametrize(
    "line,code",
    [
        ('{"event_id": "e-1", ', "malformed_json"),
        ("", "malformed_json"),
        ("[1, 2]", "not_an_object"),
        (b"\xff\xfe{}", "malformed_json"),
    ],
)
def test_malformed_input(line, code):
    result = validate_line(line, key=KEY)
    assert isinstance(result, Rejection) and result.code == code


def test_unsupported_schema_version():
    result = rejected(example_event("case.closed", schema_version=3))
    assert (result.code, result.field) == ("unsupported_schema_version", "schema_version")


def test_a_registered_adapter_upcasts_a_renamed_field():
    event = example_event("followup.held", schema_version=2)
    event["payload"]["child_interview"] = event["payload"].pop("child_conversation")
    assert rejected(event).code == "unsupported_schema_version"
    register_adapter(Adapter("followup.held", 2, renames={"child_interview": "child_conversation"}))
    try:
        result = check(event)
        assert isinstance(result, ValidEvent)
        # bronze keeps the event as received; silver applies the same adapter
        assert result.schema_version == 2 and "child_interview" in result.payload
    finally:
        unregister_adapter("followup.held", 2)


def test_valid_event_round_trips_through_its_json():
    first = check(example_event("ladder.moved"))
    again = validate_line(first.to_json(), key=KEY)
    assert again == first
