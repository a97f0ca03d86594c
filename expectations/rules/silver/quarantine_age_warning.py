"""Held events wait for a parent or a retraction; one that waits long is worth a look."""

from expectations.rules import WARNING, Rule

RULE = Rule(
    severity=WARNING,
    description=lambda c: (
        "No event has been held in the quarantine for more than "
        f"{c.quarantine_warning_days:g} days (since its recorded_at, at the "
        "build's as-of time; TRAPPE_QUARANTINE_WARNING_DAYS)."
    ),
    sql=lambda c: (
        f"""SELECT event_id, any_value(event_type) AS event_type,
                             any_value(case_id) AS case_id, max(age_days) AS age_days,
                             string_agg(DISTINCT "check", ',') AS checks
                      FROM quarantine GROUP BY event_id
                      HAVING max(age_days) > {float(c.quarantine_warning_days)}
                      ORDER BY age_days DESC, event_id"""
    ),
    requires=("quarantine",),
    unit="events",
    stage=9,
    fires=("orphan_waiting_45_days",),
    passes=("clean", "orphan_waiting_10_days"),
)
