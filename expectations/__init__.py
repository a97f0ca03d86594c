"""The quality gate: Great Expectations suites for every layer, and write-audit-publish."""

from expectations.config import CRITICAL, WARNING, QualityConfig
from expectations.gate import (
    GateResult,
    QualityGateFailed,
    Screening,
    screen,
    validate_and_publish,
)
from expectations.runner import CheckResult, ValidationReport, run_suites

__all__ = [
    "CRITICAL",
    "WARNING",
    "CheckResult",
    "GateResult",
    "QualityConfig",
    "QualityGateFailed",
    "Screening",
    "ValidationReport",
    "run_suites",
    "screen",
    "validate_and_publish",
]
