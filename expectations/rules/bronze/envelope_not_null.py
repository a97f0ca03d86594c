"""An event without a required envelope field cannot be placed: held, unless it has no event_id
to hold it by."""

from expectations.rules import CRITICAL, Rule

REQUIRED_ENVELOPE = (
    "event_id",
    "event_type",
    "schema_version",
    "occurred_at",
    "recorded_at",
    "municipality",
    "case_id",
    "payload_json",
    "source_kind",
    "ingested_at",
    "ingest_run_id",
)
_HIT = " OR ".join(f"{c} IS NULL" for c in REQUIRED_ENVELOPE)
_LABEL = ", ".join(f"CASE WHEN {c} IS NULL THEN '{c}' END" for c in REQUIRED_ENVELOPE)

RULE = Rule(
    severity=CRITICAL,
    description=f"Required envelope fields are present: {', '.join(REQUIRED_ENVELOPE)}.",
    sql=f"""SELECT event_id, source_file, source_line, source_offset,
                   concat_ws(',', {_LABEL}) AS null_fields
            FROM visible_bronze WHERE {_HIT}""",
    requires=("visible_bronze",),
    holds=True,
    hold_reason="an envelope field is missing",
    fires=("case_id_missing", "event_id_missing"),
    passes=("clean",),
)
