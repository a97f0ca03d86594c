"""CPR numbers (Danish personal identity numbers): recognition, masking and keyed pseudonyms.

A CPR number is DDMMYY-SSSS. Since 2007 not every number satisfies the old modulus-11 check, so
recognition uses the date part and the shape only: it errs on the side of rejecting, which is
the safe side for this data. As docs/event-contract.md states, it is recognised written as
`DDMMYYSSSS`, `DDMMYY-SSSS`, or with a space, slash, dot or dash of any kind between the two
parts, wherever it stands: beside letters (`team-C0101901234`) as well as alone. Only digits
around it make it part of a longer number. A canonical UUID is not a CPR number, whatever
digits it holds: about one random UUID in 4,000 has ten digits that read as one.

One rule serves every place: the validator (which rejects), the masking of what stores a
rejected record (dead letters, the dead-letter topic, logs), and the quality gate's DuckDB
checks (`expectations.checks` translates these patterns to RE2).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from trappe.core.errors import ConfigurationError
from trappe.core.settings import Settings

# What may stand between the date part and the serial: a space of any kind (Unicode Zs and the
# zero-width ones), a slash or a dot of any kind, a dash of any kind (Unicode Pd, the minus sign,
# the soft hyphen). Unicode 14's Pd and Zs lists; a test checks them against `unicodedata`.
DASHES = (
    "\u002d\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a"
    "\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
    "\u2212\u00ad\u2043"
)
SPACES = (
    "\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u202f\u205f\u3000\u200b\u2060\ufeff"
)
SLASHES_AND_DOTS = "/\u2044\u2215\uff0f.\u2024\uff0e"
SEPARATORS = DASHES + SPACES + SLASHES_AND_DOTS
_SEPARATOR_CLASS = "[" + "".join("\\-" if c == "-" else c for c in SEPARATORS) + "]"

_CPR_CORE = (
    r"(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])([0-9]{2})"
    rf"{_SEPARATOR_CLASS}?([0-9]{{4}})"
)
# Any non-digit ends a number: "cpr:0102031234." and "K0102031234" are caught.
CPR_PATTERN = re.compile(rf"(?<![0-9]){_CPR_CORE}(?![0-9])")
# A JSON number spelling a CPR number with a dot: 311299.1234 (the fraction of 0.0102031234 is not)
_NUMBER_CPR = re.compile(rf"-?{_CPR_CORE}")
UUID_PATTERN = re.compile(
    r"(?<![0-9A-Za-z])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z])"
)
# JSON escapes that can spell a CPR number's digits or separator: \u0030 ... and \/
_JSON_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\(?:u([0-9a-fA-F]{4})|/)")
_SPELLABLE = frozenset("0123456789" + SEPARATORS)

KEY_ENV = "TRAPPE_PSEUDONYM_KEY"
DEMO_ENV = "TRAPPE_DEMO"
# Only for the simulator and tests: a published key pseudonymises nothing.
DEMO_KEY = b"trappe-demo-key-not-for-production"
MASK = "[CPR]"


class PseudonymKeyMissing(ConfigurationError):
    pass


def _blank_uuids(text: str) -> str:
    return UUID_PATTERN.sub(lambda m: " " * len(m.group()), text)


def find_cpr(text: str) -> re.Match[str] | None:
    """The first CPR number in `text`, not counting the digits of canonical UUIDs."""
    found = CPR_PATTERN.search(text)
    if found is None or "-" not in text:
        return found
    return CPR_PATTERN.search(_blank_uuids(text))


def looks_like_cpr(text: str) -> bool:
    return find_cpr(text) is not None


def number_is_cpr(value: int | float) -> bool:
    """Whether a JSON number spells a CPR number (1002031234, 1.002031234e9, 311299.1234)."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return False
        return (
            CPR_PATTERN.search(str(int(value))) is not None
            or _NUMBER_CPR.fullmatch(repr(value)) is not None
        )
    return CPR_PATTERN.search(str(value)) is not None


def is_cpr(text: str) -> bool:
    return CPR_PATTERN.fullmatch(text.strip()) is not None


def decode_json_escapes(text: str) -> str:
    """`text` with the JSON escapes that spell digits or separators (\\u0030, \\u2013, \\/)
    decoded, so that a CPR number written with them reads as one; other escapes stay."""

    def decode(m: re.Match[str]) -> str:
        char = chr(int(m.group(2), 16)) if m.group(2) else "/"
        return str(m.group(1)) + char if char in _SPELLABLE else str(m.group())

    return _JSON_ESCAPE.sub(decode, text)


def mask_cpr(text: str) -> str:
    """The text with every CPR-like number replaced, so dead letters and logs never hold one.

    Stricter than recognition on purpose: digits inside a UUID are masked too, and a number
    spelled with JSON escapes is masked in the decoded text (the escapes of that text are then
    gone, its meaning is the same).
    """
    if "\\" in text:
        decoded = decode_json_escapes(text)
        if decoded != text and CPR_PATTERN.search(decoded):
            text = decoded
    return CPR_PATTERN.sub(MASK, text)


def mask_cpr_bytes(raw: bytes) -> bytes:
    """`mask_cpr` for a record's raw bytes: what is not valid UTF-8 comes back byte for byte.

    The function to call before raw bytes leave for any store: the dead-letter topic's value
    and key, a base64 column.
    """
    return mask_cpr(raw.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")


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
    """A keyed, stable pseudonym for a CPR number: the same child gets the same child_id,
    however the number was written."""
    digits = re.sub(r"[^0-9]", "", cpr)
    digest = hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
    return "P-" + digest[:24]
