"""Deduplication is the transformation's guarantee; duplicates mean it broke, and no quarantine
can tell which copy is right: it blocks."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description="Each event_id appears once in silver/events (deduplication held).",
    sql="""SELECT event_id, count(*) AS copies FROM silver_events
           GROUP BY event_id HAVING count(*) > 1""",
    requires=("silver_events",),
    unit="event_ids",
    fires=("two_copies_in_silver",),
    passes=("clean",),
)
