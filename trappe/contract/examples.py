"""One valid example event per type: documentation, test fixtures, a producer's starting point."""

from __future__ import annotations

import copy
from typing import Any

EXAMPLE_PAYLOADS: dict[str, dict[str, Any]] = {
    "case.opened": {"district": "Sdr. Felding", "team": "pilot", "birth_month": "2006-05"},
    "case.transferred": {"district": "Vildbjerg", "team": "pilot", "caseworker_id": "W-08"},
    "case.closed": {"reason": "goal reached"},
    "notification.received": {
        "notification_id": "N-1",
        "source": "school",
        "concern": "frequent absence",
    },
    "notification.assessed": {"notification_id": "N-1", "acute": False, "outcome": "investigation"},
    "decision.made": {
        "decision_id": "D-1",
        "kind": "measure_granted",
        "legal_basis": "SEL §52 stk. 3 nr. 7",
        "measure_id": "M-1",
    },
    "ladder.moved": {
        "measure_id": "M-1",
        "from_step": None,
        "to_step": 5,
        "measure_type": "residential_institution",
        "provider_id": "P-Toften",
        "daily_cost_dkk": 2650,
        "short_term": False,
        "reason": "escalation",
    },
    "followup.held": {
        "measure_id": "M-1",
        "child_conversation": True,
        "action_plan_reviewed": True,
        "channel": "in_person",
        "statutory": True,
        "next_due": "2014-04-15",
    },
    "placement.broke_down": {"measure_id": "M-1", "initiated_by": "placement_site"},
    "complaint.received": {"complaint_id": "K-1", "team": "pilot", "subject": "casework"},
    "complaint.resolved": {"complaint_id": "K-1", "upheld": False},
    "cost.booked": {
        "measure_id": "M-1",
        "amount_dkk": 82150.0,
        "period_start": "2014-03-01",
        "period_end": "2014-03-31",
    },
    "wellbeing.assessed": {"instrument": "SDQ", "informant": "teacher", "total_difficulties": 11},
    "event.retracted": {"retracts_event_id": "e-0", "reason": "registered on the wrong case"},
}


def example_event(event_type: str, event_id: str = "e-1", **overrides: Any) -> dict[str, Any]:
    """A valid event of `event_type` as a JSON-ready dict; `overrides` replace envelope fields."""
    event: dict[str, Any] = {
        "event_id": event_id,
        "event_type": event_type,
        "schema_version": 1,
        "occurred_at": "2014-03-01",
        "recorded_at": "2014-03-02T09:00:00+01:00",
        "municipality": "657",
        "case_id": "C-0001",
        "child_id": "K-0001",
        "caseworker_id": "W-07",
        "payload": copy.deepcopy(EXAMPLE_PAYLOADS[event_type]),
    }
    event.update(overrides)
    return event
