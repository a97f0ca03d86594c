"""The one validation path: a raw JSON line becomes a valid event or a rejection.

Every source (the JSON Lines file, the Kafka consumer, tests) calls `validate_line`. A rejection
carries a one-line reason that names the field, an error code (for counting dead letters by
reason) and the field's path; the caller adds the record's coordinates.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator

from pydantic import ValidationError

from trappe.contract.cpr import CPR_IN_IDENTIFIER_PATTERN, CPR_PATTERN, is_cpr, pseudonymise
from trappe.contract.models import FREE_TEXT_FIELDS, PAYLOADS, Envelope
from trappe.contract.upcast import CURRENT_SCHEMA_VERSION, CannotUpcast, upcast_payload

# Error codes: the closed list dead letters are counted by.
MALFORMED_JSON = "malformed_json"
NOT_AN_OBJECT = "not_an_object"
MISSING_FIELD = "missing_field"
UNKNOWN_FIELD = "unknown_field"
WRONG_TYPE = "wrong_type"
INVALID_VALUE = "invalid_value"
INVALID_DATE = "invalid_date"
UNKNOWN_EVENT_TYPE = "unknown_event_type"
UNSUPPORTED_SCHEMA_VERSION = "unsupported_schema_version"
CPR_IN_TEXT = "cpr_in_text"
ERROR_CODES = (MALFORMED_JSON, NOT_AN_OBJECT, MISSING_FIELD, UNKNOWN_FIELD, WRONG_TYPE,
               INVALID_VALUE, INVALID_DATE, UNKNOWN_EVENT_TYPE, UNSUPPORTED_SCHEMA_VERSION,
               CPR_IN_TEXT)


# Keys and codes: checked for CPR numbers by the identifier rule. Everything else, payload
# free text and any field the contract does not know, by the stricter free-text rule.
IDENTIFIER_FIELDS = {"event_id", "event_type", "municipality", "case_id", "child_id",
                     "caseworker_id", "occurred_at", "recorded_at"}
PAYLOAD_IDENTIFIER_FIELDS = {
    name
    for model in PAYLOADS.values()
    for name in model.model_fields
    if name.endswith("_id") or name in ("district", "team", "legal_basis", "birth_date",
                                        "birth_month", "next_due", "period_start", "period_end")
}


@dataclass(frozen=True)
class ValidEvent:
    """A valid, pseudonymised event: what bronze stores. `payload` is as received."""

    event_id: str
    event_type: str
    schema_version: int
    occurred_at: datetime  # UTC
    recorded_at: datetime  # UTC; ingestion time if the source gave none
    municipality: str
    case_id: str
    child_id: str | None
    caseworker_id: str | None
    payload: dict[str, Any]

    @property
    def payload_json(self) -> str:
        return json.dumps(self.payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def to_json(self) -> str:
        """The event as a contract JSON object again (pseudonymised, times in UTC)."""
        return json.dumps(
            {
                "event_id": self.event_id, "event_type": self.event_type,
                "schema_version": self.schema_version,
                "occurred_at": self.occurred_at.isoformat(),
                "recorded_at": self.recorded_at.isoformat(),
                "municipality": self.municipality, "case_id": self.case_id,
                "child_id": self.child_id, "caseworker_id": self.caseworker_id,
                "payload": self.payload,
            },
            ensure_ascii=False, separators=(",", ":"),
        )


@dataclass(frozen=True)
class Rejection:
    code: str
    field: str | None
    message: str
    event_id: str | None = None

    @property
    def reason(self) -> str:
        """One line: which event (when known), which field, what is wrong."""
        who = f"event {self.event_id}: " if self.event_id else ""
        where = f"field '{self.field}': " if self.field else ""
        return f"{who}{where}{self.message}".replace("\n", " ")

    def describe(self, coordinates: str) -> str:
        return f"{coordinates}: {self.reason}"


def _walk_strings(value: Any, path: str) -> Iterator[tuple[str, tuple[str, bool]]]:
    """(path, (text, is_number)) for every string and number in a JSON value."""
    if isinstance(value, str):
        yield path, (value, False)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        yield path, (str(value), True)
    elif isinstance(value, float):
        # a CPR number in a numeric field is a whole number; a fraction's digits are not one
        if value == value and abs(value) != float("inf"):
            yield path, (str(int(value)), True)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_strings(item, f"{path}[{i}]")


def _find_cpr(obj: dict[str, Any]) -> str | None:
    """The path of the first field holding a CPR-like number (the `cpr` field aside)."""
    event_type = obj.get("event_type")
    for path, value in _walk_strings({k: v for k, v in obj.items() if k != "cpr"}, ""):
        text, is_number = value
        top, _, rest = path.partition(".")
        identifier = not is_number and (
            top in IDENTIFIER_FIELDS
            or (top == "payload" and rest in PAYLOAD_IDENTIFIER_FIELDS
                and (event_type, rest) not in FREE_TEXT_FIELDS)
        )
        pattern = CPR_IN_IDENTIFIER_PATTERN if identifier else CPR_PATTERN
        if pattern.search(text):
            return path
    return None


# What every CPR-like number contains, whichever rule reads it; far cheaper to search for.
_TEN_DIGITS = re.compile(r"[0-9]{6}[- ]?[0-9]{4}")


class _FloatLiterals:
    """json.loads' parse_float hook; notes a float whose text is not its canonical form."""

    __slots__ = ("rewritten",)

    def __init__(self) -> None:
        self.rewritten = False

    def __call__(self, literal: str) -> float:
        value = float(literal)
        if not self.rewritten and repr(value) != literal:
            self.rewritten = True
        return value


def _may_hold_cpr(text: str, floats: _FloatLiterals) -> bool:
    """False only when no field of the decoded line can hold a CPR-like number.

    Every decoded string and number appears literally in the JSON text unless a \\u escape or a
    non-canonical float literal (1.02e9) spells its digits differently, and any CPR-like number
    contains ten digits shaped as _TEN_DIGITS. So one cheap search of the line spares the walk
    over every field for the lines that hold nothing like a CPR number: nearly all of them.
    """
    return floats.rewritten or "\\u" in text or _TEN_DIGITS.search(text) is not None


def _code_for(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return MISSING_FIELD
    if kind == "extra_forbidden":
        return UNKNOWN_FIELD
    if kind == "value_error" and ("parse" in error["msg"] or "ISO 8601" in error["msg"]):
        return INVALID_DATE
    if kind.endswith("_type") or kind in ("model_type", "dict_type"):
        return WRONG_TYPE
    return INVALID_VALUE


def _rejection_from(exc: ValidationError, prefix: str, event_id: str | None) -> Rejection:
    error = exc.errors(include_url=False)[0]
    loc = ".".join(str(p) for p in error["loc"])
    field = f"{prefix}{loc}" if loc else prefix.rstrip(".") or None
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] not in ("missing", "extra_forbidden") and "input" in error:
        shown = error["input"]
        if not isinstance(shown, (dict, list)):
            message = f"{message} (got {json.dumps(shown, ensure_ascii=False, default=str)[:60]})"
    return Rejection(_code_for(error), field, message, event_id)


def validate_line(
    raw: bytes | str | None,
    *,
    key: bytes,
    ingested_at: datetime | None = None,
) -> ValidEvent | Rejection:
    """Validate one JSON line of the event contract.

    `key` is the pseudonymisation key (`trappe.contract.cpr.pseudonym_key()`); `ingested_at`
    fills a missing `recorded_at`.
    """
    if raw is None:
        return Rejection(MALFORMED_JSON, None, "no value (a Kafka tombstone)")
    floats = _FloatLiterals()
    try:
        text = raw.decode("utf-8") if isinstance(raw, (bytes, bytearray)) else raw
        obj = json.loads(text, parse_float=floats)
    except UnicodeDecodeError as exc:
        return Rejection(MALFORMED_JSON, None, f"not UTF-8 ({exc.reason} at byte {exc.start})")
    except json.JSONDecodeError as exc:
        return Rejection(MALFORMED_JSON, None, f"malformed JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return Rejection(NOT_AN_OBJECT, None, f"expected a JSON object, got {type(obj).__name__}")
    event_id = obj.get("event_id") if isinstance(obj.get("event_id"), str) else None

    # Privacy first: a record carrying a CPR number outside `cpr` is never let through.
    cpr_field = _find_cpr(obj) if _may_hold_cpr(text, floats) else None
    if cpr_field is not None:
        return Rejection(CPR_IN_TEXT, cpr_field, "contains a CPR-like number (masked in dead letters)",
                         event_id)

    try:
        envelope = Envelope.model_validate(obj)
    except ValidationError as exc:
        return _rejection_from(exc, "", event_id)

    payload_model = PAYLOADS.get(envelope.event_type)
    if payload_model is None:
        return Rejection(UNKNOWN_EVENT_TYPE, "event_type",
                         f"unknown event type {envelope.event_type!r}", event_id)
    try:
        payload = upcast_payload(envelope.event_type, envelope.schema_version, envelope.payload)
    except CannotUpcast as exc:
        return Rejection(UNSUPPORTED_SCHEMA_VERSION, "schema_version", str(exc), event_id)
    try:
        payload_model.model_validate(payload)
    except ValidationError as exc:
        return _rejection_from(exc, "payload.", event_id)

    child_id = envelope.child_id
    if envelope.cpr is not None:
        if not is_cpr(envelope.cpr):
            return Rejection(INVALID_VALUE, "cpr", "is not a CPR number (DDMMYY-SSSS)", event_id)
        child_id = pseudonymise(envelope.cpr, key)

    recorded_at = envelope.recorded_at or (ingested_at or datetime.now(timezone.utc))
    return ValidEvent(
        event_id=envelope.event_id,
        event_type=envelope.event_type,
        schema_version=envelope.schema_version,
        occurred_at=envelope.occurred_at,
        recorded_at=recorded_at.astimezone(timezone.utc),
        municipality=envelope.municipality,
        case_id=envelope.case_id,
        child_id=child_id,
        caseworker_id=envelope.caseworker_id,
        payload=envelope.payload,
    )


__all__ = ["ValidEvent", "Rejection", "validate_line", "ERROR_CODES", "CURRENT_SCHEMA_VERSION"]
