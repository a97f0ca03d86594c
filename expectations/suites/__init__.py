"""The suites, one per layer: the rules of the registry (expectations/rules/<layer>/<rule>.py)."""

from __future__ import annotations

from expectations.checks import LAYERS, Check, with_overrides
from expectations.config import QualityConfig
from expectations.rules import all_checks


def checks_for(layers: tuple[str, ...] | list[str], config: QualityConfig) -> list[Check]:
    """The checks of the given layers, with the config's severity overrides applied."""
    every = all_checks(config)
    unknown = set(config.severity_overrides) - {c.name for c in every}
    if unknown:
        raise ValueError(f"severity_overrides names unknown checks: {sorted(unknown)}")
    for layer in layers:
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}: choose from {', '.join(LAYERS)}")
    return with_overrides([c for c in every if c.layer in layers], config)
