"""A record dated before the event happened points at a source clock: flagged, not held (the
event itself may be right)."""

from expectations.rules import WARNING, Rule

RULE = Rule(
    severity=WARNING,
    description=lambda c: (
        "recorded_at is not before occurred_at by more than "
        f"{c.recorded_before_occurred_tolerance_hours:g} h (a source clock or "
        "a back-dated record)."
    ),
    sql=lambda c: (
        f"""SELECT event_id, occurred_at, recorded_at FROM bronze_events
        WHERE recorded_at < occurred_at
                            - INTERVAL {float(c.recorded_before_occurred_tolerance_hours)} HOUR"""
    ),
    requires=("bronze_events",),
    fires=("recorded_two_days_before_it_occurred",),
    passes=("clean", "recorded_an_hour_before_it_occurred"),
)
