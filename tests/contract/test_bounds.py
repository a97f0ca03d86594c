"""The contract's bounds, and that no record, however malformed, makes `validate_line` raise.

docs/event-contract.md, "Bad input": a line over 1 MiB, JSON nested deeper than 32 levels, a
number of more than 20 digits, a date before 1900-01-01 or after 2199-12-31, an `occurred_at`
more than a day after its `recorded_at`, a `recorded_at` more than a day after ingestion: each is
a rejection with a one-line reason naming the record and the field.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trappe.contract import Rejection, ValidEvent, validate_line
from trappe.contract.examples import EXAMPLE_PAYLOADS, example_event
from trappe.contract.validator import ERROR_CODES, MAX_LINE_BYTES

KEY = b"test-key"
INGESTED = datetime(2020, 1, 1, 12, 0, tzinfo=UTC)


def check(line: str | bytes) -> ValidEvent | Rejection:
    return validate_line(line, key=KEY, ingested_at=INGESTED)


def rejected(line: str | bytes) -> Rejection:
    result = check(line)
    assert isinstance(result, Rejection), result
    assert "\n" not in result.reason and result.code in ERROR_CODES
    return result


def line_of(event: dict) -> str:
    return json.dumps(event, ensure_ascii=False)


# --- the poison classes of issue 12, one by one -----------------------------------------------


@pytest.mark.parametrize(
    "field,value",
    [
        ("occurred_at", "0001-01-01"),
        ("occurred_at", "9999-12-31T23:00:00-05:00"),
        ("occurred_at", "0001-01-01T00:00:00+14:00"),
        ("recorded_at", "9999-12-31T23:00:00-05:00"),
        ("recorded_at", "0001-01-01T00:30:00+01:00"),
    ],
)
def test_an_envelope_date_at_the_ends_of_time_is_a_rejection_not_an_overflow(field, value):
    result = rejected(line_of(example_event("case.closed", **{field: value})))
    assert (result.code, result.field) == ("date_out_of_range", field)
    assert "event e-1" in result.reason and f"field '{field}'" in result.reason


@pytest.mark.parametrize(
    "event_type,field,value,ok",
    [
        ("case.opened", "birth_date", "1899-12-31", False),
        ("case.opened", "birth_date", "1900-01-01", True),
        ("followup.held", "next_due", "2199-12-31", True),
        ("followup.held", "next_due", "2200-01-01", False),
        ("case.opened", "birth_month", "1899-12", False),
        ("case.opened", "birth_month", "2200-01", False),
        ("cost.booked", "period_start", "0001-01-01", False),
    ],
)
def test_payload_dates_are_bounded_too(event_type, field, value, ok):
    event = example_event(event_type)
    event["payload"][field] = value
    if event_type == "cost.booked":
        event["payload"]["period_end"] = "2014-03-31"
    result = check(line_of(event))
    if ok:
        assert isinstance(result, ValidEvent), result
    else:
        assert isinstance(result, Rejection)
        assert (result.code, result.field) == ("date_out_of_range", f"payload.{field}")


def test_envelope_dates_at_the_bounds_are_accepted():
    early = example_event(
        "case.closed", occurred_at="1900-01-01", recorded_at="1900-01-01T09:00:00+01:00"
    )
    assert isinstance(check(line_of(early)), ValidEvent)
    late = example_event(
        "case.closed", occurred_at="2199-12-31", recorded_at="2199-12-31T23:00:00-05:00"
    )
    result = validate_line(line_of(late), key=KEY, ingested_at=datetime(2200, 1, 1, 12, tzinfo=UTC))
    assert isinstance(result, ValidEvent), result


def test_json_nested_ten_thousand_levels_deep():
    event = example_event("case.closed")
    event["payload"]["reason"] = "POISON"
    line = line_of(event).replace('"POISON"', "[" * 10_000 + "]" * 10_000)
    result = rejected(line)
    assert (result.code, result.field) == ("too_deep", "payload.reason")
    assert "event e-1" in result.reason and "32" in result.reason


def test_nesting_of_32_levels_is_within_the_bound_and_33_is_not():
    def nested(levels: int) -> str:
        event = example_event("case.closed")
        event["payload"]["extra"] = "POISON"
        # the envelope and the payload are 2 levels; the list adds the rest
        return line_of(event).replace('"POISON"', "[" * (levels - 2) + "]" * (levels - 2))

    assert rejected(nested(32)).code == "unknown_field"  # validated as usual
    assert rejected(nested(33)).code == "too_deep"
    assert rejected("[" * 33 + "]" * 33).code == "too_deep"


@pytest.mark.parametrize("digits", [21, 5_000, 100_000])
def test_a_number_of_more_than_20_digits(digits):
    event = example_event("cost.booked")
    line = line_of(event).replace("82150.0", "9" * digits)
    result = rejected(line)
    assert (result.code, result.field) == ("number_too_long", "payload.amount_dkk")
    assert f"{digits:,} digits" in result.reason and "event e-1" in result.reason


@pytest.mark.parametrize(
    "literal,code",
    [
        ("9" * 20, None),  # 20 digits: within the bound
        ("1" * 10 + "." + "1" * 11, "number_too_long"),
        ("-" + "1" * 21, "number_too_long"),
        ("1" + "0" * 25 + "e-20", "number_too_long"),
        ("1e400", None),  # few digits, an infinite value: the model's business, not the bound's
    ],
)
def test_the_digits_of_a_number_are_counted_whatever_its_form(literal, code):
    event = example_event("ladder.moved")
    line = line_of(event).replace('"daily_cost_dkk": 2650', f'"daily_cost_dkk": {literal}')
    assert literal in line
    result = check(line)
    if code is None:
        assert getattr(result, "code", None) != "number_too_long"
    else:
        assert (result.code, result.field) == (code, "payload.daily_cost_dkk")


def test_a_line_over_one_mebibyte_and_one_just_within():
    event = example_event("case.closed")
    line = line_of(event).encode("utf-8")
    padded = line[:-1] + b" " * (MAX_LINE_BYTES - len(line)) + b"}"
    assert len(padded) == MAX_LINE_BYTES
    assert isinstance(check(padded), ValidEvent)
    result = rejected(padded + b" ")
    assert (result.code, result.field) == ("too_large", None)
    assert "event e-1" in result.reason and "1 MiB" in result.reason


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe{}",
        b'{"event_id": "e-1", "x": "\xc3\x28"}',
        b"\xed\xa0\x80",
        "\ud800".encode("utf-8", "surrogatepass"),
    ],
)
def test_bytes_that_are_not_utf8(raw):
    result = rejected(raw)
    assert result.code == "malformed_json" and "not UTF-8" in result.reason


@pytest.mark.parametrize("where", ["value", "key", "event_id"])
def test_a_lone_surrogate_spelled_by_an_escape_is_no_text(where):
    event = example_event("case.opened")
    if where == "value":
        event["payload"]["district"] = "\ud800"
    elif where == "key":
        event["payload"]["\udfffx"] = 1
    else:
        event["event_id"] = "e-\ud800"
    result = rejected(json.dumps(event))  # ensure_ascii: the line says \\ud800
    assert result.code == "malformed_json" and "lone surrogate" in result.reason
    assert (
        result.field
        == {"value": "payload.district", "key": "payload.\\udfffx", "event_id": "event_id"}[where]
    )
    result.reason.encode("utf-8")
    assert rejected(json.dumps(event, ensure_ascii=False)).code == "malformed_json"


def test_a_surrogate_pair_is_one_character_and_fine():
    event = example_event("case.opened")
    event["payload"]["district"] = "\U0001f600"
    line = json.dumps(event)
    assert "\\ud83d\\ude00" in line
    assert check(line).payload["district"] == "\U0001f600"


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_json_constants_are_malformed_json(literal):
    event = example_event("ladder.moved")
    line = line_of(event).replace('"daily_cost_dkk": 2650', f'"daily_cost_dkk": {literal}')
    assert rejected(line).code == "malformed_json"


# --- clock skew -------------------------------------------------------------------------------


def test_occurred_at_more_than_a_day_after_recorded_at():
    at_bound = example_event(
        "case.closed",
        occurred_at="2014-03-03T09:00:00+01:00",
        recorded_at="2014-03-02T09:00:00+01:00",
    )
    assert isinstance(check(line_of(at_bound)), ValidEvent)
    beyond = example_event(
        "case.closed",
        occurred_at="2014-03-03T09:00:01+01:00",
        recorded_at="2014-03-02T09:00:00+01:00",
    )
    result = rejected(line_of(beyond))
    assert (result.code, result.field) == ("clock_skew", "occurred_at")
    assert "event e-1" in result.reason


def test_recorded_at_more_than_a_day_after_ingestion():
    at_bound = INGESTED + timedelta(days=1)
    event = example_event("case.closed", recorded_at=at_bound.isoformat())
    assert isinstance(check(line_of(event)), ValidEvent)
    event["recorded_at"] = (at_bound + timedelta(seconds=1)).isoformat()
    result = rejected(line_of(event))
    assert (result.code, result.field) == ("clock_skew", "recorded_at")


def test_without_recorded_at_occurred_at_is_bounded_by_ingestion():
    event = example_event("case.closed", occurred_at="2020-01-03")
    del event["recorded_at"]
    result = rejected(line_of(event))
    assert (result.code, result.field) == ("clock_skew", "occurred_at")


# --- no exception escapes, whatever comes in --------------------------------------------------

# any text, lone surrogates included (JSON spells them as \ud800 escapes)
any_text = st.text(st.characters(exclude_categories=()))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(st.characters(exclude_categories=()), max_size=8), children, max_size=4
        )
    ),
    max_leaves=20,
)


def assert_outcome(result) -> None:
    assert isinstance(result, (ValidEvent, Rejection))
    if isinstance(result, Rejection):
        assert result.code in ERROR_CODES and "\n" not in result.reason
        assert result.code != "unreadable", result.reason  # every case foreseen so far
        result.reason.encode("utf-8")  # storable: no lone surrogate
        (result.field or "").encode("utf-8")
    else:
        result.to_json().encode("utf-8")


@settings(max_examples=500, deadline=None)
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw):
    assert_outcome(check(raw))


@settings(max_examples=500, deadline=None)
@given(value=json_values)
def test_arbitrary_json_never_raises(value):
    assert_outcome(check(json.dumps(value)))


poison_values = st.one_of(
    json_values,
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31T23:00:00-05:00",
            "2014-02-30",
            "-0001-01-01",
            "2014-03-01T25:00:00",
            "+275760-09-13",
            "1e400",
            "\ud800",
            "\x00",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
)


@st.composite
def mutated_events(draw):
    """A valid event with one envelope or payload field, or a new key, set to anything."""
    event_type = draw(st.sampled_from(sorted(EXAMPLE_PAYLOADS)))
    event = example_event(event_type)
    target = draw(st.sampled_from(["envelope", "payload"]))
    holder = event if target == "envelope" else event["payload"]
    key = draw(st.sampled_from(sorted(holder)) | st.text(max_size=12))
    holder[key] = draw(poison_values)
    return event


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=mutated_events(), ascii_only=st.booleans())
def test_an_event_with_any_field_set_to_anything_never_raises(event, ascii_only):
    try:
        line = json.dumps(event, ensure_ascii=ascii_only, allow_nan=True)
    except UnicodeEncodeError:
        return
    assert_outcome(check(line))
    assert_outcome(check(line.encode("utf-8", "surrogatepass")))
