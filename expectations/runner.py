"""Run the checks: DuckDB finds and counts violations, Great Expectations judges the tallies.

Per layer, the runner builds a one-row tally frame (one column per check: the number of
violating rows) and validates it with the layer's GX suite, whose expectations carry each
check's severity and description in `meta`. GX's validation results feed the data docs; the
counts and examples feed the messages and the results store. Only aggregates and a handful of
example rows leave DuckDB, so validating 20 M bronze rows never builds a 20 M-row DataFrame.
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from expectations import quarantine as quarantine_
from expectations.checks import LAYERS, Check
from expectations.config import CRITICAL, WARNING, QualityConfig
from expectations.quarantine import Quarantine
from expectations.sources import Lake, one_row
from expectations.suites import checks_for
from trappe.core.settings import Settings
from trappe.core.time import new_run_id

log = logging.getLogger(__name__)

EXAMPLES = 3
NOT_RUN = -1  # the tally of a check that could not run: fails its expectation (fail closed)
EXPECTATION_TYPE = "expect_column_max_to_be_between"


@dataclass
class CheckResult:
    check: Check
    violations: int  # NOT_RUN when the query failed
    examples: list[dict] = field(default_factory=list)
    note: str | None = None  # why it did not run, or why it does not apply
    applicable: bool = True
    success: bool = False  # GX's verdict on the tally
    seconds: float = 0.0
    held: int = 0  # events put in the quarantine (a holding check's findings with an event_id)

    @property
    def name(self) -> str:
        return self.check.name

    @property
    def severity(self) -> str:
        return self.check.severity

    @property
    def failed(self) -> bool:
        return not self.success

    def message(self) -> str:
        head = f"{self.name} [{self.severity}]"
        if not self.applicable:
            return f"{head}: not applicable ({self.note})"
        if self.violations == NOT_RUN:
            return f"{head}: could not run: {self.note}"
        held = (
            f"{self.held:,} events held in quarantine ({self.check.hold_reason})"
            if self.held
            else ""
        )
        if self.success:
            if held:
                examples = "; ".join(_format_example(e) for e in self.examples)
                return f"{head}: ok, {held} e.g. {examples}"
            return f"{head}: ok"
        text = f"{head}: {self.violations:,} {self.check.unit} fail: {self.check.description}"
        if held:
            text += f" ({held})"
        if self.examples:
            text += " e.g. " + "; ".join(_format_example(e) for e in self.examples)
        return text


def _format_example(row: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in row.items() if v is not None)


def _plain(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (int, float, bool, str)):
        return value
    return str(value)


def _missing(lake: Lake, names: tuple[str, ...]) -> list[str]:
    missing = []
    for name in names:
        try:
            lake.con.execute(f"SELECT * FROM {name} LIMIT 0")
        except duckdb.Error:
            missing.append(name)
    return missing


def run_check(lake: Lake, check: Check, reference: datetime | None = None) -> CheckResult:
    started = time.perf_counter()
    absent = _missing(lake, check.applies_if)
    if absent:
        return CheckResult(
            check, 0, note=f"no {', '.join(absent)} to compare with", applicable=False, success=True
        )
    missing = _missing(lake, check.requires)
    if missing:
        return CheckResult(
            check,
            NOT_RUN,
            note=f"missing {', '.join(missing)}",
            seconds=time.perf_counter() - started,
        )
    try:
        # the examples first: a holding check's findings leave the `counting_*` views it reads
        # once they are held
        cursor = lake.con.execute(f"SELECT * FROM ({check.sql}) LIMIT {EXAMPLES}")
        columns = [d[0] for d in cursor.description]
        examples = [{c: _plain(v) for c, v in zip(columns, row)} for row in cursor.fetchall()]
        held = 0
        if not examples:
            count = 0
        elif check.holds:
            held, count = quarantine_.hold(lake, check, reference)
        else:
            (count,) = one_row(lake.con.execute(f"SELECT count(*) FROM ({check.sql})"))
    except duckdb.Error as exc:
        first_line = str(exc).strip().splitlines()[0]
        return CheckResult(check, NOT_RUN, note=first_line, seconds=time.perf_counter() - started)
    return CheckResult(
        check, int(count), examples, seconds=time.perf_counter() - started, held=held
    )


@dataclass
class ValidationReport:
    run_id: str
    validated_at: datetime
    layers: tuple[str, ...]
    results: list[CheckResult]
    data_docs_index: Path | None = None
    seconds: float = 0.0
    quarantine: Quarantine | None = None  # None when no input layer was checked

    @property
    def critical_failures(self) -> list[CheckResult]:
        return [r for r in self.results if r.failed and r.severity == CRITICAL]

    @property
    def warnings(self) -> list[CheckResult]:
        return [r for r in self.results if r.failed and r.severity == WARNING]

    @property
    def verdict(self) -> str:
        if self.critical_failures:
            return "failed"
        return "passed_with_warnings" if self.warnings else "passed"

    def summary(self) -> str:
        lines = [
            f"quality run {self.run_id}: {self.verdict} "
            f"({len(self.results)} checks on {', '.join(self.layers)}; "
            f"{len(self.critical_failures)} critical, {len(self.warnings)} warnings; "
            f"{self.seconds:.1f} s)"
        ]
        lines += ["  FAILED  " + r.message() for r in self.critical_failures]
        lines += ["  WARNING " + r.message() for r in self.warnings]
        if self.quarantine is not None:
            lines.append("  " + self.quarantine.summary())
            lines += ["  HELD    " + r.message() for r in self.results if r.held and r.success]
        return "\n".join(lines)

    def records(self) -> list[dict]:
        """One record per run and expectation: the rows of quality/results/<run_id>.parquet."""
        return [
            {
                "run_id": self.run_id,
                "validated_at": self.validated_at,
                "layer": r.check.layer,
                "check": r.name,
                "expectation_type": EXPECTATION_TYPE,
                "severity": r.severity,
                "success": r.success,
                "applicable": r.applicable,
                "violations": r.violations,
                "held": r.held,
                "unit": r.check.unit,
                "examples": json.dumps(r.examples, ensure_ascii=False),
                "note": r.note,
                "description": r.check.description,
                "message": r.message(),
                "seconds": round(r.seconds, 4),
            }
            for r in self.results
        ]


# -- Great Expectations ---------------------------------------------------------------------


def _gx_context(data_docs_dir: Path | None):
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    for site in list(context.list_data_docs_sites()):
        context.delete_data_docs_site(site)
    if data_docs_dir is not None:
        # a plain dict: GX's TypedDict for it lacks keys its SiteBuilder takes
        site_config: Any = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(data_docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
        context.add_data_docs_site(site_name="trappe", site_config=site_config)
    return gx, context


def suite_for(gx, layer: str, checks: list[Check]):
    """The layer's GX suite: one expectation per check on its column of the tally frame."""
    suite = gx.ExpectationSuite(name=f"trappe_{layer}")
    for check in checks:
        suite.add_expectation(
            gx.expectations.ExpectColumnMaxToBeBetween(
                column=check.rule,
                min_value=0,
                max_value=0,
                description=f"{check.description} (severity: {check.severity})",
                meta={"severity": check.severity, "check": check.name, "unit": check.unit},
            )
        )
    return suite


def _judge(results: list[CheckResult], run_id: str, data_docs_dir: Path | None) -> Path | None:
    import pandas as pd

    gx, context = _gx_context(data_docs_dir)

    source = context.data_sources.add_pandas("trappe_tallies")
    definitions, frames = [], {}
    for layer in LAYERS:
        judged = [r for r in results if r.check.layer == layer and r.applicable]
        if not judged:
            continue
        # one asset per layer: each layer's tally is a whole-dataframe batch of its own
        frames[layer] = pd.DataFrame({r.check.rule: [r.violations] for r in judged})
        batch = source.add_dataframe_asset(f"{layer}_tally").add_batch_definition_whole_dataframe(
            f"{layer}_tally"
        )
        suite = context.suites.add(suite_for(gx, layer, [r.check for r in judged]))
        definitions.append(
            (
                layer,
                context.validation_definitions.add(
                    gx.ValidationDefinition(name=f"trappe_{layer}", data=batch, suite=suite)
                ),
            )
        )
    if not definitions:
        return None
    by_name = {r.name: r for r in results}
    gx_run_id = _gx_run_id(run_id)
    for layer, definition in definitions:
        validation = definition.run(
            batch_parameters={"dataframe": frames[layer]}, run_id=gx_run_id, result_format="SUMMARY"
        )
        for expectation in validation.results:
            by_name[expectation.expectation_config.meta["check"]].success = bool(
                expectation.success
            )
    if data_docs_dir is None:
        return None
    context.build_data_docs(site_names=["trappe"])
    return data_docs_dir / "index.html"


def _gx_run_id(run_id: str):
    from great_expectations.core.run_identifier import RunIdentifier

    return RunIdentifier(run_name=run_id)


INPUT_LAYERS = ("bronze", "silver")


def collect(
    settings: Settings,
    checks: list[Check],
    *,
    marts_db: Path | None = None,
    previous_db: Path | None = None,
    as_of: datetime | None = None,
) -> tuple[list[CheckResult], Quarantine | None]:
    """Run the checks' queries (no verdict yet): input checks stage by stage, each holding what
    it may in the quarantine before the next stage reads the `counting_*` views."""
    lake = Lake(settings, marts_db=marts_db, previous_db=previous_db)
    try:
        # views are free: every layer's sources are attached, since marts checks read silver too
        lake.attach_bronze()
        lake.attach_silver()
        lake.attach_marts()
        inputs = [c for c in checks if c.layer in INPUT_LAYERS]
        quarantine = None
        by_name: dict[str, CheckResult] = {}
        if inputs:
            reference = quarantine_.prepare(lake, as_of)
            for check in sorted(inputs, key=lambda c: c.stage):  # stable: registry order within
                by_name[check.name] = run_check(lake, check, reference)
            quarantine = quarantine_.collect(lake, as_of, reference)
        for check in checks:
            if check.name not in by_name:
                by_name[check.name] = run_check(lake, check)
    finally:
        lake.close()
    return [by_name[c.name] for c in checks], quarantine


def judge(
    settings: Settings, results: list[CheckResult], run_id: str, data_docs: bool = True
) -> Path | None:
    """Great Expectations' verdict on every result's tally; the data docs when asked."""
    # GX wants an absolute path; TRAPPE_HOME is often relative (./lake)
    docs_dir = (settings.quality_dir / "data_docs").resolve() if data_docs else None
    index = _judge(results, run_id, docs_dir)
    for r in results:
        log.info("%s (%.2f s)", r.message(), r.seconds)
    return index


def run_suites(
    settings: Settings,
    layers: tuple[str, ...] | list[str] = LAYERS,
    *,
    marts_db: Path | None = None,
    previous_db: Path | None = None,
    config: QualityConfig | None = None,
    run_id: str | None = None,
    data_docs: bool = True,
    as_of: datetime | None = None,
) -> ValidationReport:
    """Validate the given layers of the lake as of `as_of` (None: every recorded event);
    `marts_db` defaults to the staging DB."""
    started = time.perf_counter()
    config = config or QualityConfig.from_settings(settings)
    run_id = run_id or new_run_id()
    layers = tuple(layers)
    checks = checks_for(layers, config)
    results, quarantine = collect(
        settings,
        checks,
        marts_db=marts_db or settings.staging_db,
        previous_db=previous_db,
        as_of=as_of,
    )
    index = judge(settings, results, run_id, data_docs)
    return ValidationReport(
        run_id,
        datetime.now(UTC),
        layers,
        results,
        index,
        time.perf_counter() - started,
        quarantine,
    )
