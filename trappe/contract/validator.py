"""The one validation path: a raw JSON line becomes a valid event or a rejection.

Every source (the JSON Lines file, the Kafka consumer, tests) calls `validate_line`, or
`validate_lines`, the same for many records at once, a valid one as the row bronze stores. A
rejection carries a one-line reason that names the field, an error code (for counting dead
letters by reason) and the field's path; the caller adds the record's coordinates.

No record, however malformed, makes `validate_line` raise (docs/event-contract.md, "Bad input"):
the contract's bounds (line size, nesting, digits, dates, clock skew) are checked before the
work they protect, and anything else a record can provoke ends as a rejection.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, NotRequired

from pydantic import BaseModel, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from trappe.contract.cpr import (
    CPR_PATTERN,
    SEPARATORS,
    UUID_PATTERN,
    find_cpr,
    is_cpr,
    mask_cpr,
    number_is_cpr,
    pseudonymise,
)
from trappe.contract.models import DATE_OUT_OF_RANGE, PAYLOADS, Envelope
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
# the contract's bounds
TOO_LARGE = "too_large"
TOO_DEEP = "too_deep"
NUMBER_TOO_LONG = "number_too_long"
# DATE_OUT_OF_RANGE = "date_out_of_range", from the models, which raise it
CLOCK_SKEW = "clock_skew"
# what no rule foresaw: the record is rejected, the run goes on
UNREADABLE = "unreadable"
ERROR_CODES = (
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    INVALID_DATE,
    UNKNOWN_EVENT_TYPE,
    UNSUPPORTED_SCHEMA_VERSION,
    CPR_IN_TEXT,
    TOO_LARGE,
    TOO_DEEP,
    NUMBER_TOO_LONG,
    DATE_OUT_OF_RANGE,
    CLOCK_SKEW,
    UNREADABLE,
)

MAX_LINE_BYTES = 1 << 20  # 1 MiB
MAX_DEPTH = 32
MAX_DIGITS = 20
MAX_CLOCK_SKEW = timedelta(days=1)


# `json.dumps` with options builds an encoder on every call: this one is built once
_PAYLOAD_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def payload_json(payload: dict[str, Any]) -> str:
    """A payload as bronze stores it: compact JSON, keys sorted, non-ASCII as is."""
    return _PAYLOAD_ENCODER.encode(payload)


# A valid event as bronze's event columns (`trappe.contract.lake.EVENT_COLUMNS`), in their
# order: `ValidEvent`'s fields, but the payload as `payload_json`
EventRow = tuple[str, str, int, datetime, datetime, str, str, str | None, str | None, str]


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
        return payload_json(self.payload)

    def to_json(self) -> str:
        """The event as a contract JSON object again (pseudonymised, times in UTC)."""
        return json.dumps(
            {
                "event_id": self.event_id,
                "event_type": self.event_type,
                "schema_version": self.schema_version,
                "occurred_at": self.occurred_at.isoformat(),
                "recorded_at": self.recorded_at.isoformat(),
                "municipality": self.municipality,
                "case_id": self.case_id,
                "child_id": self.child_id,
                "caseworker_id": self.caseworker_id,
                "payload": self.payload,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


@dataclass(frozen=True)
class Rejection:
    code: str
    field: str | None
    message: str
    event_id: str | None = None

    @property
    def reason(self) -> str:
        """One line: which event (when known), which field, what is wrong; CPR-like numbers
        masked (a field name or an event_id may be one)."""
        who = f"event {self.event_id}: " if self.event_id else ""
        where = f"field '{self.field}': " if self.field else ""
        return mask_cpr(" ".join(f"{who}{where}{self.message}".splitlines()))

    def describe(self, coordinates: str) -> str:
        return f"{coordinates}: {self.reason}"


# -- CPR numbers in fields and keys ----------------------------------------------------------


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(path, value) for every key (as a str) and every string or number in a JSON value;
    a key's path is the path of its value."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            yield where, str(key)
            yield from _walk(item, where)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    elif not isinstance(value, bool) and isinstance(value, (str, int, float)):
        yield path, value


def _lone_surrogate(obj: dict[str, Any]) -> tuple[bool, str | None]:
    """(found, where): whether a key or string holds a lone surrogate, and the path (made
    printable) of the first that does."""
    for path, value in _walk(obj, ""):
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True, path.encode("utf-8", "backslashreplace").decode("utf-8") or None
    return False, None


def _find_cpr(obj: dict[str, Any]) -> str | None:
    """The path of the first key or value holding a CPR number (the `cpr` field aside)."""
    for path, value in _walk({k: v for k, v in obj.items() if k != "cpr"}, ""):
        if find_cpr(value) if isinstance(value, str) else number_is_cpr(value):
            return path
    return None


def _byte_classes() -> bytes:
    """A bytes.translate table: digit -> '0', a possible separator byte (ASCII ones, and every
    byte of a multi-byte UTF-8 character) -> 's', an opening bracket -> '(', others -> 'x'."""
    table = bytearray(b"x" * 256)
    for byte in b"0123456789":
        table[byte] = ord("0")
    for byte in [*(ord(c) for c in SEPARATORS if c < "\x80"), *range(0x80, 0x100)]:
        table[byte] = ord("s")
    table[ord("{")] = table[ord("[")] = ord("(")
    return bytes(table)


_BYTE_CLASSES = _byte_classes()
# What every CPR number contains, as the line spells it unless an escape (\u0030, \/) or a
# non-canonical float literal (1.02e9) spells it otherwise: six digits, at most one separator
# (up to 4 bytes in UTF-8), four digits. Every number of more than 20 digits contains ten in a
# row (a JSON number has at most one dot), so it is caught too. One translate and a search for
# a literal-prefixed pattern spare nearly every line the slower checks (a regex over the text
# itself cost 3-8 us a line).
_CPR_SHAPE = re.compile(rb"000000s{0,4}0000")


def _cpr_shape_outside_uuids(data: bytes, text: str) -> bool:
    """Whether a suspect line may still hold a CPR number once its canonical UUIDs, which are
    none whatever digits they hold (`find_cpr`), are left out: most suspect lines are only a
    UUID whose digits have a CPR number's shape. An escape may spell anything: a line with one
    may."""
    if b"\\" in data:
        return True
    # a UUID stands between quotes, so each is blanked as `find_cpr` blanks it in its string;
    # not with spaces, which are separators
    blanked = UUID_PATTERN.sub(lambda uuid: "x" * len(uuid.group()), text)
    return _CPR_SHAPE.search(blanked.encode("utf-8").translate(_BYTE_CLASSES)) is not None


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


class _TooManyDigits(Exception):
    def __init__(self, literal: str, digits: int) -> None:
        super().__init__(literal)
        self.literal, self.digits = literal, digits


class _NotJson(Exception):
    pass


def _checked_int(literal: str) -> int:
    digits = len(literal) - literal.startswith("-")
    if digits > MAX_DIGITS:
        raise _TooManyDigits(literal, digits)
    return int(literal)


class _CheckedFloats(_FloatLiterals):
    __slots__ = ()

    def __call__(self, literal: str) -> float:
        mantissa = re.split("[eE]", literal, maxsplit=1)[0]
        digits = sum(c.isdigit() for c in mantissa)
        if digits > MAX_DIGITS:
            raise _TooManyDigits(literal, digits)
        return super().__call__(literal)


def _no_constant(literal: str) -> Any:
    raise _NotJson(f"{literal} is not JSON")


class _Decoders(threading.local):
    """Each thread's JSON decoders with their hooks, made once: `json.loads` with hooks builds
    a decoder and its scanner on every call, which cost more than a short line's parsing."""

    def __init__(self) -> None:
        self.floats = _FloatLiterals()
        self.checked_floats = _CheckedFloats()
        self.plain = json.JSONDecoder(parse_float=self.floats, parse_constant=_no_constant)
        self.checked = json.JSONDecoder(
            parse_float=self.checked_floats, parse_int=_checked_int, parse_constant=_no_constant
        )


_decoders = _Decoders()


def _loads(text: str, suspect: bool) -> tuple[Any, _FloatLiterals]:
    """`json.loads(text)` with the hooks (all of them for a suspect line), and the float hook
    that saw its floats."""
    if text.startswith("\ufeff"):  # what json.loads refuses before decoding
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    decoders = _decoders
    floats = decoders.checked_floats if suspect else decoders.floats
    floats.rewritten = False
    return (decoders.checked if suspect else decoders.plain).decode(text), floats


# -- where in a line: for the bounds checked before (or instead of) parsing ------------------

# A string, possibly a key (followed by ':'), or a bracket: enough of JSON to follow nesting.
_STRUCTURE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"(\s*:)?|[\[\]{}]')
_EVENT_ID = re.compile(r'"event_id"\s*:\s*"([^"\\]{1,200})"')


def _path(stack: list[str | None]) -> str | None:
    parts = [p for p in stack if p is not None]
    return ".".join(parts).replace(".[", "[") or None


def _too_deep(text: str) -> tuple[bool, str | None]:
    """(found, where): whether the line nests deeper than MAX_DEPTH levels, and the path of
    the value that does (None for a line that is no object)."""
    stack: list[str | None] = []
    key: str | None = None
    for token in _STRUCTURE.finditer(text):
        char = token.group()[0]
        if char == '"':
            if token.group(2):
                key = token.group(1)[:100]
        elif char in "{[":
            stack.append(key if key is not None else ("[]" if stack else None))
            key = None
            if len(stack) > MAX_DEPTH:
                return True, _path(stack[:3]) if text.lstrip().startswith("{") else None
        else:
            key = None
            if stack:
                stack.pop()
    return False, None


def _path_at(text: str, position: int) -> str | None:
    """The key path of the value at `position` of a JSON line (arrays as [])."""
    stack: list[str | None] = []
    key: str | None = None
    for token in _STRUCTURE.finditer(text, 0, position):
        char = token.group()[0]
        if char == '"':
            key = token.group(1)[:100] if token.group(2) else key
        elif char in "{[":
            stack.append(key if key is not None else ("[]" if stack else None))
            key = None
        elif stack:
            stack.pop()
            key = None
    if key is not None:
        stack.append(key)
    return _path(stack)


def _event_id_in(text: str) -> str | None:
    found = _EVENT_ID.search(text, 0, 1 << 16)
    return found.group(1) if found else None


def _number_rejection(text: str, exc: _TooManyDigits) -> Rejection:
    found = re.search(rf"(?<![0-9A-Za-z.\"]){re.escape(exc.literal)}(?![0-9.eE])", text)
    field = _path_at(text, found.start()) if found else None
    return Rejection(
        NUMBER_TOO_LONG,
        field,
        f"a number with {exc.digits:,} digits (at most {MAX_DIGITS})",
        _event_id_in(text),
    )


# -- pydantic errors -------------------------------------------------------------------------


def _code_for(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return MISSING_FIELD
    if kind == "extra_forbidden":
        return UNKNOWN_FIELD
    if kind == DATE_OUT_OF_RANGE:
        return DATE_OUT_OF_RANGE
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
    if (
        error["type"] not in ("missing", "extra_forbidden", DATE_OUT_OF_RANGE)
        and "input" in error
        and field != "cpr"
    ):
        shown = error["input"]
        if not isinstance(shown, (dict, list)):
            message = f"{message} (got {json.dumps(shown, ensure_ascii=False, default=str)[:60]})"
    return Rejection(_code_for(error), field, message, event_id)


# typing_extensions' TypedDict (pydantic takes no other before Python 3.12), called with
# fields known at run time, which type checkers do not follow
_typed_dict: Any = TypedDict


def _fields_of(model: type[BaseModel]) -> TypeAdapter[dict[str, Any]]:
    """`model`'s validation of a dict, giving a dict: the same fields, types, constraints,
    defaults left out and config, so the same errors, without making a model instance (which
    cost more than the validation itself). For a model without model validators."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation = (
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        )
        fields[name] = annotation if info.is_required() else NotRequired[annotation]
    shape = _typed_dict(f"{model.__name__}Fields", fields)
    shape.__pydantic_config__ = {k: v for k, v in model.model_config.items() if k != "frozen"}
    adapter: TypeAdapter[dict[str, Any]] = TypeAdapter(shape)
    return adapter


# the envelope as `Envelope` validates it; an absent optional field is absent, not None
_ENVELOPE = _fields_of(Envelope)
# each event type's payload check: the model's own where it has model validators (they need
# an instance), else the same without the instance
_PAYLOAD_CHECKS: dict[str, Callable[[Any], Any]] = {
    event_type: model.model_validate
    if model.__pydantic_decorators__.model_validators
    else _fields_of(model).validate_python
    for event_type, model in PAYLOADS.items()
}


# -- the validator ---------------------------------------------------------------------------


def validate_line(
    raw: bytes | str | None,
    *,
    key: bytes,
    ingested_at: datetime | None = None,
) -> ValidEvent | Rejection:
    """Validate one JSON line of the event contract. Never raises for any `raw`.

    `key` is the pseudonymisation key (`trappe.contract.cpr.pseudonym_key()`); `ingested_at`
    (default: now) fills a missing `recorded_at` and bounds a given one.
    """
    try:
        checked = _validate(raw, key, ingested_at)
        return checked if isinstance(checked, Rejection) else ValidEvent(*checked)
    except Exception as exc:
        return _unreadable(exc)


def validate_lines(
    raws: Iterable[bytes | str | None], *, key: bytes, ingested_at: datetime
) -> list[EventRow | Rejection]:
    """`validate_line` for each of `raws`, a valid event as the row bronze stores
    (`EventRow`): what a source validates in bulk, without an object per event."""
    results: list[EventRow | Rejection] = []
    append = results.append
    for raw in raws:
        try:
            checked = _validate(raw, key, ingested_at)
            if isinstance(checked, Rejection):
                append(checked)
            else:
                append((*checked[:9], payload_json(checked[9])))
        except Exception as exc:
            append(_unreadable(exc))
    return results


def _unreadable(exc: Exception) -> Rejection:
    return Rejection(UNREADABLE, None, f"cannot be read ({type(exc).__name__}: {str(exc)[:80]})")


# `ValidEvent`'s fields, in their order
_Checked = tuple[
    str, str, int, datetime, datetime, str, str, str | None, str | None, dict[str, Any]
]


def _validate(
    raw: bytes | str | None, key: bytes, ingested_at: datetime | None
) -> _Checked | Rejection:
    if raw is None:
        return Rejection(MALFORMED_JSON, None, "no value (a Kafka tombstone)")
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    if len(data) > MAX_LINE_BYTES:
        return Rejection(
            TOO_LARGE,
            None,
            f"the record is over 1 MiB ({len(data):,} bytes read)",
            _event_id_in(data[: 1 << 16].decode("utf-8", "replace")),
        )
    try:
        text = data.decode("utf-8")  # a str too: one holding a lone surrogate is no UTF-8 text
    except UnicodeDecodeError as exc:
        return Rejection(MALFORMED_JSON, None, f"not UTF-8 ({exc.reason} at byte {exc.start})")

    shape = data.translate(_BYTE_CLASSES)
    if shape.count(b"(") > MAX_DEPTH:
        too_deep, where = _too_deep(text)
        if too_deep:
            return Rejection(
                TOO_DEEP, where, f"nested deeper than {MAX_DEPTH} levels", _event_id_in(text)
            )
    suspect = b"\\" in data or _CPR_SHAPE.search(shape) is not None
    try:
        obj, floats = _loads(text, suspect)
    except json.JSONDecodeError as exc:
        return Rejection(MALFORMED_JSON, None, f"malformed JSON: {exc.msg} at column {exc.colno}")
    except _NotJson as exc:
        return Rejection(MALFORMED_JSON, None, f"malformed JSON: {exc}")
    except _TooManyDigits as exc:
        return _number_rejection(text, exc)
    if not isinstance(obj, dict):
        return Rejection(NOT_AN_OBJECT, None, f"expected a JSON object, got {type(obj).__name__}")
    if suspect and "\\u" in text:
        # "\ud800" is valid JSON but half a character: no store (Parquet, Kafka) can keep it
        broken, where = _lone_surrogate(obj)
        if broken:
            return Rejection(
                MALFORMED_JSON,
                where,
                "a \\u escape spells a lone surrogate (half a character), which is no text",
            )
    event_id = obj.get("event_id") if isinstance(obj.get("event_id"), str) else None

    # Privacy first: a record carrying a CPR number outside `cpr` is never let through.
    if (suspect and _cpr_shape_outside_uuids(data, text)) or floats.rewritten:
        cpr_field = _find_cpr(obj)
        if cpr_field is not None:
            # a key or the event_id may be the number itself: the rejection must not hold it
            return Rejection(
                CPR_IN_TEXT,
                mask_cpr(cpr_field),
                "contains a CPR-like number (masked in dead letters)",
                mask_cpr(event_id) if event_id else None,
            )

    try:
        envelope = _ENVELOPE.validate_python(obj)
    except ValidationError as exc:
        return _rejection_from(exc, "", event_id)

    now = ingested_at or datetime.now(UTC)
    given_recorded_at = envelope.get("recorded_at")
    occurred_at = envelope["occurred_at"]
    event_type = envelope["event_type"]
    if given_recorded_at is not None and given_recorded_at - now > MAX_CLOCK_SKEW:
        return Rejection(
            CLOCK_SKEW,
            "recorded_at",
            f"{given_recorded_at.isoformat()} is more than one day after its "
            f"ingestion ({now.astimezone(UTC):%Y-%m-%dT%H:%M:%S%z})",
            event_id,
        )
    recorded_at = given_recorded_at or now
    if occurred_at - recorded_at > MAX_CLOCK_SKEW:
        return Rejection(
            CLOCK_SKEW,
            "occurred_at",
            f"{occurred_at.isoformat()} is more than one day after "
            f"recorded_at ({recorded_at.astimezone(UTC).isoformat()})",
            event_id,
        )

    check_payload = _PAYLOAD_CHECKS.get(event_type)
    if check_payload is None:
        return Rejection(
            UNKNOWN_EVENT_TYPE,
            "event_type",
            f"unknown event type {event_type!r}",
            event_id,
        )
    try:
        payload = upcast_payload(event_type, envelope["schema_version"], envelope["payload"])
    except CannotUpcast as exc:
        return Rejection(UNSUPPORTED_SCHEMA_VERSION, "schema_version", str(exc), event_id)
    try:
        check_payload(payload)
    except ValidationError as exc:
        return _rejection_from(exc, "payload.", event_id)

    child_id = envelope.get("child_id")
    cpr = envelope.get("cpr")
    if cpr is not None:
        if not is_cpr(cpr):
            return Rejection(INVALID_VALUE, "cpr", "is not a CPR number (DDMMYY-SSSS)", event_id)
        child_id = pseudonymise(cpr, key)

    return (
        envelope["event_id"],
        event_type,
        envelope["schema_version"],
        occurred_at,
        recorded_at.astimezone(UTC),
        envelope["municipality"],
        envelope["case_id"],
        child_id,
        envelope.get("caseworker_id"),
        envelope["payload"],
    )


__all__ = [
    "CPR_PATTERN",
    "CURRENT_SCHEMA_VERSION",
    "ERROR_CODES",
    "EventRow",
    "Rejection",
    "ValidEvent",
    "payload_json",
    "validate_line",
    "validate_lines",
]
