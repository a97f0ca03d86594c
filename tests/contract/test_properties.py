"""Property-based tests: valid events round-trip; mutated events are rejected naming the field.

Strategies are derived from the contract models themselves, so a field added to the contract is
exercised without touching this file.
"""

from __future__ import annotations

import json
import typing
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from trappe.contract import PAYLOADS, Rejection, ValidEvent, validate_line

KEY = b"test-key"
# after every generated recorded_at: the contract rejects one more than a day after ingestion
INGESTED = datetime(2033, 1, 1, tzinfo=UTC)
# identifiers and free text without digit runs, so no accidental CPR-like number is generated
ids = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ-", min_size=1, max_size=12)
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå .,", min_size=1, max_size=40)
days = st.dates(date(2000, 1, 1), date(2030, 12, 31))

BY_NAME = {
    "from_step": st.one_of(st.none(), st.integers(0, 5)),
    "to_step": st.integers(0, 5),
    "daily_cost_dkk": st.one_of(st.none(), st.floats(0, 20000, allow_nan=False)),
    "amount_dkk": st.floats(0, 5_000_000, allow_nan=False),
    "total_difficulties": st.integers(0, 40),
    "birth_date": days.map(date.isoformat),
    "birth_month": days.map(lambda d: d.isoformat()[:7]),
    "next_due": st.one_of(st.none(), days.map(date.isoformat)),
    "concern": st.one_of(st.none(), words),
    "period_start": days.map(date.isoformat),
    "period_end": days.map(date.isoformat),
    "subject": words,
    "legal_basis": st.sampled_from(["SEL §50", "SEL §52 stk. 3 nr. 7", "Barnets lov § 32"]),
}
SUBSCALES = {"emotional", "conduct", "hyperactivity", "peer", "prosocial"}


def enum_values(model, name):
    """The allowed values of an enumeration field (a Literal, possibly Optional), else None."""
    annotation = model.model_fields[name].annotation
    for candidate in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(candidate) is typing.Literal:
            return typing.get_args(candidate)
    return None


def field_strategy(model, name):
    if name in BY_NAME:
        return BY_NAME[name]
    if name in SUBSCALES:
        return st.one_of(st.none(), st.integers(0, 10))
    values = enum_values(model, name)
    if values is not None:
        return st.sampled_from(values)
    annotation = model.model_fields[name].annotation
    if annotation is bool:
        return st.booleans()
    if name in ("reason",) or name.endswith("_id") or name in ("district", "team"):
        return ids if name.endswith("_id") else words
    raise AssertionError(f"no strategy for {model.__name__}.{name}: add one to BY_NAME")


@st.composite
def payloads(draw, event_type):
    model = PAYLOADS[event_type]
    payload = {}
    for name, info in model.model_fields.items():
        value = draw(field_strategy(model, name))
        if value is None and not info.is_required() and draw(st.booleans()):
            continue  # an optional field may be absent as well as null
        payload[name] = value
    if event_type == "cost.booked":
        start = date.fromisoformat(draw(days.map(date.isoformat)))
        payload["period_start"] = start.isoformat()
        payload["period_end"] = (start + timedelta(days=draw(st.integers(0, 60)))).isoformat()
    if event_type == "case.opened" and draw(st.booleans()):
        payload.pop("birth_date")  # birth_month alone is enough
    return payload


@st.composite
def events(draw):
    event_type = draw(st.sampled_from(sorted(PAYLOADS)))
    occurred = draw(days)
    return {
        "event_id": str(draw(st.uuids())),  # canonical: a bare hex string may hold a CPR-like run
        "event_type": event_type,
        "schema_version": 1,
        "occurred_at": occurred.isoformat(),
        "recorded_at": f"{occurred + timedelta(days=draw(st.integers(0, 400)))}T09:30:00+01:00",
        "municipality": draw(st.sampled_from(["657", "101", "751"])),
        "case_id": draw(ids),
        "child_id": draw(ids),
        "caseworker_id": draw(st.one_of(st.none(), ids)),
        "payload": draw(payloads(event_type)),
    }


@settings(max_examples=300, deadline=None)
@given(event=events())
def test_valid_events_are_accepted_and_round_trip(event):
    first = validate_line(json.dumps(event, ensure_ascii=False), key=KEY, ingested_at=INGESTED)
    assert isinstance(first, ValidEvent), getattr(first, "reason", first)
    assert first.payload == event["payload"]
    assert validate_line(first.to_json(), key=KEY, ingested_at=INGESTED) == first


@settings(max_examples=300, deadline=None)
@given(event=events(), data=st.data())
def test_removing_a_required_payload_field_names_it(event, data):
    model = PAYLOADS[event["event_type"]]
    required = sorted(n for n, f in model.model_fields.items() if f.is_required())
    field = data.draw(st.sampled_from(required))
    del event["payload"][field]
    result = validate_line(json.dumps(event, ensure_ascii=False), key=KEY, ingested_at=INGESTED)
    assert isinstance(result, Rejection)
    assert (result.code, result.field) == ("missing_field", f"payload.{field}")
    assert f"'payload.{field}'" in result.reason and event["event_id"] in result.reason


@settings(max_examples=300, deadline=None)
@given(event=events(), data=st.data())
def test_a_value_of_the_wrong_kind_names_the_field(event, data):
    payload = event["payload"]
    candidates = sorted(k for k, v in payload.items() if isinstance(v, (bool, int, float, str)))
    field = data.draw(st.sampled_from(candidates))
    original = payload[field]
    # a string where a number or boolean belongs, a number where a string belongs
    payload[field] = 12.5 if isinstance(original, str) else "not-a-" + type(original).__name__
    result = validate_line(json.dumps(event, ensure_ascii=False), key=KEY, ingested_at=INGESTED)
    assert isinstance(result, Rejection)
    assert result.field == f"payload.{field}", result.reason
    assert result.code in ("wrong_type", "invalid_value", "invalid_date")


@settings(max_examples=200, deadline=None)
@given(event=events(), junk=st.text(alphabet="qwxz_", min_size=3, max_size=10))
def test_an_unknown_enumeration_value_names_the_field(event, junk):
    model = PAYLOADS[event["event_type"]]
    enums = sorted(n for n in event["payload"] if enum_values(model, n) is not None)
    if not enums:
        return
    field = enums[len(junk) % len(enums)]
    event["payload"][field] = "zz_" + junk
    result = validate_line(json.dumps(event, ensure_ascii=False), key=KEY, ingested_at=INGESTED)
    assert isinstance(result, Rejection)
    assert (result.code, result.field) == ("invalid_value", f"payload.{field}")
