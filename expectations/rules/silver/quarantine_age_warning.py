"""Held events wait for a parent or a retraction; one that waits long is worth a look."""

from expectations.rules import WARNING, Rule
from expectations.rules.silver._sql import held_longer_than

RULE = Rule(
    severity=WARNING,
    description=lambda c: (
        "No event has been held in the quarantine for more than "
        f"{c.quarantine_warning_days:g} days (since its recorded_at, at the "
        "build's as-of time; TRAPPE_QUARANTINE_WARNING_DAYS)."
    ),
    sql=lambda c: held_longer_than(c.quarantine_warning_days),
    requires=("quarantine",),
    unit="events",
    stage=9,
    fires=("orphan_waiting_45_days",),
    passes=("clean", "orphan_waiting_10_days"),
)
