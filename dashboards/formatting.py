"""Danish number, date and period formats: decimal comma, thousands dot, `1. halvår 2015`."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime

from trappe.core.time import LOCAL_TZ

COPENHAGEN = LOCAL_TZ

MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_SHORT = [
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
]

# Decimals shown per unit: child-years are fractional by nature, kroner are not.
UNIT_DECIMALS: dict[str, int] = {
    "child-years": 1,
    "%": 1,
    "cases": 0,
    "moves": 0,
    "children": 0,
    "follow-ups per case": 2,
    "DKK": 0,
    "count": 0,
    "score": 1,
    # units of the KPI catalogue's person-time rates
    "follow-ups per case per half-year": 2,
    "per 100 child-years": 1,
    "DKK per child-year": 0,
}

_HALF = re.compile(r"^(\d{4})H([12])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, decimals: int = 0, signed: bool = False) -> str:
    """`1234567.891` → `1.234.567,9`; a missing value → `–`."""
    if is_missing(value):
        return "–"
    text = f"{value:{'+' if signed else ''},.{decimals}f}"
    if text.lstrip("+-").strip("0.,") == "":
        text = text.lstrip("+-")  # no "-0,0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def with_unit(value: float | None, unit: str, signed: bool = False) -> str:
    """A value as leaders read it: `41,9 årsbørn`, `12,5 %`, `1.203.351 kr.`."""
    from dashboards.labels import unit_label

    if is_missing(value):
        return "–"
    text = number(value, UNIT_DECIMALS.get(unit, 1), signed)
    if unit == "%":
        return f"{text} %"
    return f"{text} {unit_label(unit)}"


def points(value: float | None, signed: bool = True) -> str:
    """A difference of percentages, in percentage points."""
    if is_missing(value):
        return "–"
    return f"{number(value, 1, signed)} procentpoint"


def p_value(value: float | None) -> str:
    if value is None or is_missing(value):
        return "–"
    if value < 0.001:
        return "< 0,001"
    return number(value, 3)


def period_label(period: str) -> str:
    """`2015` → `2015`, `2015H1` → `1. halvår 2015`, `2015-06` → `juni 2015`."""
    if m := _HALF.match(period):
        return f"{m.group(2)}. halvår {m.group(1)}"
    if m := _MONTH.match(period):
        return f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return period


def period_short(period: str) -> str:
    """Compact form for chart axes: `1. hå. 2015`, `jun. 2015`."""
    if m := _HALF.match(period):
        return f"{m.group(2)}. hå. {m.group(1)}"
    if m := _MONTH.match(period):
        return f"{MONTHS_SHORT[int(m.group(2)) - 1]} {m.group(1)}"
    return period


def local_datetime(value: datetime | None) -> datetime | None:
    """A timestamp from the marts in Copenhagen time; naive timestamps there are UTC."""
    if value is None:
        return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(COPENHAGEN)


def datetime_label(value: datetime | None) -> str:
    """`24. november 2026 kl. 04.24` (Copenhagen time)."""
    local = local_datetime(value)
    if local is None:
        return "ukendt"
    return f"{local.day}. {MONTHS[local.month - 1]} {local.year} kl. {local:%H.%M}"


def date_label(value: date | None) -> str:
    if value is None:
        return "ukendt"
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def vega_danish_number(fmt: str) -> str:
    """A Vega label expression that formats like `number`: d3 writes `1,234.5`, we swap marks."""
    return (
        f"replace(replace(replace(format(datum.value, '{fmt}'), regexp(',', 'g'), '_'),"
        f" regexp('\\\\.', 'g'), ','), regexp('_', 'g'), '.')"
    )
