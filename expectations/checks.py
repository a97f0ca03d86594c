"""A check: one rule, the SQL that finds the rows breaking it, and its severity.

Each check's query returns the violating rows (one row per violation, identifying columns
first). The runner counts them in DuckDB and keeps a few examples; Great Expectations then
validates the per-layer tally against each check's expectation (see `expectations.runner`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from trappe.contract.cpr import CPR_PATTERN

from expectations.config import CRITICAL, SEVERITIES, WARNING, QualityConfig

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


def _cpr_regex_for_duckdb() -> str:
    """The contract's CPR pattern in RE2 syntax (DuckDB has no look-around).

    Look-behind/-ahead for "not a digit" become "start or a non-digit" / "a non-digit or end":
    equivalent for deciding whether a text contains a CPR-like number, which is all we ask.
    """
    pattern = CPR_PATTERN.pattern
    translated = pattern.replace("(?<![0-9])", "(?:^|[^0-9])").replace("(?![0-9])", "(?:[^0-9]|$)")
    if "(?<" in translated or "(?!" in translated or "(?=" in translated:
        raise RuntimeError("trappe.contract.cpr.CPR_PATTERN changed: update _cpr_regex_for_duckdb")
    re.compile(translated)
    return translated


CPR_REGEX_SQL = "'" + _cpr_regex_for_duckdb().replace("'", "''") + "'"
# child_id values the platform made itself (HMAC hex): their hex digits may happen to look like a date
PSEUDONYM_REGEX_SQL = "'^P-[0-9a-f]{24}$'"


def sql_list(values) -> str:
    return "(" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in values) + ")"


__all__ = ["CRITICAL", "WARNING", "Check", "CPR_REGEX_SQL", "LAYERS", "PSEUDONYM_REGEX_SQL",
           "sql_list", "with_overrides"]
