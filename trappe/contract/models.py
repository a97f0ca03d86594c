"""The event contract, version 1, as typed models (see docs/event-contract.md).

One model per event type, each an envelope with its typed payload; `Event` is their union,
discriminated by `event_type`. Models are strict: a boolean must be a JSON boolean, a number a
JSON number. Dates and datetimes are ISO 8601 strings; a date, or a datetime without an offset,
is Europe/Copenhagen local time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

# re-exported: offset-less times in events are Copenhagen time (the contract's rule)
from trappe.core.time import LOCAL_TZ as LOCAL_TZ

# The contract's bounds for every date, as written (before any offset is applied): outside
# them a date is a typing error, and year 1 or 9999 with an offset would overflow on conversion.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
DATE_OUT_OF_RANGE = "date_out_of_range"


def _within_bounds(day: date, text: str) -> None:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        before = day < EARLIEST_DATE
        raise PydanticCustomError(
            DATE_OUT_OF_RANGE,
            "{text} is {side} {bound}",
            {
                "text": repr(text[:40]),
                "side": "before" if before else "after",
                "bound": (EARLIEST_DATE if before else LATEST_DATE).isoformat(),
            },
        )


def _require_str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be an ISO 8601 {what} string, got {type(value).__name__}")
    return value


def parse_instant(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    return _instant(_require_str(value, "date or datetime"))


# Events repeat their dates and times (a day's events share a date, a batch's a recording
# minute): a parse costs microseconds, a hit a dict look-up, and half the texts of a national
# stream were hits already with a few thousand kept. A datetime is immutable, and a text that
# does not parse raises anew each time (exceptions are not cached).
@lru_cache(maxsize=1 << 12)
def _instant(value: str) -> datetime:
    text = value.strip()
    try:
        if len(text) == 10:
            parsed = datetime.combine(date.fromisoformat(text), time())
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"cannot parse {text!r} as an ISO 8601 date or datetime") from None
    _within_bounds(parsed.date(), text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=LOCAL_TZ)
    return parsed.astimezone(UTC)


def _parse_datetime(value: Any) -> Any:
    if isinstance(value, str) and len(value.strip()) == 10:
        raise ValueError(f"must be a datetime, got the date {value!r}")
    return parse_instant(value)


def _parse_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    text = _require_str(value, "date").strip()
    try:
        day = date.fromisoformat(text) if len(text) == 10 else _fail_date(text)
    except ValueError:
        raise ValueError(f"cannot parse {text!r} as an ISO 8601 date (YYYY-MM-DD)") from None
    _within_bounds(day, text)
    return day


def _fail_date(text: str) -> date:
    raise ValueError(text)


def _parse_month(value: Any) -> Any:
    text = _require_str(value, "month (YYYY-MM)").strip()
    try:
        first = date.fromisoformat(text + "-01")
    except ValueError:
        raise ValueError(f"cannot parse {text!r} as a month (YYYY-MM)") from None
    if len(text) != 7:
        raise ValueError(f"cannot parse {text!r} as a month (YYYY-MM)")
    _within_bounds(first, text)
    return text


# Instants are normalised to UTC; the JSON Schema says what producers may send.
Instant = Annotated[
    datetime,
    BeforeValidator(parse_instant),
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [{"format": "date"}, {"format": "date-time"}],
            "description": "ISO 8601; a date or offset-less time is Europe/Copenhagen",
        }
    ),
]
DateTime = Annotated[
    datetime,
    BeforeValidator(_parse_datetime),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
Day = Annotated[
    date, BeforeValidator(_parse_date), WithJsonSchema({"type": "string", "format": "date"})
]
Month = Annotated[
    str,
    BeforeValidator(_parse_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}),
]
NonEmpty = Annotated[str, Field(min_length=1)]
Step = Annotated[int, Field(ge=0, le=5)]
Money = Annotated[float, Field(ge=0, allow_inf_nan=False)]

NotificationSource = Literal[
    "school",
    "daycare",
    "health_visitor",
    "dental_care",
    "police",
    "hospital",
    "parent",
    "anonymous",
    "other",
]
AssessmentOutcome = Literal[
    "no_action", "advice", "preventive_measure", "investigation", "acute_measure"
]
DecisionKind = Literal[
    "investigation_opened",
    "investigation_closed",
    "measure_granted",
    "placement_voluntary",
    "placement_involuntary",
    "measure_ended",
    "other",
]
MeasureType = Literal[
    "universal_prevention",
    "preventive_measure",
    "parent_training",
    "contact_person",
    "family_treatment",
    "respite_care",
    "mst",
    "fft",
    "own_room",
    "boarding_school",
    "supported_housing",
    "network_foster_care",
    "foster_family",
    "special_foster_family",
    "residential_institution",
    "social_pedagogical_home",
    "secure_institution",
]
MoveReason = Literal[
    "planned",
    "goal_reached",
    "breakdown",
    "turned_18",
    "aftercare",
    "moved_municipality",
    "escalation",
    "other",
]
Channel = Literal["in_person", "phone", "video"]
Informant = Literal["teacher", "parent", "self"]

EVENT_TYPES = (
    "case.opened",
    "case.transferred",
    "case.closed",
    "notification.received",
    "notification.assessed",
    "decision.made",
    "ladder.moved",
    "followup.held",
    "placement.broke_down",
    "complaint.received",
    "complaint.resolved",
    "cost.booked",
    "wellbeing.assessed",
    "event.retracted",
)
# Free-text fields: the only places a caseworker's typing can carry a CPR number in.
FREE_TEXT_FIELDS = {
    ("notification.received", "concern"),
    ("case.closed", "reason"),
    ("complaint.received", "subject"),
    ("event.retracted", "reason"),
}


class Payload(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class CaseOpened(Payload):
    district: NonEmpty
    team: NonEmpty
    birth_date: Day | None = None
    birth_month: Month | None = None

    @model_validator(mode="after")
    def _birth(self) -> CaseOpened:
        if self.birth_date is None and self.birth_month is None:
            raise ValueError("birth_date or birth_month is required")
        return self


class CaseTransferred(Payload):
    district: NonEmpty
    team: NonEmpty
    caseworker_id: NonEmpty


class CaseClosed(Payload):
    reason: NonEmpty


class NotificationReceived(Payload):
    notification_id: NonEmpty
    source: NotificationSource
    concern: str | None = None


class NotificationAssessed(Payload):
    notification_id: NonEmpty
    acute: bool
    outcome: AssessmentOutcome


class DecisionMade(Payload):
    decision_id: NonEmpty
    kind: DecisionKind
    legal_basis: NonEmpty
    measure_id: NonEmpty | None = None


class LadderMoved(Payload):
    measure_id: NonEmpty
    from_step: Step | None
    to_step: Step | None
    measure_type: MeasureType | None
    provider_id: NonEmpty | None = None
    daily_cost_dkk: Money | None = None
    short_term: bool = False
    reason: MoveReason

    @model_validator(mode="after")
    def _entry_needs_type(self) -> LadderMoved:
        if self.to_step is not None and self.measure_type is None:
            raise ValueError("measure_type is required when to_step is set")
        if self.from_step is None and self.to_step is None:
            raise ValueError("from_step and to_step cannot both be null")
        return self


class FollowupHeld(Payload):
    measure_id: NonEmpty
    child_conversation: bool
    action_plan_reviewed: bool
    channel: Channel
    statutory: bool
    next_due: Day | None = None


class PlacementBrokeDown(Payload):
    measure_id: NonEmpty
    initiated_by: Literal["child", "placement_site"]


class ComplaintReceived(Payload):
    complaint_id: NonEmpty
    team: NonEmpty
    subject: NonEmpty


class ComplaintResolved(Payload):
    complaint_id: NonEmpty
    upheld: bool


class CostBooked(Payload):
    measure_id: NonEmpty
    amount_dkk: Money
    period_start: Day
    period_end: Day

    @model_validator(mode="after")
    def _period(self) -> CostBooked:
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


SdqSubscale = Annotated[int, Field(ge=0, le=10)]


class WellbeingAssessed(Payload):
    instrument: Literal["SDQ"]
    informant: Informant
    total_difficulties: Annotated[int, Field(ge=0, le=40)]
    emotional: SdqSubscale | None = None
    conduct: SdqSubscale | None = None
    hyperactivity: SdqSubscale | None = None
    peer: SdqSubscale | None = None
    prosocial: SdqSubscale | None = None


class EventRetracted(Payload):
    retracts_event_id: NonEmpty
    reason: NonEmpty


PAYLOADS: dict[str, type[Payload]] = {
    "case.opened": CaseOpened,
    "case.transferred": CaseTransferred,
    "case.closed": CaseClosed,
    "notification.received": NotificationReceived,
    "notification.assessed": NotificationAssessed,
    "decision.made": DecisionMade,
    "ladder.moved": LadderMoved,
    "followup.held": FollowupHeld,
    "placement.broke_down": PlacementBrokeDown,
    "complaint.received": ComplaintReceived,
    "complaint.resolved": ComplaintResolved,
    "cost.booked": CostBooked,
    "wellbeing.assessed": WellbeingAssessed,
    "event.retracted": EventRetracted,
}
assert tuple(PAYLOADS) == EVENT_TYPES


class Envelope(BaseModel):
    """The fields every event carries. `payload` is checked against the event type's model."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    event_id: NonEmpty
    event_type: NonEmpty
    schema_version: Annotated[int, Field(ge=1)]
    occurred_at: Instant
    recorded_at: DateTime | None = None
    municipality: Annotated[str, Field(pattern=r"^[0-9]{3}$")]
    case_id: NonEmpty
    child_id: NonEmpty | None = None
    cpr: str | None = None
    caseworker_id: NonEmpty | None = None
    payload: dict[str, Any]


def _event_model(event_type: str, payload_model: type[Payload]) -> type[BaseModel]:
    """A JSON-Schema-able model for one event type (used to generate the schema files)."""
    name = "".join(part.capitalize() for part in event_type.replace("_", ".").split(".")) + "Event"
    return type(
        name,
        (Envelope,),
        {
            "__annotations__": {"event_type": Literal[event_type], "payload": payload_model},
            "__doc__": f"A `{event_type}` event, schema version 1.",
        },
    )


EVENT_MODELS: dict[str, type[BaseModel]] = {t: _event_model(t, p) for t, p in PAYLOADS.items()}
# The union of the event models, discriminated by event_type: built at runtime, so to mypy a
# value, not a type.
Event: Any = Annotated[Union[tuple(EVENT_MODELS.values())], Field(discriminator="event_type")]  # noqa: UP007
