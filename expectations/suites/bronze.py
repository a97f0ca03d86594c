"""Bronze and ingestion: every record accounted for, envelopes whole, no CPR anywhere."""

from __future__ import annotations

from expectations.checks import (
    CPR_REGEX_SQL,
    CRITICAL,
    PSEUDONYM_REGEX_SQL,
    WARNING,
    Check,
    sql_list,
    without_uuids,
)
from expectations.config import QualityConfig
from trappe.contract import CURRENT_SCHEMA_VERSION, EVENT_TYPES
from trappe.contract.models import FREE_TEXT_FIELDS

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
# Where a CPR number could hide, read by the contract's one rule (trappe/contract/cpr.py): any
# CPR-like number but the digits of a canonical UUID; the free-text fields again, for the label.
PSEUDONYM_OR_NULL = (
    f"CASE WHEN regexp_matches(child_id, {PSEUDONYM_REGEX_SQL}) THEN NULL ELSE child_id END"
)
BRONZE_CPR_PLACES = (
    *(
        (without_uuids(column), column, CPR_REGEX_SQL)
        for column in ("event_id", "case_id", "caseworker_id", "municipality", "payload_json")
    ),
    (without_uuids(PSEUDONYM_OR_NULL), "child_id", CPR_REGEX_SQL),
    *(
        (
            without_uuids(f"json_extract_string(payload_json, '$.{field}')"),
            f"payload.{field}",
            CPR_REGEX_SQL,
        )
        for field in sorted({name for _, name in FREE_TEXT_FIELDS})
    ),
)
# dead letters are masked with the free-text rule throughout, so they are read by it
DEADLETTER_CPR_PLACES = tuple(
    (c, c, CPR_REGEX_SQL) for c in ("raw", "reason", "error_field", "event_id")
)


def _masked(column: str) -> str:
    # examples end up in messages and result files: they must never carry the number itself
    return f"regexp_replace({column}, {CPR_REGEX_SQL}, '[CPR]', 'g')"


def _cpr_in(places: tuple[tuple[str, str, str], ...], table: str) -> str:
    """Rows with a CPR-like number in any of the places (expression, label, regex).

    Places read by the same rule are joined by '|' (a non-digit, non-hex separator), so one
    regex per rule and row decides; the per-place labels are computed for matching rows only.
    """
    by_rule: dict[str, list[str]] = {}
    for expression, _, regex in places:
        by_rule.setdefault(regex, []).append(expression)
    hit = " OR ".join(
        f"regexp_matches(concat_ws('|', {', '.join(expressions)}), {regex})"
        for regex, expressions in by_rule.items()
    )
    labels = ", ".join(
        f"CASE WHEN regexp_matches(coalesce({expression}, ''), {regex}) THEN '{label}' END"
        for expression, label, regex in places
    )
    return (
        f"SELECT {_masked('event_id')} AS event_id, ingest_run_id, "
        f"concat_ws(',', {labels}) AS columns FROM {table} WHERE {hit}"
    )


def checks(config: QualityConfig) -> list[Check]:
    future = f"INTERVAL {float(config.future_tolerance_hours)} HOUR"
    recorded_tolerance = f"INTERVAL {float(config.recorded_before_occurred_tolerance_hours)} HOUR"
    earliest = f"TIMESTAMPTZ '{config.earliest_date.isoformat()} 00:00:00+00'"
    null_hit = " OR ".join(f"{c} IS NULL" for c in REQUIRED_ENVELOPE)
    null_label = ", ".join(f"CASE WHEN {c} IS NULL THEN '{c}' END" for c in REQUIRED_ENVELOPE)
    return [
        Check(
            "bronze.ingest_runs_reconcile",
            CRITICAL,
            "Every ingest run accounts for each record it read: read = written + duplicates + "
            "dead letters, and the dead letters by reason add up to the total.",
            """SELECT run_id, status, read, written, duplicates, dead_letters,
                      dead_letters_by_reason_total
               FROM ingest_runs
               WHERE read IS NULL OR written IS NULL OR duplicates IS NULL OR dead_letters IS NULL
                  OR read <> written + duplicates + dead_letters
                  OR dead_letters <> coalesce(dead_letters_by_reason_total, dead_letters)""",
            requires=("ingest_runs",),
            unit="runs",
        ),
        Check(
            "bronze.ingest_runs_match_lake",
            CRITICAL,
            "The bronze rows and dead letters in the lake per ingest run equal what the run "
            "says it wrote, and every bronze row belongs to a recorded run.",
            """WITH b AS (SELECT ingest_run_id AS run_id, count(*) AS bronze_rows
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
        ),
        Check(
            "bronze.envelope_not_null",
            CRITICAL,
            f"Required envelope fields are present: {', '.join(REQUIRED_ENVELOPE)}.",
            f"""SELECT event_id, source_file, source_line, source_offset,
                       concat_ws(',', {null_label}) AS null_fields
                FROM bronze_events WHERE {null_hit}""",
            requires=("bronze_events",),
        ),
        Check(
            "bronze.event_type_known",
            CRITICAL,
            "event_type is one of the contract's event types.",
            f"""SELECT event_id, event_type FROM bronze_events
                WHERE event_type NOT IN {sql_list(EVENT_TYPES)}""",
            requires=("bronze_events",),
        ),
        Check(
            "bronze.schema_version_known",
            CRITICAL,
            f"schema_version is one the platform can upcast (1 to {CURRENT_SCHEMA_VERSION}).",
            f"""SELECT event_id, schema_version FROM bronze_events
                WHERE schema_version NOT BETWEEN 1 AND {CURRENT_SCHEMA_VERSION}""",
            requires=("bronze_events",),
        ),
        Check(
            "bronze.dates_in_range",
            CRITICAL,
            f"occurred_at and recorded_at lie between {config.earliest_date} and the ingestion "
            f"time plus {config.future_tolerance_hours:g} h.",
            f"""SELECT event_id, occurred_at, recorded_at, ingested_at FROM bronze_events
                WHERE occurred_at < {earliest} OR recorded_at < {earliest}
                   OR occurred_at > ingested_at + {future}
                   OR recorded_at > ingested_at + {future}""",
            requires=("bronze_events",),
        ),
        Check(
            "bronze.recorded_not_before_occurred",
            WARNING,
            "recorded_at is not before occurred_at by more than "
            f"{config.recorded_before_occurred_tolerance_hours:g} h (a source clock or a "
            "back-dated record).",
            f"""SELECT event_id, occurred_at, recorded_at FROM bronze_events
                WHERE recorded_at < occurred_at - {recorded_tolerance}""",
            requires=("bronze_events",),
        ),
        Check(
            "bronze.no_cpr",
            CRITICAL,
            "No CPR-like number in bronze payloads or identifiers (the lake never holds a CPR).",
            _cpr_in(BRONZE_CPR_PLACES, "bronze_events"),
            requires=("bronze_events",),
        ),
        Check(
            "bronze.no_cpr_in_dead_letters",
            CRITICAL,
            "Dead letters hold raw records with CPR-like numbers masked.",
            _cpr_in(DEADLETTER_CPR_PLACES, "deadletters"),
            requires=("deadletters",),
        ),
    ]
