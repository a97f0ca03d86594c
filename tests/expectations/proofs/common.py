"""Helpers the proof fixtures share: the clean lake, and one-line edits of its events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.expectations.quality_lake import LOCAL, LakeSpec, event


def clean(spec: LakeSpec) -> None:
    """The consistent lake of quality_lake, unchanged."""


def find(spec: LakeSpec, event_id: str) -> dict:
    return next(e for e in spec.events if e["event_id"] == event_id)


def redate(spec: LakeSpec, event_id: str, day: str) -> dict:
    """Move an event to another day (occurred and recorded as quality_lake.event dates them)."""
    e = find(spec, event_id)
    moved = event(e["event_id"], e["event_type"], day, e["case_id"], e["payload"], e["child_id"])
    e["occurred_at"], e["recorded_at"] = moved["occurred_at"], moved["recorded_at"]
    return e


def record_on(spec: LakeSpec, event_id: str, day: str) -> dict:
    """Record an event (later or earlier) on `day`, 12:00 Copenhagen."""
    e = find(spec, event_id)
    e["recorded_at"] = local(day, 12)
    return e


def local(day: str, hour: int = 0) -> datetime:
    start = datetime.fromisoformat(day).replace(tzinfo=LOCAL)
    return (start + timedelta(hours=hour)).astimezone(UTC)


def retract(spec: LakeSpec, event_id: str, day: str, retraction_id: str = "E-R1") -> None:
    target = find(spec, event_id)
    spec.events.append(
        event(
            retraction_id,
            "event.retracted",
            day,
            target["case_id"],
            {"retracts_event_id": event_id, "reason": "registreret ved en fejl"},
        )
    )


def move(event_id: str, day: str, case_id: str, measure_id: str, **payload) -> dict:
    """A ladder.moved onto a contact person (step 1) unless told otherwise."""
    body = {
        "measure_id": measure_id,
        "from_step": None,
        "to_step": 1,
        "measure_type": "contact_person",
        "provider_id": "P-1",
        "daily_cost_dkk": 300.0,
        "short_term": False,
        "reason": "escalation",
    }
    body.update(payload)
    return event(event_id, "ladder.moved", day, case_id, body)


def followup(event_id: str, day: str, case_id: str, measure_id: str, **payload) -> dict:
    body = {
        "measure_id": measure_id,
        "child_conversation": True,
        "action_plan_reviewed": True,
        "channel": "in_person",
        "statutory": True,
        "next_due": None,
    }
    body.update(payload)
    return event(event_id, "followup.held", day, case_id, body)


def notification(event_id: str, day: str, case_id: str) -> dict:
    return event(
        event_id,
        "notification.received",
        day,
        case_id,
        {"notification_id": "N-" + event_id, "source": "school", "concern": None},
    )


def orphan(spec: LakeSpec, recorded_on: str, event_id: str = "E-99") -> str:
    """A move of a case whose case.opened is never recorded, recorded on `recorded_on`."""
    spec.events.append(move(event_id, recorded_on, "C-404", "M-9"))
    return event_id
