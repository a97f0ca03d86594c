"""Silver lagging bronze is normal between a run of ingestion and of the transformation: flagged."""

from expectations.rules import WARNING, Rule

RULE = Rule(
    severity=WARNING,
    description="Every bronze event_id reached silver (nothing lost between the layers).",
    sql="""SELECT DISTINCT b.event_id, b.event_type, b.ingest_run_id FROM bronze_events b
           ANTI JOIN silver_events s USING (event_id)""",
    requires=("silver_events", "bronze_events"),
    unit="event_ids",
    fires=("bronze_event_not_transformed",),
    passes=("clean",),
)
