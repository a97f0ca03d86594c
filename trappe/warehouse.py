"""Build the dbt marts (dbt_project/) into a DuckDB file, as of a transaction time.

`dbt_build` is the one way the pipeline and `trappe export --as-of` run dbt: it reads silver's
release once and hands dbt each silver table at the Delta version the release names (a transform
that publishes while dbt runs changes nothing dbt reads), takes the as-of time T
(by default the wall clock at build time, docs/kpis.md "As of": never the newest event, so a feed
that is quiet for a while still has its children placed up to today), records the newest
`recorded_at` included as the event watermark, a second thing, runs `dbt build` in-process (seeds,
models, unit tests and data tests in DAG order) and leaves the `audit_build` row with both in the
database, with the silver release and the bronze version it read (what reproduces the build).
The same events and the same explicit T give the same marts.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from trappe import __version__
from trappe.contract.models import LOCAL_TZ as LOCAL
from trappe.contract.models import parse_instant
from trappe.core import lakehouse
from trappe.core.errors import TrappeError
from trappe.core.settings import Settings

# dbt-duckdb keeps one DuckDB instance per process: builds in one process take turns.
_BUILD_LOCK = threading.Lock()
# Per target database, the signature and the dbt project parsed with it: parsing is a few
# seconds of CPU that only the project's files and settings change, so a process that builds
# again (live mode's cycles) parses once. What changes from build to build (T, silver's
# release, the quarantine) is rendered when a node runs, or is data (the silver views).
_MANIFESTS: dict[str, tuple[str, Any]] = {}


def default_memory_limit() -> str:
    """A third of physical memory, at most 6 GiB: DuckDB's own default (80 %) leaves a machine
    that also runs Spark and the consumer nothing, and a national build needs less once it
    spills its largest joins."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(1, min(6 * 1024, total // 3 // 2**20))}MB"


def write_profile(
    directory: Path, database: Path, threads: int, memory_limit: str | None = None
) -> Path:
    """A profiles.yml for one build, so the database path and thread count reach dbt as a file
    of their own rather than through this process's environment."""
    directory.mkdir(parents=True, exist_ok=True)
    profile = {
        "trappe": {
            "target": "staging",
            "outputs": {
                "staging": {
                    "type": "duckdb",
                    "path": database.as_posix(),
                    "threads": threads,
                    # past the limit DuckDB spills to <database>.tmp beside the file (its
                    # default; dbt-duckdb sets these on every thread's connection, and a temp
                    # directory cannot be switched once one has spilled)
                    "settings": {
                        "TimeZone": "UTC",
                        "memory_limit": memory_limit or default_memory_limit(),
                    },
                }
            },
        }
    }
    path = directory / "profiles.yml"
    path.write_text(json.dumps(profile, indent=2), encoding="utf-8")  # JSON is valid YAML
    return path


class DbtBuildError(TrappeError):
    """dbt build failed: the message names every failed node and why, one per line."""


@dataclass(frozen=True)
class BuildResult:
    success: bool
    database: Path
    as_of: datetime
    event_watermark: datetime | None
    invocation_id: str | None
    seconds: float
    nodes: int
    failures: list[str] = field(default_factory=list)
    # what the build read: silver's release (its run id, each table's Delta version) and the
    # bronze version that release holds every row of
    silver_release: str | None = None
    silver_versions: dict[str, int] = field(default_factory=dict)
    bronze_version: int | None = None


def _utc(ts: datetime) -> datetime:
    if ts.tzinfo is None:
        raise ValueError(f"as_of {ts.isoformat()} has no time zone; give an offset, e.g. +00:00")
    return ts.astimezone(UTC)


def parse_as_of(text: str) -> datetime:
    """An ISO 8601 instant in UTC.

    A bare date or naive time is Europe/Copenhagen (the contract's rule).
    """
    try:
        return parse_instant(text)
    except ValueError as exc:
        raise ValueError(f"as_of {text!r} is not an ISO 8601 date or datetime") from exc


def silver_release(silver: Path) -> lakehouse.SilverRelease:
    """Silver's release, or a one-line error when no transform has published one."""
    release = lakehouse.read_release(silver)
    if release is None or "events" not in release.tables:
        raise FileNotFoundError(
            f"{silver}: no silver release (no silver events table); run `trappe transform` first"
        )
    return release


def write_silver_views(database: Path, silver: Path, release: lakehouse.SilverRelease) -> None:
    """In `database`'s schema `silver`, a view per silver table reading it at the release's
    version (dbt's sources): what a build reads is data in the database, not a var, so one
    parsed dbt project serves every build, and the views document what the marts were built
    from."""
    con = duckdb.connect(str(database))
    try:
        con.execute("create schema if not exists silver")
        for table, version in sorted(release.tables.items()):
            relation = lakehouse.parquet_scan_sql(silver / table, version)
            con.execute(f'create or replace view silver."{table}" as select * from {relation}')
    finally:
        con.close()


def event_watermark(
    silver: Path, as_of: datetime | None = None, release: lakehouse.SilverRelease | None = None
) -> datetime | None:
    """The latest `recorded_at` in silver's events at its release (at or before `as_of`, when
    given)."""
    release = release or silver_release(silver)
    con = duckdb.connect()
    try:
        con.execute("set TimeZone = 'UTC'")
        events = lakehouse.parquet_scan_sql(silver / "events", release.tables["events"])
        sql = f"select max(recorded_at) from {events}"
        params: list = []
        if as_of is not None:
            sql += " where recorded_at <= ?"
            params.append(as_of)
        row = con.execute(sql, params).fetchone()
        assert row is not None, "an aggregate without group by returns one row"
        value = row[0]
    finally:
        con.close()
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def dbt_vars(
    release: lakehouse.SilverRelease,
    as_of: datetime,
    watermark: datetime | None,
    reporting_start: date | None = None,
    **extra,
) -> dict:
    return {
        "silver_release": release.run_id,
        "bronze_version": release.bronze_version,
        "as_of": as_of.isoformat(),
        "as_of_date": as_of.astimezone(LOCAL).date().isoformat(),
        "event_watermark": watermark.isoformat() if watermark else None,
        "pipeline_version": __version__,
        "reporting_start": reporting_start.isoformat() if reporting_start else None,
        **extra,
    }


# The vars that change from build to build without changing what a row of an incremental model
# means: T and what silver holds reach those models as data (macros/incremental.sql's
# fingerprints), not as code.
_PER_BUILD_VARS = frozenset(
    {
        "as_of",
        "as_of_date",
        "event_watermark",
        "silver_release",
        "bronze_version",
        "quarantine_path",
        "reporting_start",
    }
)
_PROJECT_SUFFIXES = (".sql", ".yml", ".yaml", ".csv", ".py")


def incremental_signature(project_dir: Path, build_vars: dict) -> str:
    """What the incremental models' kept rows were computed with: the dbt project's files (models,
    macros, seeds, settings), this pipeline's version and the vars that are settings. A build
    whose signature differs from the last successful build's into the same database rebuilds
    them from scratch (dbt's --full-refresh)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(project_dir.rglob("*")):
        relative = path.relative_to(project_dir)
        if (
            path.is_file()
            and path.suffix in _PROJECT_SUFFIXES
            and relative.parts[0] not in ("target", "logs", "dbt_packages")
        ):
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    settings_vars = {k: v for k, v in build_vars.items() if k not in _PER_BUILD_VARS}
    digest.update(json.dumps(settings_vars, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def dbt_build(
    settings: Settings,
    as_of: datetime | None = None,
    select: str | list[str] | None = None,
    *,
    database: Path | None = None,
    threads: int | None = None,
    extra_vars: dict | None = None,
    raise_on_failure: bool = True,
    reporting_start: date | None = None,
    unit_tests: bool = True,
    full_refresh: bool = False,
) -> BuildResult:
    """Run `dbt build` on the current silver into `database` (default: the staging DB).

    `as_of` (T) defaults to the wall clock now; only events recorded by T count, and open
    episodes and cases count up to T's local date. `reporting_start` overrides the first day of
    the reporting window (default: 1 January of the year of the earliest recorded_at). Raises
    DbtBuildError when no event is recorded by T, or when a model or an error-severity test
    fails (unless raise_on_failure is False). `unit_tests=False` leaves out dbt's unit tests,
    which test the models' SQL on fixed inputs, never the data: a caller that has run them with
    the same code (live mode's first cycle) need not pay for them again.

    The incremental models (macros/incremental.sql) keep the rows of the last build into the same
    database that are still current; `full_refresh`, or other code or settings than that build's
    (`incremental_signature`), rebuilds them from scratch.
    """
    silver = settings.silver_dir.resolve()
    # read once: a transform publishing a newer release while dbt runs changes nothing it reads
    release = silver_release(silver)
    # absolute: dbt resolves relative paths against the project directory, not our cwd
    database = Path(database or settings.staging_db).resolve()
    database.parent.mkdir(parents=True, exist_ok=True)
    as_of = _utc(as_of) if as_of is not None else datetime.now(UTC)
    watermark = event_watermark(silver, as_of, release)
    if watermark is None:
        raise DbtBuildError(f"{silver}: no event recorded by {as_of.isoformat()}, nothing to build")
    if reporting_start is not None and reporting_start > as_of.astimezone(LOCAL).date():
        raise DbtBuildError(
            f"reporting start {reporting_start.isoformat()} is after the as-of "
            f"date {as_of.astimezone(LOCAL).date().isoformat()}"
        )

    # Each database gets its own dbt target directory, so concurrent builds into different
    # files (staging and an --as-of export) do not share manifests or logs.
    work_dir = database.parent / "dbt" / database.stem
    build_vars = dbt_vars(release, as_of, watermark, reporting_start, **(extra_vars or {}))
    signature = incremental_signature(settings.dbt_project_dir, build_vars)
    signature_file = work_dir / "incremental_signature"
    common = [
        "--project-dir",
        str(settings.dbt_project_dir),
        "--profiles-dir",
        str(
            write_profile(
                work_dir,
                database,
                threads or settings.dbt_threads or max(2, os.cpu_count() or 2),
                settings.dbt_memory_limit,
            ).parent
        ),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
        "--vars",
        json.dumps(build_vars),
        "--quiet",
        # dbt's default file log is debug: tens of thousands of lines a build
        "--log-level-file",
        "info",
    ]
    args = ["build", *common]
    if select:
        args += ["--select", *([select] if isinstance(select, str) else select)]
    if not unit_tests:
        args += ["--exclude", "test_type:unit"]
    started = time.perf_counter()
    with _BUILD_LOCK:
        previous = signature_file.read_text().strip() if signature_file.is_file() else None
        if full_refresh or previous != signature:
            args.append("--full-refresh")
        # gone until this build succeeds: a build that fails halfway leaves the next a full one
        signature_file.unlink(missing_ok=True)
        try:
            write_silver_views(database, silver, release)
        except duckdb.Error as exc:  # another process holds the file: one line, no traceback
            raise DbtBuildError(f"dbt build into {database}: {' '.join(str(exc).split())}") from exc
        try:
            outcome = _invoke(args, common, str(database), signature)
        finally:
            _release_duckdb()
    seconds = time.perf_counter() - started

    failures: list[str] = []
    nodes = 0
    invocation_id = None
    if outcome.exception is not None:
        failures.append(f"dbt: {outcome.exception}")
    results = getattr(outcome.result, "results", None) or []
    for node_result in results:
        nodes += 1
        status = str(node_result.status).lower()
        if status in ("error", "fail", "runtime error"):
            message = " ".join(str(node_result.message or status).split())
            failures.append(f"{node_result.node.unique_id}: {status}: {message}")
    # of the results invoke() may give, only a run's (RunExecutionResult) has the args
    run_args = getattr(outcome.result, "args", None)
    if run_args is not None:
        invocation_id = run_args.get("invocation_id")
    if invocation_id is None:
        invocation_id = _read_invocation_id(database)

    result = BuildResult(
        success=outcome.success and not failures,
        database=database,
        as_of=as_of,
        event_watermark=watermark,
        invocation_id=invocation_id,
        seconds=seconds,
        nodes=nodes,
        failures=failures,
        silver_release=release.run_id,
        silver_versions=dict(release.tables),
        bronze_version=release.bronze_version,
    )
    if result.success and not select:
        signature_file.write_text(signature + "\n")
    if raise_on_failure and not result.success:
        detail = "\n".join(failures) or "dbt build failed; see " + str(work_dir / "logs")
        raise DbtBuildError(f"dbt build into {database} failed:\n{detail}")
    return result


def _invoke(args: list[str], common: list[str], database: str, signature: str) -> Any:
    """dbt with `args`, on the project as parsed by this process's last build into `database`
    when it had the same signature (`dbt parse` with the `common` arguments parses it anew)."""
    from dbt.cli.main import dbtRunner

    parsed_with, manifest = _MANIFESTS.get(database, (None, None))
    if parsed_with != signature:
        parsed = dbtRunner().invoke(["parse", *common])
        if not parsed.success or parsed.result is None:
            return parsed  # its exception says why
        manifest = parsed.result
        _MANIFESTS[database] = (signature, manifest)
    return dbtRunner(manifest=manifest).invoke(args)


def _release_duckdb() -> None:
    """Close the DuckDB instance dbt-duckdb keeps open in this process after a run: until it
    is closed, no one else here (the quality gate, an export) can open the file read-only."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


def _read_invocation_id(database: Path) -> str | None:
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("select dbt_invocation_id from audit_build").fetchone()
        return row[0] if row else None
    except duckdb.Error:
        return None
    finally:
        con.close()
