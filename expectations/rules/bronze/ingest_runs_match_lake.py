"""What a run says it wrote must be in the lake: a missing or extra batch blocks."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description="The bronze rows and dead letters in the lake per ingest run equal what the run "
    "says it wrote, and every bronze row belongs to a recorded run.",
    sql="""WITH b AS (SELECT ingest_run_id AS run_id, count(*) AS bronze_rows
                      FROM bronze_events GROUP BY ALL),
                d AS (SELECT ingest_run_id AS run_id, count(*) AS dead_letter_rows
                      FROM deadletters GROUP BY ALL)
           SELECT run_id, r.written, coalesce(b.bronze_rows, 0) AS bronze_rows,
                  r.dead_letters, coalesce(d.dead_letter_rows, 0) AS dead_letter_rows
           FROM ingest_runs r FULL JOIN b USING (run_id) FULL JOIN d USING (run_id)
           WHERE r.run_id IS NULL
              OR coalesce(r.written, -1) <> coalesce(b.bronze_rows, 0)
              OR coalesce(r.dead_letters, -1) <> coalesce(d.dead_letter_rows, 0)""",
    requires=("bronze_events", "ingest_runs"),
    unit="runs",
    fires=("run_claims_more_than_bronze_holds", "bronze_rows_of_an_unrecorded_run"),
    passes=("clean",),
)
