"""A parent that has not come in three months is not late, it is missing: the feed's owner must
send it or retract the held event. Until then the quarantine blocks publishing."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.silver._sql import held_longer_than

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "No event has been held in the quarantine for more than "
        f"{c.quarantine_critical_days:g} days (since its recorded_at, at the "
        "build's as-of time; TRAPPE_QUARANTINE_CRITICAL_DAYS)."
    ),
    sql=lambda c: held_longer_than(c.quarantine_critical_days),
    requires=("quarantine",),
    unit="events",
    stage=9,
    fires=("orphan_waiting_120_days", "bad_event_never_retracted"),
    passes=("clean", "orphan_waiting_45_days"),
)
