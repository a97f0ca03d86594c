"""CPR numbers (Danish personal identity numbers): detection, masking and keyed pseudonyms.

A CPR number is DDMMYY-SSSS (the dash optional). Since 2007 not every number satisfies the old
modulus-11 check, so detection uses the date part and the shape only: it errs on the side of
rejecting, which is the safe side for this data.
"""
from __future__ import annotations

import hashlib
import hmac
import re

from trappe.core.errors import ConfigurationError
from trappe.core.settings import Settings

_CPR_CORE = r"(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])([0-9]{2})[- ]?([0-9]{4})"
# In free text any non-digit ends a number: "cpr:0102031234." is caught.
CPR_PATTERN = re.compile(rf"(?<![0-9]){_CPR_CORE}(?![0-9])")
# In identifiers a hex letter beside the digits is part of the id: about one random UUID in
# 4,000 has ten digits between two hex letters, and must not be taken for a CPR number, while
# "C-0102031234" or "K0102031234" still is.
CPR_IN_IDENTIFIER_PATTERN = re.compile(rf"(?<![0-9A-Fa-f]){_CPR_CORE}(?![0-9A-Fa-f])")
KEY_ENV = "TRAPPE_PSEUDONYM_KEY"
DEMO_ENV = "TRAPPE_DEMO"
# Only for the simulator and tests: a published key pseudonymises nothing.
DEMO_KEY = b"trappe-demo-key-not-for-production"
MASK = "[CPR]"


class PseudonymKeyMissing(ConfigurationError):
    pass


def looks_like_cpr(text: str) -> bool:
    return CPR_PATTERN.search(text) is not None


def is_cpr(text: str) -> bool:
    return CPR_PATTERN.fullmatch(text.strip()) is not None


def mask_cpr(text: str) -> str:
    """The text with every CPR-like number replaced, so dead letters and logs never hold one."""
    return CPR_PATTERN.sub(MASK, text)


def pseudonym_key(settings: Settings) -> bytes:
    """The municipality's pseudonymisation key from the settings, or the published demo key
    when the settings say the data are simulated."""
    if settings.pseudonym_secret:
        return settings.pseudonym_secret.encode("utf-8")
    if settings.demo:
        return DEMO_KEY
    raise PseudonymKeyMissing(
        f"{KEY_ENV} is not set: set it to the municipality's secret pseudonymisation key "
        f"(or {DEMO_ENV}=1 for simulated data only)"
    )


def pseudonymise(cpr: str, key: bytes) -> str:
    """A keyed, stable pseudonym for a CPR number: the same child gets the same child_id."""
    digits = re.sub(r"[^0-9]", "", cpr)
    digest = hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
    return "P-" + digest[:24]
