"""No CPR number survives validation: it is either pseudonymised (`cpr`) or rejected (anywhere else)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trappe.contract import Rejection, ValidEvent, mask_cpr, validate_line
from trappe.contract.cpr import PseudonymKeyMissing, pseudonym_key, pseudonymise
from trappe.contract.examples import example_event
from trappe.core.settings import Settings

KEY = b"test-key"


@st.composite
def cpr_numbers(draw):
    day = draw(st.integers(1, 28))
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    serial = draw(st.integers(0, 9999))
    sep = draw(st.sampled_from(["", "-", " "]))
    return f"{day:02d}{month:02d}{year:02d}{sep}{serial:04d}"


# every string field a producer controls, envelope and payload
STRING_FIELDS = [
    ("notification.received", ("payload", "concern")),
    ("case.closed", ("payload", "reason")),
    ("complaint.received", ("payload", "subject")),
    ("event.retracted", ("payload", "reason")),
    ("case.opened", ("payload", "district")),
    ("ladder.moved", ("payload", "provider_id")),
    ("case.closed", ("case_id",)),
    ("case.closed", ("child_id",)),
    ("case.closed", ("caseworker_id",)),
]


@settings(max_examples=200, deadline=None)
@given(cpr=cpr_numbers(), where=st.sampled_from(STRING_FIELDS),
       before=st.text(alphabet="ghk æøå.,", max_size=20), after=st.text(alphabet="xyz .", max_size=20))
def test_a_cpr_anywhere_in_text_is_rejected_naming_the_field(cpr, where, before, after):
    event_type, path = where
    event = example_event(event_type)
    target = event
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = f"{before}{cpr}{after}"
    result = validate_line(json.dumps(event, ensure_ascii=False), key=KEY)
    assert isinstance(result, Rejection)
    assert result.code == "cpr_in_text" and result.field == ".".join(path)
    assert cpr not in result.reason


@settings(max_examples=100, deadline=None)
@given(cpr=cpr_numbers())
def test_a_cpr_field_becomes_a_keyed_pseudonym_and_is_never_kept(cpr):
    event = example_event("case.closed", cpr=cpr)
    del event["child_id"]
    result = validate_line(json.dumps(event), key=KEY)
    assert isinstance(result, ValidEvent)
    assert result.child_id == pseudonymise(cpr, KEY)
    digits = cpr.replace("-", "").replace(" ", "")
    stored = result.to_json() + result.payload_json + repr(result)
    assert digits not in stored and cpr not in stored


def test_pseudonyms_are_stable_keyed_and_format_blind():
    assert pseudonymise("010203-1234", KEY) == pseudonymise("0102031234", KEY)
    assert pseudonymise("0102031234", KEY) != pseudonymise("0102031234", b"other key")
    assert pseudonymise("0102031234", KEY) != pseudonymise("0102031235", KEY)


def test_an_invalid_cpr_field_is_rejected_without_echoing_it():
    result = validate_line(json.dumps(example_event("case.closed", cpr="not-a-cpr")), key=KEY)
    assert isinstance(result, Rejection) and result.field == "cpr"
    assert "not-a-cpr" not in result.reason


def test_masking_for_dead_letters():
    raw = '{"concern": "barn 010203-1234 og 0405061234"}'
    assert mask_cpr(raw) == '{"concern": "barn [CPR] og [CPR]"}'


def test_missing_key_is_a_clear_error_outside_demo_mode(monkeypatch):
    monkeypatch.delenv("TRAPPE_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("TRAPPE_DEMO", raising=False)
    with pytest.raises(PseudonymKeyMissing, match="TRAPPE_PSEUDONYM_KEY"):
        pseudonym_key(Settings.from_env())
    monkeypatch.setenv("TRAPPE_DEMO", "1")
    assert pseudonym_key(Settings.from_env())
    monkeypatch.setenv("TRAPPE_PSEUDONYM_KEY", "secret")
    assert pseudonym_key(Settings.from_env()) == b"secret"


UUID_WITH_DIGIT_RUN = "7d3c2b1a-9e8f-4a6b-8c5d-e0102031234f"  # ten digits between hex letters


def test_uuids_whose_hex_looks_like_a_cpr_are_not_rejected():
    event = example_event("event.retracted", event_id=UUID_WITH_DIGIT_RUN)
    event["payload"]["retracts_event_id"] = UUID_WITH_DIGIT_RUN
    assert isinstance(validate_line(json.dumps(event), key=KEY), ValidEvent)


@pytest.mark.parametrize("field,value", [
    ("case_id", "C-0102031234"), ("case_id", "K0102031234"), ("child_id", "010203-1234"),
    ("event_id", "0102031234"),
])
def test_a_cpr_used_as_a_key_is_still_rejected(field, value):
    result = validate_line(json.dumps(example_event("case.closed", **{field: value})), key=KEY)
    assert isinstance(result, Rejection) and (result.code, result.field) == ("cpr_in_text", field)


def test_free_text_keeps_the_strict_rule():
    event = example_event("notification.received")
    event["payload"]["concern"] = "see e0102031234f"
    result = validate_line(json.dumps(event), key=KEY)
    assert isinstance(result, Rejection) and result.field == "payload.concern"


def test_a_cpr_spelled_with_json_escapes_is_still_found():
    event = example_event("notification.received")
    event["payload"]["concern"] = "barn 010203-1234"
    line = json.dumps(event).replace("010203-1234", "\\u0030\\u0031\\u00302031234")
    assert "0102031234" not in line
    result = validate_line(line, key=KEY)
    assert isinstance(result, Rejection) and result.field == "payload.concern"


def test_a_cpr_hidden_in_a_float_literal_is_still_found():
    event = example_event("cost.booked")
    line = json.dumps(event).replace('"amount_dkk": 82150.0', '"amount_dkk": 1.0020312340e9')
    result = validate_line(line, key=KEY)
    assert isinstance(result, Rejection) and result.field == "payload.amount_dkk"


def test_the_fraction_of_an_amount_is_not_a_cpr_number():
    event = example_event("cost.booked")
    event["payload"]["amount_dkk"] = 0.0102031234
    assert isinstance(validate_line(json.dumps(event), key=KEY), ValidEvent)
    event["payload"]["amount_dkk"] = 1102031234
    result = validate_line(json.dumps(event), key=KEY)
    assert isinstance(result, Rejection) and result.field == "payload.amount_dkk"
