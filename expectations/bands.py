"""Plausibility bands as data: the `plausibility_bands` seed (dbt_project/seeds/).

A municipality moves a band by editing the seed, not the code. The gate reads the file from the
seeds directory of its settings; each rule that judges a value names its band, and a band that
is missing or malformed is a one-line error naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import functools
import math
from dataclasses import dataclass
from pathlib import Path

from trappe.core.errors import ConfigurationError

FILE_NAME = "plausibility_bands.csv"
COLUMNS = ("band", "event_type", "measure", "min_value", "max_value", "unit", "description")


@dataclass(frozen=True)
class Band:
    name: str
    event_type: str
    measure: str
    low: float | None  # inclusive; None: no lower bound
    high: float | None  # inclusive; None: no upper bound
    unit: str

    def outside(self, expression: str) -> str:
        """SQL that is true when `expression` lies outside the band (null is not judged)."""
        tests = []
        if self.low is not None:
            tests.append(f"({expression}) < {self.low!r}")
        if self.high is not None:
            tests.append(f"({expression}) > {self.high!r}")
        return "(" + (" OR ".join(tests) or "false") + ")"

    def text(self) -> str:
        low = "" if self.low is None else f"{self.low:,g}"
        high = "" if self.high is None else f"{self.high:,g}"
        if self.low is None:
            return f"at most {high} {self.unit}"
        if self.high is None:
            return f"at least {low} {self.unit}"
        return f"{low} to {high} {self.unit}"


def _number(text: str, where: str, field: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ConfigurationError(f"{where}: field {field!r}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ConfigurationError(f"{where}: field {field!r}: {text!r} is not a finite number")
    return value


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int) -> dict[str, Band]:
    bands: dict[str, Band] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ConfigurationError(f"{path}: missing column(s) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            name = (row["band"] or "").strip()
            if not name:
                raise ConfigurationError(f"{where}: field 'band' is empty")
            if name in bands:
                raise ConfigurationError(f"{where}: band {name!r} is listed twice")
            low = _number(row["min_value"], where, "min_value")
            high = _number(row["max_value"], where, "max_value")
            if low is not None and high is not None and low > high:
                raise ConfigurationError(
                    f"{where}: band {name!r}: min_value {low:g} is above max_value {high:g}"
                )
            bands[name] = Band(
                name,
                row["event_type"].strip(),
                row["measure"].strip(),
                low,
                high,
                row["unit"].strip(),
            )
    return bands


def load_bands(path: Path) -> dict[str, Band]:
    """The bands of the seed at `path`, read once per version of the file."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ConfigurationError(f"{path}: no plausibility bands seed") from None
    return _load(path, stat.st_mtime_ns)


def band(path: Path, name: str) -> Band:
    bands = load_bands(path)
    if name not in bands:
        raise ConfigurationError(f"{path}: no band {name!r} (the quality gate's rules need it)")
    return bands[name]
