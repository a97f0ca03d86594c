"""Proofs of expectations/rules/silver/moves_not_before_case_opened.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, redate

__all__ = ["clean"]


def move_a_month_before_the_case(spec):
    redate(spec, "E-04", "2014-12-10")  # C-2 opened on 2015-01-10
    return "E-04"


def move_on_the_day_the_case_opened(spec):
    redate(spec, "E-04", "2015-01-10")
