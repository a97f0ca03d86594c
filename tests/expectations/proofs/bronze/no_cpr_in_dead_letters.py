"""Proofs of expectations/rules/bronze/no_cpr_in_dead_letters.py."""

from __future__ import annotations

from tests.expectations.proofs.common import clean

__all__ = ["clean"]


def _dead_letter(raw, field=None):
    return {
        "reason": "line 4: invalid JSON",
        "error_code": "invalid_json",
        "error_field": field,
        "event_id": None,
        "raw": raw,
    }


def cpr_in_raw(spec):
    spec.dead_letters.append(_dead_letter('{"note": "010190-1234"'))


def cpr_in_error_field(spec):
    spec.dead_letters.append(_dead_letter("{}", field="payload.010190-1234"))


def masked_cpr(spec):
    spec.dead_letters.append(_dead_letter('{"note": "[CPR]", "cpr": "[CPR]"}'))
