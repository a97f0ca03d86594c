"""Proofs of expectations/rules/silver/ladder_steps_match_seed.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def foster_family_on_step_2(spec):
    find(spec, "E-04")["payload"]["to_step"] = 2
    return "E-04"


def measure_type_not_in_seed(spec):
    find(spec, "E-04")["payload"]["measure_type"] = "space_station"
    return "E-04"
