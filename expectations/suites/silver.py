"""The silver suite: the silver rules of the registry (expectations/rules/silver/, one per file)."""

from __future__ import annotations

from expectations.checks import Check
from expectations.config import QualityConfig
from expectations.rules import all_checks


def checks(config: QualityConfig) -> list[Check]:
    return [c for c in all_checks(config) if c.layer == "silver"]
