"""Independent, plain-Python measurements of a simulated event stream, used by the tests.

Deliberately shares no code with the simulator: it reads the lines as a consumer would, drops
exact duplicates and retracted events, builds measure episodes per case from `ladder.moved`
(docs/kpis.md "Shared definitions") and counts child-years per period and placement category.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"

# docs/event-contract.md, "Measure types": placement category per measure type
CATEGORY = {
    "own_room": "home_based_placement",
    "boarding_school": "home_based_placement",
    "supported_housing": "home_based_placement",
    "network_foster_care": "family_foster_care",
    "foster_family": "family_foster_care",
    "special_foster_family": "family_foster_care",
    "residential_institution": "institution",
    "social_pedagogical_home": "institution",
    "secure_institution": "institution",
}


def district_groups() -> dict[tuple[str, str], str]:
    with open(SEEDS / "district_groups.csv", encoding="utf-8") as f:
        return {(r["municipality"], r["district"]): r["district_group"] for r in csv.DictReader(f)}


def parse_events(lines: list[str]) -> list[dict]:
    """Valid-looking events, first copy of each event_id, retracted ones removed."""
    seen: set[str] = set()
    events = []
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event_id") in seen:
            continue
        seen.add(event.get("event_id"))
        events.append(event)
    retracted = {
        e["payload"]["retracts_event_id"] for e in events if e["event_type"] == "event.retracted"
    }
    return [e for e in events if e["event_id"] not in retracted]


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def episodes(events: list[dict]) -> list[tuple[str, str, date, date | None]]:
    """(case_id, measure_type, start, end exclusive or None) for every episode."""
    moves = defaultdict(list)
    for e in events:
        if e["event_type"] == "ladder.moved":
            moves[e["case_id"]].append((_day(e["occurred_at"]), e["recorded_at"], e["payload"]))
    result = []
    for case_id, case_moves in moves.items():
        case_moves.sort(key=lambda m: (m[0], m[1]))
        for i, (start, _, payload) in enumerate(case_moves):
            if payload["to_step"] is None:
                continue
            end = case_moves[i + 1][0] if i + 1 < len(case_moves) else None
            result.append((case_id, payload["measure_type"], start, end))
    return result


def case_groups(events: list[dict]) -> dict[str, str]:
    groups = district_groups()
    return {
        e["case_id"]: groups[(e["municipality"], e["payload"]["district"])]
        for e in events
        if e["event_type"] == "case.opened"
    }


def child_years(events: list[dict], first: date, last: date) -> dict[tuple[str, str], float]:
    """Child-years in [first, last] by (district group, category), plus (group, 'placed')."""
    groups = case_groups(events)
    days = (last - first).days + 1
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for case_id, measure_type, start, end in episodes(events):
        category = CATEGORY.get(measure_type)
        if category is None:
            continue
        lo = max(start, first)
        hi = min(end - timedelta(days=1), last) if end else last
        covered = (hi - lo).days + 1
        if covered > 0:
            totals[(groups[case_id], category)] += covered / days
            totals[(groups[case_id], "placed")] += covered / days
    return dict(totals)
