"""Thresholds of the quality gate: every tolerance a municipality may want to tune lives here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from trappe.core import kpi_catalogue
from trappe.core.settings import SEEDS_DIR

CRITICAL = "critical"  # blocks publishing
WARNING = "warning"  # publishes, with a visible flag for review
SEVERITIES = (CRITICAL, WARNING)


@dataclass(frozen=True)
class QualityConfig:
    # bronze: dates outside [earliest_date, ingested_at + future_tolerance] are not plausible
    earliest_date: date = date(1990, 1, 1)
    future_tolerance_hours: float = 24.0
    # a source clock may run a little behind; beyond this, recorded_at before occurred_at is suspect
    recorded_before_occurred_tolerance_hours: float = 24.0

    # marts
    share_kpis: tuple[str, ...] = ("placement_share",)
    share_tolerance: float = (
        0.01  # values carry 4 decimals; n rounded shares drift by < n * 0.00005
    )
    spine_kpis: tuple[str, ...] = ("placed_child_years",)
    unit_cost_kpi: str = "unit_cost_per_child_year"
    unit_cost_band_dkk: tuple[float, float] = (20_000.0, 6_000_000.0)
    # below this many child-years a unit cost is too noisy to judge
    unit_cost_min_child_years: float = 1.0
    # a KPI value moving more than this against the previous published build is flagged
    jump_relative: float = 0.25
    jump_absolute_min: float = 1.0

    seeds_dir: Path = SEEDS_DIR
    # check name -> severity, for a municipality that wants e.g. orphans as a warning only
    severity_overrides: dict[str, str] = field(default_factory=dict)

    @property
    def measure_types_seed(self) -> Path:
        return self.seeds_dir / "measure_types.csv"

    @property
    def kpi_catalogue_seed(self) -> Path:
        return self.seeds_dir / kpi_catalogue.FILE_NAME

    @property
    def bounded_percent_kpis(self) -> tuple[str, ...]:
        """The percentages that cannot leave 0-100, from the KPI catalogue's `bounded`: not
        complaint_rate (complaints, not cases, per 100 open cases) nor breakdown_rate (per 100
        child-years)."""
        return tuple(sorted(kpi_catalogue.bounded_codes(self.seeds_dir)))

    def with_(self, **changes) -> QualityConfig:
        return replace(self, **changes)
