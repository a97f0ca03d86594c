"""Valid contract events for ingestion tests and the ingestion benchmark.

Small and deterministic (seeded): a case opens, gets a notification, moves up the ladder and
is followed up. Not the simulator: the point is exercising the contract, not realism.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import date, timedelta

MEASURE_TYPES = [
    ("preventive_measure", 1),
    ("family_treatment", 2),
    ("network_foster_care", 3),
    ("foster_family", 4),
    ("residential_institution", 5),
]


def _event_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _event(rng: random.Random, event_type: str, case: int, day: date, payload: dict) -> dict:
    return {
        "event_id": _event_id(rng),
        "event_type": event_type,
        "schema_version": 1,
        "occurred_at": day.isoformat(),
        "recorded_at": f"{(day + timedelta(days=1)).isoformat()}T09:{case % 60:02d}:00+01:00",
        "municipality": "657",
        "case_id": f"C-{case:06d}",
        "child_id": f"K-{case:06d}",
        "caseworker_id": f"W-{case % 40:02d}",
        "payload": payload,
    }


def case_events(case: int, rng: random.Random) -> list[dict]:
    day = date(2014, 1, 1) + timedelta(days=rng.randrange(3000))
    events = [
        _event(
            rng,
            "case.opened",
            case,
            day,
            {
                "district": rng.choice(["Sdr. Felding", "Vildbjerg", "Gullestrup"]),
                "team": rng.choice(["pilot", "standard"]),
                "birth_month": f"{rng.randrange(2000, 2015)}-{rng.randrange(1, 13):02d}",
            },
        )
    ]
    day += timedelta(days=3)
    events.append(
        _event(
            rng,
            "notification.received",
            case,
            day,
            {
                "notification_id": f"N-{case}",
                "source": rng.choice(["school", "police", "parent"]),
                "concern": "bekymring for trivsel",
            },
        )
    )
    step = None
    for m in range(rng.randrange(1, 4)):
        measure_type, new_step = rng.choice(MEASURE_TYPES)
        day += timedelta(days=rng.randrange(10, 200))
        events.append(
            _event(
                rng,
                "ladder.moved",
                case,
                day,
                {
                    "measure_id": f"M-{case}-{m}",
                    "from_step": step,
                    "to_step": new_step,
                    "measure_type": measure_type,
                    "provider_id": "P-1",
                    "daily_cost_dkk": 1200.0,
                    "short_term": False,
                    "reason": "escalation",
                },
            )
        )
        step = new_step
        day += timedelta(days=30)
        events.append(
            _event(
                rng,
                "followup.held",
                case,
                day,
                {
                    "measure_id": f"M-{case}-{m}",
                    "child_conversation": True,
                    "action_plan_reviewed": rng.random() < 0.8,
                    "channel": "in_person",
                    "statutory": True,
                },
            )
        )
    return events


def valid_events(n: int, seed: int = 7) -> list[dict]:
    """At least n events (cut to exactly n), each case's events in order."""
    rng = random.Random(seed)
    out: list[dict] = []
    case = 0
    while len(out) < n:
        out.extend(case_events(case, rng))
        case += 1
    return out[:n]


def to_lines(events: list[dict]) -> list[bytes]:
    return [json.dumps(e, ensure_ascii=False).encode("utf-8") for e in events]


# A CPR-like number for the tests: the lake, the logs and the dead-letter topic must never
# hold it in clear.
TEST_CPR = "010203-1234"


def with_cpr(event: dict) -> dict:
    """The event as a case system sends it: the child named by CPR, not by pseudonym."""
    out = {k: v for k, v in event.items() if k != "child_id"}
    out["cpr"] = TEST_CPR
    return out


def bad_records(template: dict) -> list[tuple[bytes, str, str | None]]:
    """(line, expected error code, expected field) for each kind of bad input the contract names.

    `template` is a valid `notification.received` event to derive well-formed-but-wrong ones.
    """

    def variant(i: int, **changes) -> dict:
        event = json.loads(json.dumps(template))
        event["event_id"] = f"bad-{i}"
        for key, value in changes.items():
            if key == "payload":
                event["payload"].update(value)
            elif value is None:
                event.pop(key)
            else:
                event[key] = value
        return event

    def line(event) -> bytes:
        return json.dumps(event, ensure_ascii=False).encode("utf-8")

    return [
        (b'{"event_id": "bad-0", "event_type": "case.opened"', "malformed_json", None),
        (b"\xff\xfe not utf-8", "malformed_json", None),
        (b"[1, 2, 3]", "not_an_object", None),
        (line(variant(3, event_type="case.reopened")), "unknown_event_type", "event_type"),
        (
            line(variant(4, payload={"concern": f"mor oplyser cpr {TEST_CPR}"})),
            "cpr_in_text",
            "payload.concern",
        ),
        (line(variant(5, payload={"source": "neighbour"})), "invalid_value", "payload.source"),
        (line(variant(6, municipality=None)), "missing_field", "municipality"),
        (line(variant(7, occurred_at="2014-13-45")), "invalid_date", "occurred_at"),
        (line(variant(8, schema_version="1")), "wrong_type", "schema_version"),
    ]


def scenario(
    n_valid: int, seed: int = 7
) -> tuple[list[bytes], set[str], list[tuple[str, str | None]]]:
    """A stream with every case the contract names: valid events (one carrying a CPR, a case
    sent in reverse order), one duplicate, and the bad records.

    Returns (lines, the event_ids bronze must hold, [(code, field)] dead letters must hold).
    """
    events = valid_events(n_valid, seed)
    events[0] = with_cpr(events[0])
    first_case = [e for e in events if e["case_id"] == events[0]["case_id"]]
    rest = [e for e in events if e["case_id"] != events[0]["case_id"]]
    ordered = list(reversed(first_case)) + rest  # late and out of order: still valid
    template = next(e for e in events if e["event_type"] == "notification.received")
    lines = to_lines(ordered)
    bad = bad_records(template)
    # spread the bad records and one duplicate through the stream
    for i, (raw, _, _) in enumerate(bad):
        lines.insert((i + 1) * len(lines) // (len(bad) + 2), raw)
    lines.insert(len(lines) // 3, to_lines([events[5]])[0])
    return lines, {e["event_id"] for e in events}, [(code, field) for _, code, field in bad]
