"""A parent that has not come in three months is not late, it is missing: the feed's owner must
send it or retract the held event. Until then the quarantine blocks publishing."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "No event has been held in the quarantine for more than "
        f"{c.quarantine_critical_days:g} days (since its recorded_at, at the "
        "build's as-of time; TRAPPE_QUARANTINE_CRITICAL_DAYS)."
    ),
    sql=lambda c: (
        f"""SELECT event_id, any_value(event_type) AS event_type,
                             any_value(case_id) AS case_id, max(age_days) AS age_days,
                             string_agg(DISTINCT "check", ',') AS checks
                      FROM quarantine GROUP BY event_id
                      HAVING max(age_days) > {float(c.quarantine_critical_days)}
                      ORDER BY age_days DESC, event_id"""
    ),
    requires=("quarantine",),
    unit="events",
    stage=9,
    fires=("orphan_waiting_120_days", "bad_event_never_retracted"),
    passes=("clean", "orphan_waiting_45_days"),
)
