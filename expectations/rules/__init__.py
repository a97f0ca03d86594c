"""The registry of the quality gate's rules: one rule per file, `rules/<layer>/<rule>.py`.

As data-to-insight's csc-validator declares its rules, each file declares one `RULE`: its
severity, its description, the SQL that finds the rows breaking it, what the quarantine does with
them, and the names of its proof fixtures (`tests/expectations/proofs/<layer>/<rule>.py`: at
least one that makes it fire and one that makes it pass; a test over this registry fails when a
rule has none). The check's name is its path: `rules/silver/event_id_unique.py` is
`silver.event_id_unique`.

What the SQL reads (views of `expectations.sources.Lake` and `expectations.quarantine`):

- `bronze_events`, `deadletters`, `ingest_runs`: bronze and ingestion, all of it;
- `silver_<table>`: all of silver, retracted events included;
- `visible_<table>`, `visible_bronze`: the events a build as of T reads (recorded by T and not
  retracted by T), before the quarantine;
- `counting_<table>`: the visible events the quarantine has not held (so far): a rule of a later
  stage finds a parent held by an earlier one missing, as dbt will;
- `quarantine`: the held events with their reasons and ages (rules of the last stage);
- `marts.*` (the build being judged), `prev.*` (the last published build).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from expectations.checks import CRITICAL, LAYERS, WARNING, Check
from expectations.config import QualityConfig

Text = str | Callable[[QualityConfig], str]


@dataclass(frozen=True)
class Rule:
    """One rule as its file declares it; `check(config)` makes the runnable Check."""

    severity: str
    description: Text
    sql: Text
    fires: tuple[str, ...]
    passes: tuple[str, ...]
    requires: tuple[str, ...] = ()
    applies_if: tuple[str, ...] = ()
    unit: str = "rows"
    holds: bool = False
    hold_reason: str = ""
    stage: int = 1

    def check(self, name: str, config: QualityConfig) -> Check:
        def text(value: Text) -> str:
            return value(config) if callable(value) else value

        return Check(
            name,
            self.severity,
            text(self.description),
            text(self.sql),
            requires=self.requires,
            applies_if=self.applies_if,
            unit=self.unit,
            holds=self.holds,
            hold_reason=self.hold_reason,
            stage=self.stage,
            fires=self.fires,
            passes=self.passes,
        )


def _modules(layer: str) -> list[ModuleType]:
    package = importlib.import_module(f"{__name__}.{layer}")
    names = sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")
    )
    return [importlib.import_module(f"{package.__name__}.{name}") for name in names]


def registry() -> dict[str, Rule]:
    """Every rule by check name, layer by layer, in file-name order within a layer."""
    rules: dict[str, Rule] = {}
    for layer in LAYERS:
        for module in _modules(layer):
            rule = getattr(module, "RULE", None)
            if not isinstance(rule, Rule):
                raise TypeError(f"{module.__file__}: declares no RULE = Rule(...)")
            rules[f"{layer}.{module.__name__.rsplit('.', 1)[1]}"] = rule
    return rules


def all_checks(config: QualityConfig) -> list[Check]:
    return [rule.check(name, config) for name, rule in registry().items()]


__all__ = ["CRITICAL", "WARNING", "Rule", "all_checks", "registry"]
