"""Write-audit-publish: the staging build is validated, and only a passing build is published.

dbt writes `warehouse/staging.duckdb` (write). The gate validates bronze, silver and the
staging marts, stores the results in `quality/`, stamps the verdict into the staging DB as
`audit_quality_verdict` (audit), and only when no critical check failed replaces
`warehouse/published.duckdb` atomically (publish). Readers that opened the old published file
keep reading it; a failed gate leaves it exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from expectations.checks import LAYERS
from expectations.config import QualityConfig
from expectations.runner import ValidationReport, run_suites
from trappe.core.settings import Settings
from trappe.core.storage import atomic_file
from trappe.core.time import new_run_id

log = logging.getLogger(__name__)

VERDICT_TABLE = "audit_quality_verdict"
CHECKS_TABLE = "audit_quality_checks"  # one row per check of the verdict's run, for dashboards


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


def validate_and_publish(
    settings: Settings,
    run_id: str | None = None,
    *,
    config: QualityConfig | None = None,
    raise_on_failure: bool = False,
    data_docs: bool = True,
) -> GateResult:
    """Validate every layer against the staging DB; publish it only if no critical check failed."""
    run_id = run_id or new_run_id()
    report = run_suites(
        settings,
        LAYERS,
        marts_db=settings.staging_db,
        previous_db=settings.published_db,
        config=config,
        run_id=run_id,
        data_docs=data_docs,
    )
    results_path = store_results(settings, report)
    if settings.staging_db.exists():
        write_verdict(settings.staging_db, report)
    published = False
    if report.verdict != "failed":
        publish(settings.staging_db, settings.published_db)
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
        ("unit", pa.string()),
        ("examples", pa.string()),
        ("note", pa.string()),
        ("description", pa.string()),
        ("message", pa.string()),
        ("seconds", pa.float64()),
    ]
)


def write_verdict(db: Path, report: ValidationReport) -> None:
    """The one-row verdict (and its checks) inside the build, so the published copy carries it."""
    con = duckdb.connect(str(db))
    try:
        con.execute("BEGIN")
        con.execute(f"""CREATE OR REPLACE TABLE {VERDICT_TABLE} (
            run_id VARCHAR, verdict VARCHAR, critical_failures INTEGER, warnings INTEGER,
            validated_at TIMESTAMPTZ)""")
        con.execute(
            f"INSERT INTO {VERDICT_TABLE} VALUES (?, ?, ?, ?, ?)",
            [
                report.run_id,
                report.verdict,
                len(report.critical_failures),
                len(report.warnings),
                report.validated_at,
            ],
        )
        con.execute(f"""CREATE OR REPLACE TABLE {CHECKS_TABLE} (
            run_id VARCHAR, layer VARCHAR, "check" VARCHAR, severity VARCHAR, success BOOLEAN,
            violations BIGINT, message VARCHAR)""")
        con.executemany(
            f"INSERT INTO {CHECKS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    report.run_id,
                    r.check.layer,
                    r.name,
                    r.severity,
                    r.success,
                    r.violations,
                    r.message(),
                ]
                for r in report.results
            ],
        )
        con.execute("COMMIT")
        # fold the WAL into the file: the publish step copies the file alone
        con.execute("CHECKPOINT")
    finally:
        con.close()


def publish(staging: Path, published: Path) -> None:
    """Replace `published` with a copy of `staging` atomically; readers keep the old file open."""
    with (
        atomic_file(published, permissions=staging.stat().st_mode & 0o777) as out,
        staging.open("rb") as src,
    ):
        shutil.copyfileobj(src, out, length=16 * 1024 * 1024)
