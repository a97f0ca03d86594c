"""An ingest run that cannot account for a record it read has lost it: nothing to hold, so it
blocks until ingestion is repaired."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description="Every ingest run accounts for each record it read: read = written + duplicates "
    "+ dead letters, and the dead letters by reason add up to the total.",
    sql="""SELECT run_id, status, read, written, duplicates, dead_letters,
                  dead_letters_by_reason_total
           FROM ingest_runs
           WHERE read IS NULL OR written IS NULL OR duplicates IS NULL OR dead_letters IS NULL
              OR read <> written + duplicates + dead_letters
              OR dead_letters <> coalesce(dead_letters_by_reason_total, dead_letters)""",
    requires=("ingest_runs",),
    unit="runs",
    fires=("read_more_than_accounted_for", "dead_letters_by_reason_disagree"),
    passes=("clean",),
)
