"""The quarantine is for the odd late or bad event. When it swallows a large share of the feed
(a lost stream of case.opened, a band set wrong), publishing would show marts with holes:
blocked."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "The quarantine holds at most "
        f"{c.quarantine_max_share:.0%} of the events a build reads (or fewer "
        f"than {c.quarantine_share_floor})."
    ),
    sql=lambda c: (
        f"""SELECT held, events, round(100.0 * held / greatest(events, 1), 1) AS percent
        FROM (SELECT (SELECT count(DISTINCT event_id) FROM quarantine) AS held,
                     (SELECT count(*) FROM visible_events) AS events)
        WHERE held >= {int(c.quarantine_share_floor)}
          AND held > {float(c.quarantine_max_share)} * events"""
    ),
    requires=("quarantine", "visible_events"),
    unit="builds",
    stage=9,
    fires=("every_case_opened_lost",),
    passes=("clean", "many_orphans_in_a_large_feed"),
)
