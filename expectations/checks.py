"""A check: one rule, the SQL that finds the rows breaking it, and its severity.

Each check's query returns the violating rows (one row per violation, identifying columns
first). The runner counts them in DuckDB and keeps a few examples; Great Expectations then
validates the per-layer tally against each check's expectation (see `expectations.runner`).

A check that `holds` events returns the offending event's `event_id` first: the quarantine
(`expectations.quarantine`) keeps those events out of the marts, and only the rows it cannot
hold (no event_id) count against the check. The rules themselves, one per file, are in
`expectations.rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from expectations.config import CRITICAL, SEVERITIES, WARNING, QualityConfig
from trappe.contract.cpr import CPR_PATTERN, UUID_PATTERN

LAYERS = ("bronze", "silver", "marts")


@dataclass(frozen=True)
class Check:
    name: str  # "<layer>.<rule>"
    severity: str
    description: str
    sql: str
    # tables the query needs; when one is missing the check fails (fail closed) ...
    requires: tuple[str, ...] = ()
    # ... unless it is listed here: then the check does not apply (e.g. no earlier published build)
    applies_if: tuple[str, ...] = ()
    unit: str = "rows"
    # True: the events it finds are held in the quarantine (out of the marts) instead of
    # failing the check; only a finding without an event_id counts against it
    holds: bool = False
    hold_reason: str = ""  # why a held event waits, in the quarantine's words
    # the order the input checks run in: events held by an earlier stage are absent from the
    # `counting_*` views a later stage reads (orphans of a held case.opened are orphans too)
    stage: int = 1
    # the proof fixtures (tests/expectations/proofs/<layer>/<rule>.py) that make it fire / pass
    fires: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"check {self.name}: severity must be one of {SEVERITIES}")
        if self.layer not in LAYERS:
            raise ValueError(f"check {self.name}: name must start with one of {LAYERS}")

    @property
    def layer(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def rule(self) -> str:
        return self.name.split(".", 1)[1]


def with_overrides(checks: list[Check], config: QualityConfig) -> list[Check]:
    out = []
    for check in checks:
        severity = config.severity_overrides.get(check.name, check.severity)
        out.append(check if severity == check.severity else replace(check, severity=severity))
    return out


def re2(pattern: re.Pattern) -> str:
    """A contract CPR pattern in RE2 syntax (DuckDB has no look-around).

    A look-behind/-ahead for "not one of X" becomes "start or not X" / "not X or end": the same
    answer to whether a text contains a CPR-like number, which is all the checks ask.
    """
    translated = re.sub(
        r"\(\?<!(\[[^\]]+\])\)", lambda m: f"(?:^|[^{m.group(1)[1:-1]}])", pattern.pattern
    )
    translated = re.sub(
        r"\(\?!(\[[^\]]+\])\)", lambda m: f"(?:[^{m.group(1)[1:-1]}]|$)", translated
    )
    if "(?<" in translated or "(?!" in translated or "(?=" in translated:
        raise RuntimeError(f"cannot translate {pattern.pattern!r} to RE2")
    re.compile(translated)
    return translated


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


CPR_REGEX_SQL = sql_string(re2(CPR_PATTERN))
# a canonical UUID is not a CPR number, whatever digits it holds (trappe.contract.cpr)
UUID_REGEX_SQL = sql_string(re2(UUID_PATTERN))


def without_uuids(expression: str) -> str:
    """The SQL text expression with canonical UUIDs blanked: what the CPR regex then reads is
    what the contract's validator reads."""
    return f"regexp_replace({expression}, {UUID_REGEX_SQL}, ' ', 'g')"


# child_id values the platform made itself (HMAC hex): their hex digits may look like a date
PSEUDONYM_REGEX_SQL = "'^P-[0-9a-f]{24}$'"


def sql_list(values) -> str:
    return "(" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in values) + ")"


__all__ = [
    "CPR_REGEX_SQL",
    "CRITICAL",
    "LAYERS",
    "PSEUDONYM_REGEX_SQL",
    "UUID_REGEX_SQL",
    "WARNING",
    "Check",
    "sql_list",
    "with_overrides",
    "without_uuids",
]
