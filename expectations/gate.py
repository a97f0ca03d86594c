"""Write-audit-publish: the input is screened before dbt, and only a passing build is published.

1. `screen` (before dbt): the bronze and silver checks run on the lake as of the build's time T.
   What a check rejects and can name by event_id, and every event that cannot be placed yet
   (an orphan waiting for its case or measure), is held in the quarantine
   (`quality/quarantine/<run_id>.parquet`); dbt's staging leaves those events out. A critical
   check that finds what it cannot hold fails the screening, and dbt does not run at all.
2. dbt writes `warehouse/staging.duckdb` from the input minus the quarantine (write).
3. `validate_and_publish`: the marts checks run on the staging DB; the verdict of every check,
   the quarantine and its summary are stamped into the staging DB (`audit_quality_verdict`,
   `audit_quality_checks`, `audit_quality_quarantine`) (audit), and only when no critical check
   failed is `warehouse/published.duckdb` replaced atomically and `quality/published.json`
   written, naming the run it holds (publish). Readers that opened the old published file keep
   reading it; a failed gate leaves it and the manifest exactly as they were.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from expectations import quarantine as quarantine_
from expectations.checks import LAYERS
from expectations.config import QualityConfig
from expectations.runner import INPUT_LAYERS, ValidationReport, collect, judge
from expectations.suites import checks_for
from trappe.core.settings import Settings
from trappe.core.storage import atomic_file
from trappe.core.time import new_run_id

log = logging.getLogger(__name__)

VERDICT_TABLE = "audit_quality_verdict"
CHECKS_TABLE = "audit_quality_checks"  # one row per check of the verdict's run, for dashboards
QUARANTINE_TABLE = "audit_quality_quarantine"  # one row per held event and check that held it
MANIFEST = "published.json"  # quality/published.json: the run the published file holds


class QualityGateFailed(RuntimeError):
    def __init__(self, result: GateResult) -> None:
        super().__init__(result.message)
        self.result = result


@dataclass
class GateResult:
    run_id: str
    verdict: str  # passed | passed_with_warnings | failed
    published: bool
    report: ValidationReport
    results_path: Path
    message: str

    @property
    def passed(self) -> bool:
        return self.verdict != "failed"

    def raise_for_failure(self) -> GateResult:
        if not self.passed:
            raise QualityGateFailed(self)
        return self


@dataclass
class Screening:
    """The input checks of one build, run before dbt, and the quarantine they left."""

    report: ValidationReport
    quarantine_path: Path
    as_of: datetime | None
    results_path: Path | None = None  # quality/results/<run_id>.parquet of the screening

    @property
    def passed(self) -> bool:
        return self.report.verdict != "failed"

    @property
    def message(self) -> str:
        if self.passed:
            return self.report.summary()
        return (
            self.report.summary() + "\nNOT built: the input fails the quality gate before dbt; "
            f"nothing was published (details: {self.results_path})"
        )


KEEP_QUARANTINES = 20  # the newest quarantine files kept (and always the published build's)


def quarantine_path(settings: Settings, run_id: str) -> Path:
    return settings.quality_dir / "quarantine" / f"{run_id}.parquet"


def prune_quarantines(settings: Settings, keep: int = KEEP_QUARANTINES) -> None:
    """Delete all but the newest `keep` quarantine files, and never the published build's: its
    staging views read it (a live feed builds every few seconds and would fill the disk)."""
    directory = settings.quality_dir / "quarantine"
    if not directory.is_dir():
        return
    published = None
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        published = json.loads((settings.quality_dir / MANIFEST).read_text("utf-8"))["run_id"]
    files = sorted(
        directory.glob("*.parquet"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True
    )
    for path in files[keep:]:
        if path.stem != published:
            path.unlink(missing_ok=True)


def screen(
    settings: Settings,
    *,
    as_of: datetime | None = None,
    run_id: str | None = None,
    config: QualityConfig | None = None,
) -> Screening:
    """The bronze and silver checks as of `as_of` (None: every recorded event), before dbt.

    Writes the quarantine dbt's staging excludes (`dbt_vars(quarantine_path=...)`), whatever the
    verdict, so that `trappe validate` and the dashboard can read what was held.
    """
    started = time.perf_counter()
    config = config or QualityConfig.from_settings(settings)
    run_id = run_id or new_run_id()
    checks = checks_for(INPUT_LAYERS, config)
    results, quarantine = collect(settings, checks, as_of=as_of)
    assert quarantine is not None  # input checks always leave one
    judge(settings, results, run_id, data_docs=False)
    report = ValidationReport(
        run_id,
        datetime.now(UTC),
        INPUT_LAYERS,
        results,
        None,
        time.perf_counter() - started,
        quarantine,
    )
    path = quarantine_.write(quarantine_path(settings, run_id), quarantine)
    prune_quarantines(settings)
    # the screening's own record: a build it stops never reaches validate_and_publish, which
    # rewrites this file with the marts' checks added
    results_path = store_results(settings, report)
    log.info(report.summary())
    return Screening(report, path, as_of, results_path)


def build_as_of(db: Path) -> datetime | None:
    """The as-of time of the build in `db` (its audit_build row), if it has one."""
    if not db.exists():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT as_of FROM audit_build").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    if not row or row[0] is None:
        return None
    value = row[0]
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def validate_and_publish(
    settings: Settings,
    run_id: str | None = None,
    *,
    config: QualityConfig | None = None,
    raise_on_failure: bool = False,
    data_docs: bool = True,
    screening: Screening | None = None,
) -> GateResult:
    """Validate the staging DB's marts (and the input, unless `screening` already did, before
    dbt) and publish the staging DB only if no critical check failed."""
    started = time.perf_counter()
    config = config or QualityConfig.from_settings(settings)
    run_id = run_id or (screening.report.run_id if screening else new_run_id())
    if screening is None:
        # no screening before dbt (a lake built by hand, `trappe validate`): judge the input
        # now, as of the build's own time
        as_of = build_as_of(settings.staging_db)
        inputs, quarantine = collect(settings, checks_for(INPUT_LAYERS, config), as_of=as_of)
    else:
        inputs, quarantine = screening.report.results, screening.report.quarantine
    marts, _ = collect(
        settings,
        checks_for(("marts",), config),
        marts_db=settings.staging_db,
        previous_db=settings.published_db,
    )
    results = inputs + marts
    index = judge(settings, results, run_id, data_docs)
    report = ValidationReport(
        run_id,
        datetime.now(UTC),
        LAYERS,
        results,
        index,
        time.perf_counter() - started + (screening.report.seconds if screening else 0.0),
        quarantine,
    )
    results_path = store_results(settings, report)
    if settings.staging_db.exists():
        write_verdict(settings.staging_db, report)
    published = False
    if report.verdict != "failed":
        publish(settings.staging_db, settings.published_db)
        write_manifest(settings, report)
        published = True
        message = report.summary() + f"\npublished {settings.published_db}"
    else:
        message = (
            report.summary() + f"\nNOT published: {settings.published_db} left unchanged "
            f"(details: {results_path})"
        )
    log.info(message)
    result = GateResult(run_id, report.verdict, published, report, results_path, message)
    return result.raise_for_failure() if raise_on_failure else result


def store_results(settings: Settings, report: ValidationReport) -> Path:
    """quality/results/<run_id>.parquet: one row per run and expectation, written atomically."""
    directory = settings.quality_dir / "results"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{report.run_id}.parquet"
    table = pa.Table.from_pylist(report.records(), schema=RESULTS_SCHEMA)
    with atomic_file(path) as handle:
        pq.write_table(table, handle)
    return path


RESULTS_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("validated_at", pa.timestamp("us", tz="UTC")),
        ("layer", pa.string()),
        ("check", pa.string()),
        ("expectation_type", pa.string()),
        ("severity", pa.string()),
        ("success", pa.bool_()),
        ("applicable", pa.bool_()),
        ("violations", pa.int64()),
        ("held", pa.int64()),
        ("unit", pa.string()),
        ("examples", pa.string()),
        ("note", pa.string()),
        ("description", pa.string()),
        ("message", pa.string()),
        ("seconds", pa.float64()),
    ]
)


def write_verdict(db: Path, report: ValidationReport) -> None:
    """The one-row verdict, its checks and its quarantine inside the build, so the published
    copy carries them (the dashboard's Datakvalitet reads these three tables)."""
    quarantine = report.quarantine
    con = duckdb.connect(str(db))
    try:
        con.execute("BEGIN")
        con.execute(f"""CREATE OR REPLACE TABLE {VERDICT_TABLE} (
            run_id VARCHAR, verdict VARCHAR, critical_failures INTEGER, warnings INTEGER,
            validated_at TIMESTAMPTZ, quarantined_events INTEGER,
            quarantine_oldest_days DOUBLE)""")
        con.execute(
            f"INSERT INTO {VERDICT_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                report.run_id,
                report.verdict,
                len(report.critical_failures),
                len(report.warnings),
                report.validated_at,
                quarantine.events if quarantine is not None else None,
                quarantine.oldest_age_days if quarantine is not None else None,
            ],
        )
        con.execute(f"""CREATE OR REPLACE TABLE {CHECKS_TABLE} (
            run_id VARCHAR, layer VARCHAR, "check" VARCHAR, severity VARCHAR, success BOOLEAN,
            violations BIGINT, held BIGINT, message VARCHAR)""")
        con.executemany(
            f"INSERT INTO {CHECKS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    report.run_id,
                    r.check.layer,
                    r.name,
                    r.severity,
                    r.success,
                    r.violations,
                    r.held,
                    r.message(),
                ]
                for r in report.results
            ],
        )
        rows = quarantine.rows if quarantine is not None else quarantine_.SCHEMA.empty_table()
        held = rows.add_column(0, "run_id", pa.array([report.run_id] * rows.num_rows, pa.string()))
        con.register("held_rows", held)
        con.execute(f"CREATE OR REPLACE TABLE {QUARANTINE_TABLE} AS SELECT * FROM held_rows")
        con.unregister("held_rows")
        con.execute("COMMIT")
        # fold the WAL into the file: the publish step copies the file alone
        con.execute("CHECKPOINT")
    finally:
        con.close()


def write_manifest(settings: Settings, report: ValidationReport) -> Path:
    """quality/published.json: which gate run the published file holds, for its readers (the
    export reads only what this names)."""
    quarantine = report.quarantine
    as_of = quarantine.as_of if quarantine is not None else None
    manifest = {
        "run_id": report.run_id,
        "verdict": report.verdict,
        "validated_at": report.validated_at.isoformat(),
        "as_of": as_of.isoformat() if as_of is not None else None,
        "database": str(settings.published_db),
        "quarantined_events": quarantine.events if quarantine is not None else None,
        "warnings": [r.name for r in report.warnings],
    }
    path = settings.quality_dir / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as handle:
        handle.write(json.dumps(manifest, indent=2).encode("utf-8"))
    return path


def publish(staging: Path, published: Path) -> None:
    """Replace `published` with a copy of `staging` atomically; readers keep the old file open."""
    with (
        atomic_file(published, permissions=staging.stat().st_mode & 0o777) as out,
        staging.open("rb") as src,
    ):
        shutil.copyfileobj(src, out, length=16 * 1024 * 1024)
