"""Proofs of expectations/rules/bronze/schema_version_known.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def schema_version_99(spec):
    find(spec, "E-08")["schema_version"] = 99
    return "E-08"
