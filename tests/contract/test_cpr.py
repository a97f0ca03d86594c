"""No CPR number survives validation: it is pseudonymised (`cpr`) or rejected (anywhere else)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trappe.contract import Rejection, ValidEvent, validate_line
from trappe.contract.cpr import (
    DASHES,
    SEPARATORS,
    SPACES,
    PseudonymKeyMissing,
    find_cpr,
    mask_cpr,
    mask_cpr_bytes,
    pseudonym_key,
    pseudonymise,
)
from trappe.contract.examples import example_event
from trappe.core.settings import Settings

KEY = b"test-key"


@st.composite
def cpr_numbers(draw):
    day = draw(st.integers(1, 28))
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    serial = draw(st.integers(0, 9999))
    sep = draw(st.sampled_from(["", *SEPARATORS]))
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
@given(
    cpr=cpr_numbers(),
    where=st.sampled_from(STRING_FIELDS),
    before=st.text(alphabet="ghk æøå.,", max_size=20),
    after=st.text(alphabet="xyz .", max_size=20),
)
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


@pytest.mark.parametrize(
    "field,value",
    [
        ("case_id", "C-0102031234"),
        ("case_id", "K0102031234"),
        ("child_id", "010203-1234"),
        ("event_id", "0102031234"),
    ],
)
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


# --- every spelling events.md names, in every kind of place ----------------------------------

SPELLINGS = [
    "0101901234",
    "010190-1235",
    "010190 1236",
    "010190.1237",
    "010190/1238",
    "010190\u20131239",
    "010190\u20141240",
    "010190\u20111241",
    "010190\u00a01242",
    "010190\u22121243",
    "010190\u20101244",
    "010190\u202f1245",
]


def test_the_separators_are_every_dash_and_space_unicode_knows():
    import sys
    import unicodedata

    categories = {c: unicodedata.category(c) for c in map(chr, range(sys.maxunicode + 1))}
    assert {c for c, cat in categories.items() if cat == "Pd"} <= set(DASHES)
    assert {c for c, cat in categories.items() if cat == "Zs"} <= set(SPACES)


@pytest.mark.parametrize("cpr", SPELLINGS)
@pytest.mark.parametrize(
    "place", ["free text", "identifier", "payload id", "team", "key", "nested key", "escaped"]
)
def test_every_spelling_is_recognised_everywhere(cpr, place):
    event = example_event("case.opened")
    expected = {
        "free text": "payload.district",
        "identifier": "case_id",
        "payload id": "payload.team",
        "team": "payload.team",
        "key": "payload.[CPR]",
        "nested key": "payload.x.[CPR]",
        "escaped": "payload.district",
    }[place]
    if place == "free text":
        event["payload"]["district"] = f"barn {cpr}."
    elif place == "identifier":
        event["case_id"] = f"C{cpr}"
    elif place == "payload id":
        event["payload"]["team"] = f"T-{cpr}"
    elif place == "team":
        event["payload"]["team"] = f"team-C{cpr}"
    elif place == "key":
        event["payload"][cpr] = "x"
    elif place == "nested key":
        event["payload"]["x"] = {cpr: 1}
    line = json.dumps(event, ensure_ascii=place == "escaped")
    if place == "escaped":
        event["payload"]["district"] = cpr
        # every digit (and the separator) as a JSON \u escape: the line holds no digit of it
        escaped = "".join(f"\\u{ord(c):04x}" for c in cpr)
        line = json.dumps(event).replace(json.dumps(cpr)[1:-1], escaped)
        assert cpr[:6] not in line
    result = validate_line(line, key=KEY)
    assert isinstance(result, Rejection), (place, cpr)
    assert (result.code, result.field) == ("cpr_in_text", expected)
    digits = "".join(c for c in cpr if c.isdigit())
    stored = result.reason + repr(result)
    assert cpr not in stored and digits not in stored and cpr[:6] not in stored


def test_a_cpr_written_with_an_escaped_slash_is_recognised():
    event = example_event("case.opened")
    line = json.dumps(event).replace('"pilot"', '"010190\\/1238"')
    assert isinstance(validate_line(line, key=KEY), Rejection)


def test_a_cpr_beside_a_hex_letter_is_one_and_a_canonical_uuid_is_not():
    assert find_cpr("team-C0101901234") and find_cpr("e0101901234f")
    assert find_cpr("7d3c2b1ae0102031234f")  # hex, but not a canonical UUID
    assert not find_cpr(UUID_WITH_DIGIT_RUN)
    assert not find_cpr(f"see {UUID_WITH_DIGIT_RUN} and {UUID_WITH_DIGIT_RUN}.")
    assert find_cpr(f"{UUID_WITH_DIGIT_RUN} 010190-1234")
    # a UUID-like string with a CPR where its first group would be is no UUID
    assert find_cpr("0101901234ab-1234-1234-1234-123456789abc")


@pytest.mark.parametrize("cpr", SPELLINGS)
def test_the_cpr_field_takes_any_spelling_and_gives_the_same_pseudonym(cpr):
    event = example_event("case.closed", cpr=cpr)
    result = validate_line(json.dumps(event), key=KEY)
    assert isinstance(result, ValidEvent)
    digits = "".join(c for c in cpr if c.isdigit())
    assert result.child_id == pseudonymise(digits, KEY)


@pytest.mark.parametrize("cpr", SPELLINGS)
def test_masking_catches_every_spelling_also_spelled_by_json_escapes(cpr):
    assert mask_cpr(f"x {cpr} y") == "x [CPR] y"
    escaped = "".join(f"\\u{ord(c):04x}" for c in cpr)
    masked = mask_cpr(f'{{"a": "{escaped}", "b": "\\\\u0030"}}')
    assert masked == '{"a": "[CPR]", "b": "\\\\u0030"}'  # an escaped backslash stays
    assert mask_cpr('{"a": "010190\\/1238"}') == '{"a": "[CPR]"}'


def test_masking_bytes_keeps_what_is_not_utf8():
    raw = b"\xff\xfe 010190\xe2\x80\x931234 \xc3"
    assert mask_cpr_bytes(raw) == b"\xff\xfe [CPR] \xc3"
    assert mask_cpr_bytes(b"\x00\x80abc") == b"\x00\x80abc"


def test_a_cpr_in_a_number_with_a_dot_is_recognised_and_a_fraction_is_not():
    event = example_event("cost.booked")
    line = json.dumps(event).replace("82150.0", "311299.1234")
    result = validate_line(line, key=KEY)
    assert isinstance(result, Rejection) and result.field == "payload.amount_dkk"
