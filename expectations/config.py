"""Thresholds of the quality gate: every tolerance a municipality may want to tune lives here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from expectations import bands
from trappe.core import kpi_catalogue
from trappe.core.settings import SEEDS_DIR, Settings

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

    # quarantine: an event held out of the marts (an orphan waiting for its parent, or one a
    # check rejects) for longer than this, from its recorded_at to the build's as-of time, is a
    # warning, then critical (the feed's owner must send the parent or retract the event);
    # `from_settings` takes them from TRAPPE_QUARANTINE_WARNING_DAYS / _CRITICAL_DAYS
    quarantine_warning_days: float = 30.0
    quarantine_critical_days: float = 90.0
    # the quarantine may hold at most this share of the events a build reads (and never blocks
    # for fewer than the floor): a lost stream of case.opened must not silently empty the marts
    quarantine_max_share: float = 0.05
    quarantine_share_floor: int = 100

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

    @property
    def plausibility_bands_seed(self) -> Path:
        return self.seeds_dir / bands.FILE_NAME

    def band(self, name: str) -> bands.Band:
        """A plausibility band of the seed (dbt_project/seeds/plausibility_bands.csv)."""
        return bands.band(self.plausibility_bands_seed, name)

    @classmethod
    def from_settings(cls, settings: Settings, **changes) -> QualityConfig:
        """The gate's thresholds for a lake: its seeds and its quarantine ages."""
        values = {
            "seeds_dir": settings.seeds_dir,
            "quarantine_warning_days": settings.quarantine_warning_days,
            "quarantine_critical_days": settings.quarantine_critical_days,
            **changes,
        }
        return cls(**values)

    def with_(self, **changes) -> QualityConfig:
        return replace(self, **changes)
