"""Proofs of expectations/rules/bronze/no_cpr.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean, find

__all__ = ["clean"]


def cpr_in_free_text(spec):
    find(spec, "E-08")["payload"]["concern"] = "cpr 010190-1234"
    return "E-08"


def cpr_as_child_id(spec):
    find(spec, "E-02")["child_id"] = "1201901234"
    return "E-02"


def cpr_in_event_id(spec):
    # the quarantine would have to write the number down to hold it: counts against the check
    find(spec, "E-08")["event_id"] = "E-0101901234"


def pseudonym_with_date_like_hex(spec):
    for e in spec.events:
        if e["case_id"] == "C-1":
            e["child_id"] = "P-0101901234abcdef01234567"


def uuid_with_ten_digits(spec):
    find(spec, "E-08")["event_id"] = "7d3c2b1a-9e8f-4a6b-8c5d-e0102031234f"
