"""Where a CPR number could hide in bronze and the dead letters, read by the contract's one rule
(trappe/contract/cpr.py): any CPR-like number but the digits of a canonical UUID."""

from __future__ import annotations

from expectations.checks import CPR_REGEX_SQL, PSEUDONYM_REGEX_SQL, without_uuids
from trappe.contract.models import FREE_TEXT_FIELDS

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


def masked(column: str) -> str:
    # examples end up in messages and result files: they must never carry the number itself
    return f"regexp_replace({column}, {CPR_REGEX_SQL}, '[CPR]', 'g')"


def cpr_in(places: tuple[tuple[str, str, str], ...], table: str, *, holdable: bool) -> str:
    """Rows with a CPR-like number in any of the places (expression, label, regex).

    Places read by the same rule are joined by '|' (a non-digit, non-hex separator), so one
    regex per rule and row decides; the per-place labels are computed for matching rows only.
    `holdable`: the first column is the event_id the quarantine can hold, null when the id
    itself carries the number (the quarantine never writes one down, so it cannot hold it).
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
    first = (
        f"CASE WHEN regexp_matches(coalesce({without_uuids('event_id')}, ''), "
        f"{CPR_REGEX_SQL}) THEN NULL ELSE event_id END AS event_id, "
        f"{masked('event_id')} AS event_label"
        if holdable
        else f"{masked('event_id')} AS event_id"
    )
    return (
        f"SELECT {first}, ingest_run_id, concat_ws(',', {labels}) AS columns "
        f"FROM {table} WHERE {hit}"
    )
