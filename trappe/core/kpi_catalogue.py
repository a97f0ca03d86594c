"""The KPI catalogue: every KPI code of docs/kpis.md and the facts its consumers need.

The `kpi_catalogue` seed (dbt_project/seeds/kpi_catalogue.csv) is the one place these facts
live: dbt `ref`s it (the unit of `kpi_values`, the test a group comparison uses, the 0-100 test),
and the Python consumers (dashboard labels, the quality gate, the export's disclosure control,
the contract checker) read it through this module, loaded once per seeds directory.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import MappingProxyType

from trappe.core.errors import ConfigurationError
from trappe.core.settings import SEEDS_DIR

FILE_NAME = "kpi_catalogue.csv"
COLUMNS = (
    "kpi",
    "unit",
    "label_da",
    "label_en",
    "bounded",
    "count_like",
    "comparison",
    "lower_is_better",
    "model",
    "description",
)
# the fields of a kpi_values row that can hold a count of children, cases or events
COUNT_FIELDS = ("numerator", "denominator", "value")
PERCENT = "%"


class Comparison(str, Enum):
    """How two district groups are compared on the KPI (fct_group_comparisons)."""

    PROPORTION = "proportion"  # a share of units: a test for proportions
    POISSON_RATE = "poisson_rate"  # events per person-time: a test for rates
    NONE = "none"  # not compared


@dataclass(frozen=True)
class Kpi:
    code: str
    unit: str
    label_da: str
    label_en: str
    # a percentage that cannot leave 0-100 by its definition (a part of a whole), so a value
    # outside is an error; complaint_rate (complaints, not cases, per 100 open cases) is a
    # percentage that is not bounded, breakdown_rate (per 100 child-years) is not a percentage
    bounded: bool
    # which of numerator, denominator and value count children, cases or events: small ones
    # identify children and are suppressed in the export
    count_like: frozenset[str]
    comparison: Comparison
    # whether a fall is good news; None when neither direction is
    lower_is_better: bool | None
    # the dbt model that computes it
    model: str
    description: str

    @property
    def percent(self) -> bool:
        """A percentage: the export contract writes it within 0-100 or not at all."""
        return self.unit == PERCENT

    @property
    def compared(self) -> bool:
        return self.comparison is not Comparison.NONE


class CatalogueError(ConfigurationError):
    """The KPI catalogue seed is missing or a row of it is malformed."""


def _flag(where: str, column: str, text: str, *, optional: bool = False) -> bool | None:
    word = text.strip().lower()
    if word in ("true", "false"):
        return word == "true"
    if optional and word == "":
        return None
    allowed = "true, false or empty" if optional else "true or false"
    raise CatalogueError(f"{where}: {column} must be {allowed}, got {text!r}")


def _row(path: Path, line: int, row: Mapping[str, str]) -> Kpi:
    code = row["kpi"].strip()
    where = f"{path} line {line} ({code or 'no kpi'})"
    for column in ("kpi", "unit", "label_da", "label_en", "model"):
        if not (row[column] or "").strip():
            raise CatalogueError(f"{where}: {column} is empty")
    count_like = frozenset((row["count_like"] or "").split())
    if not count_like <= set(COUNT_FIELDS):
        raise CatalogueError(
            f"{where}: count_like must name some of {', '.join(COUNT_FIELDS)} "
            f"(space-separated), got {row['count_like']!r}"
        )
    try:
        comparison = Comparison(row["comparison"].strip())
    except ValueError:
        raise CatalogueError(
            f"{where}: comparison must be one of "
            f"{', '.join(c.value for c in Comparison)}, "
            f"got {row['comparison']!r}"
        ) from None
    bounded = bool(_flag(where, "bounded", row["bounded"]))
    if bounded and row["unit"].strip() != PERCENT:
        raise CatalogueError(f"{where}: bounded is true but the unit is {row['unit']!r}, not %")
    return Kpi(
        code=code,
        unit=row["unit"].strip(),
        label_da=row["label_da"].strip(),
        label_en=row["label_en"].strip(),
        bounded=bounded,
        count_like=count_like,
        comparison=comparison,
        lower_is_better=_flag(where, "lower_is_better", row["lower_is_better"], optional=True),
        model=row["model"].strip(),
        description=(row["description"] or "").strip(),
    )


def load(seeds_dir: Path = SEEDS_DIR) -> Mapping[str, Kpi]:
    """Every KPI of the catalogue in `seeds_dir` (a `Settings().seeds_dir`) by code, in the
    seed's order; each seeds directory is read once per process."""
    return _load(Path(seeds_dir).resolve() / FILE_NAME)


@functools.cache
def _load(path: Path) -> Mapping[str, Kpi]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise CatalogueError(f"{path}: cannot read the KPI catalogue ({e.strerror})") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CatalogueError(f"{path}: missing column(s) {', '.join(missing)}")
    kpis: dict[str, Kpi] = {}
    for line, row in enumerate(reader, start=2):
        kpi = _row(path, line, row)
        if kpi.code in kpis:
            raise CatalogueError(f"{path} line {line}: kpi {kpi.code!r} is listed twice")
        kpis[kpi.code] = kpi
    return MappingProxyType(kpis)


def kpi(code: str, seeds_dir: Path = SEEDS_DIR) -> Kpi:
    try:
        return load(seeds_dir)[code]
    except KeyError:
        raise CatalogueError(
            f"kpi {code!r} is not in the KPI catalogue ({Path(seeds_dir) / FILE_NAME})"
        ) from None


def codes(seeds_dir: Path = SEEDS_DIR) -> tuple[str, ...]:
    return tuple(load(seeds_dir))


def bounded_codes(seeds_dir: Path = SEEDS_DIR) -> frozenset[str]:
    """The percentages that cannot leave 0-100: a value outside is an error."""
    return frozenset(k.code for k in load(seeds_dir).values() if k.bounded)


def percent_codes(seeds_dir: Path = SEEDS_DIR) -> frozenset[str]:
    """The percentages (unit %): the export contract carries them only within 0-100."""
    return frozenset(k.code for k in load(seeds_dir).values() if k.percent)


def count_like_codes(field_name: str, seeds_dir: Path = SEEDS_DIR) -> frozenset[str]:
    """The KPIs whose `field_name` (numerator, denominator or value) is a count."""
    if field_name not in COUNT_FIELDS:
        raise ValueError(f"{field_name!r} is not one of {COUNT_FIELDS}")
    return frozenset(k.code for k in load(seeds_dir).values() if field_name in k.count_like)
