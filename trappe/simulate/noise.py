"""The imperfections of a real feed, added on purpose: records the contract must reject.

Each bad record is an extra line beside the valid event it was made from (with its own
event_id), so the valid history stays complete and every rejection can be counted.
"""

from __future__ import annotations

import json
import random

# kind -> weight; the kinds map onto the validator's error codes (docs/event-contract.md)
BAD_KINDS = {
    "malformed_json": 0.25,
    "unknown_event_type": 0.15,
    "invalid_value": 0.25,
    "invalid_date": 0.10,
    "missing_field": 0.10,
    "cpr_in_text": 0.15,
}
_KINDS = tuple(BAD_KINDS)
_WEIGHTS = tuple(BAD_KINDS.values())
_UNKNOWN_TYPES = ("case.reopened", "ladder.move", "placement.started", "notification")
_BAD_STEPS = (6, 7, -1, 9)


def random_cpr(rng: random.Random) -> str:
    """A CPR-shaped number (DDMMYY-SSSS) with a real date, as a caseworker would type it."""
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 99)
    return f"{day:02d}{month:02d}{year:02d}-{rng.randint(0, 9999):04d}"


def corrupt(line: str, event_id: str, rng: random.Random) -> tuple[str, str]:
    """A bad record derived from a valid line: (kind, text)."""
    kind = rng.choices(_KINDS, _WEIGHTS)[0]
    if kind == "malformed_json":
        # a record cut short in transit: never parses, whatever the cut
        return kind, line[: rng.randint(10, max(11, len(line) - 2))]
    obj = json.loads(line)
    obj["event_id"] = event_id
    if kind == "unknown_event_type":
        obj["event_type"] = rng.choice(_UNKNOWN_TYPES)
    elif kind == "invalid_value":
        choice = rng.randrange(3)
        if choice == 0:
            obj["municipality"] = "Herning"
        elif choice == 1:
            obj["schema_version"] = 0
        else:
            obj["event_type"] = "ladder.moved"
            obj["payload"] = {
                "measure_id": "M-unknown",
                "from_step": None,
                "to_step": rng.choice(_BAD_STEPS),
                "measure_type": "foster_family",
                "short_term": False,
                "reason": "planned",
            }
    elif kind == "invalid_date":
        obj["occurred_at"] = rng.choice(("2014-02-30", "31-12-2014", "2015-13-01", "i går"))
    elif kind == "missing_field":
        obj.pop("case_id", None)
    else:  # cpr_in_text: a CPR number typed into the concern of a notification
        obj["event_type"] = "notification.received"
        obj["payload"] = {
            "notification_id": "N-" + event_id[:8],
            "source": "school",
            "concern": f"Bekymring for barn med cpr {random_cpr(rng)}, ses ofte alene",
        }
    return kind, json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
