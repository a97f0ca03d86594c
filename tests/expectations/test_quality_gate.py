"""Write-audit-publish: each corruption is caught by the right check, publishing is refused,
the published file is untouched and the message names the problem."""

from __future__ import annotations

import hashlib
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from expectations import QualityConfig, QualityGateFailed, validate_and_publish
from expectations.gate import CHECKS_TABLE, QUARANTINE_TABLE, VERDICT_TABLE
from tests.expectations.proofs.bronze.dates_in_range import occurred_in_1985
from tests.expectations.proofs.common import retract
from tests.expectations.proofs.silver.cases_closed_after_opened import closed_before_opened
from tests.expectations.proofs.silver.cost_amounts_plausible import cost_of_1e15_dkk
from tests.expectations.quality_lake import clean_kpis, event, kpi_row, write_kpis

CPR = "010190-1234"


def fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def verdict_row(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            f"SELECT run_id, verdict, critical_failures, warnings FROM {VERDICT_TABLE}"
        ).fetchone()
    finally:
        con.close()


def published_clean(make_lake, spec):
    """A lake whose clean build is already published: the baseline a bad build must not touch."""
    settings = make_lake(spec)
    first = validate_and_publish(settings, data_docs=False)
    assert first.published, first.message
    return settings, fingerprint(settings.published_db)


def test_clean_lake_passes_and_publishes(make_lake, spec):
    settings = make_lake(spec)
    result = validate_and_publish(settings, run_id="run-clean")
    assert result.verdict == "passed", result.message
    assert result.published and settings.published_db.exists()
    assert verdict_row(settings.published_db) == ("run-clean", "passed", 0, 0)
    # the published copy holds the marts themselves, not just the verdict
    con = duckdb.connect(str(settings.published_db), read_only=True)
    assert con.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == len(spec.kpis)
    con.close()

    records = pq.read_table(result.results_path).to_pylist()
    assert {r["run_id"] for r in records} == {"run-clean"}
    assert len(records) == len(result.report.results) >= 25
    assert {r["layer"] for r in records} == {"bronze", "silver", "marts"}
    assert all(r["success"] for r in records)
    assert {r["severity"] for r in records} == {"critical", "warning"}

    docs = settings.quality_dir / "data_docs"
    assert (docs / "index.html").exists()
    bronze_page = next((docs / "validations" / "trappe_bronze").rglob("*.html")).read_text()
    assert "ingest_runs_reconcile" in bronze_page


def corrupt_orphan(spec):
    spec.events.append(
        event(
            "E-99",
            "ladder.moved",
            "2015-03-01",
            "C-404",
            {
                "measure_id": "M-9",
                "from_step": None,
                "to_step": 1,
                "measure_type": "contact_person",
                "provider_id": "P-1",
                "daily_cost_dkk": 300.0,
                "short_term": False,
                "reason": "other",
            },
        )
    )


def corrupt_share(spec):
    row = next(
        r
        for r in spec.kpis
        if r["kpi"] == "placement_share"
        and r["period"] == "2015-03"
        and r["breakdown"] == "institution"
    )
    row["value"] = 70.0


def corrupt_negative_cost(spec):
    next(e for e in spec.events if e["event_id"] == "E-06")["payload"]["amount_dkk"] = -80000.0


def corrupt_cpr(spec):
    next(e for e in spec.events if e["event_id"] == "E-08")["payload"]["concern"] = f"cpr {CPR}"


def corrupt_cpr_child_id(spec):
    next(e for e in spec.events if e["event_id"] == "E-02")["child_id"] = "1201901234"


def corrupt_missing_month(spec):
    spec.kpis[:] = [
        r for r in spec.kpis if not (r["kpi"] == "placed_child_years" and r["period"] == "2015-04")
    ]


def corrupt_run_record(spec):
    spec.run_record = {"read": 12}  # two records the run cannot account for


def corrupt_rate(spec):
    next(r for r in spec.kpis if r["kpi"] == "followup_compliance_herning")["value"] = 112.5


def corrupt_unknown_followup_measure(spec):
    next(e for e in spec.events if e["event_id"] == "E-05")["payload"]["measure_id"] = "M-77"


def corrupt_ladder_step(spec):
    next(e for e in spec.events if e["event_id"] == "E-04")["payload"]["to_step"] = 2


def corrupt_child_years(spec):
    next(
        r
        for r in spec.kpis
        if r["kpi"] == "placed_child_years" and r["period"] == "2015H1" and r["district"] == "all"
    )["value"] = 2.5  # 2 cases


@pytest.mark.parametrize(
    "corrupt, check, event_id, needle",
    [
        (corrupt_orphan, "silver.events_have_opened_case", "E-99", "case_id=C-404"),
        (corrupt_negative_cost, "silver.amounts_non_negative", "E-06", "amount=-80000.0"),
        (corrupt_cpr, "bronze.no_cpr", "E-08", "columns=payload_json"),
        (corrupt_cpr_child_id, "bronze.no_cpr", "E-02", "columns=child_id"),
        (
            corrupt_unknown_followup_measure,
            "silver.followups_refer_to_known_measure",
            "E-05",
            "measure_id=M-77",
        ),
        (corrupt_ladder_step, "silver.ladder_steps_match_seed", "E-04", "seed_step=4"),
    ],
    ids=lambda v: getattr(v, "__name__", None) if callable(v) else None,
)
def test_bad_input_is_held_in_quarantine_not_blocking(
    make_lake, spec, corrupt, check, event_id, needle
):
    corrupt(spec)
    settings = make_lake(spec)

    result = validate_and_publish(settings, run_id="run-held", data_docs=False)

    assert result.published, result.message
    held = next(r for r in result.report.results if r.name == check)
    assert held.success and held.held >= 1 and held.violations == 0
    line = next(x for x in result.message.splitlines() if x.startswith("  HELD") and check in x)
    assert needle in line, line
    assert "quarantine: " in result.message and check in result.message
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        rows = con.execute(
            f'SELECT run_id, event_id, reason FROM {QUARANTINE_TABLE} WHERE "check" = ?', [check]
        ).fetchall()
        verdict = con.execute(f"SELECT quarantined_events FROM {VERDICT_TABLE}").fetchone()
    finally:
        con.close()
    assert ("run-held", event_id) in {(r[0], r[1]) for r in rows}
    assert verdict[0] >= 1


@pytest.mark.parametrize(
    "corrupt, check, needle",
    [
        (corrupt_share, "marts.shares_sum_to_100", "share_sum=110.0"),
        (corrupt_missing_month, "marts.period_spine_complete", "missing_period=2015-04"),
        (corrupt_run_record, "bronze.ingest_runs_reconcile", "read=12"),
        (corrupt_rate, "marts.rates_within_0_100", "value=112.5"),
        (corrupt_child_years, "marts.child_years_within_cases", "child_years=2.5"),
    ],
    ids=lambda v: getattr(v, "__name__", None) if callable(v) else None,
)
def test_corruption_blocks_publishing(make_lake, spec, corrupt, check, needle):
    corrupt(spec)
    bad = make_lake(spec)
    write_kpis(bad.published_db, clean_kpis())  # the previous, good build readers rely on
    before = fingerprint(bad.published_db)

    result = validate_and_publish(bad, data_docs=False)

    assert result.verdict == "failed" and not result.published
    assert [r.name for r in result.report.critical_failures] == [check], result.message
    assert fingerprint(bad.published_db) == before
    line = next(x for x in result.message.splitlines() if check in x)
    assert "FAILED" in line and needle in line, line
    assert "NOT published" in result.message
    assert verdict_row(bad.staging_db)[1:] == (result.run_id, "failed", 1, 0)[1:]
    failed = [r for r in pq.read_table(result.results_path).to_pylist() if not r["success"]]
    assert [(r["check"], r["severity"]) for r in failed] == [(check, "critical")]
    assert failed[0]["violations"] >= 1 and json.loads(failed[0]["examples"])


def test_cpr_never_appears_in_messages_results_or_quarantine(make_lake, spec):
    corrupt_cpr(spec)
    next(e for e in spec.events if e["event_id"] == "E-07")["case_id"] = "C-" + CPR
    settings = make_lake(spec)
    result = validate_and_publish(settings, data_docs=False)
    assert result.published  # held, not published: the marts never see the events
    assert CPR not in result.message
    assert CPR not in pq.read_table(result.results_path).to_pandas().to_json()
    con = duckdb.connect(str(settings.published_db), read_only=True)
    held = con.execute(f"SELECT * FROM {QUARANTINE_TABLE}").df()
    con.close()
    assert {"E-07", "E-08"} <= set(held["event_id"])
    assert CPR not in held.to_json()


def test_own_pseudonyms_are_not_mistaken_for_cpr(make_lake, spec):
    # an HMAC pseudonym's hex digits can look like a date: the platform made it, it is no CPR
    for e in spec.events:
        if e["case_id"] == "C-1":
            e["child_id"] = "P-0101901234abcdef01234567"
    result = validate_and_publish(make_lake(spec), data_docs=False)
    assert result.verdict == "passed", result.message


def test_warning_only_publishes_with_flag(make_lake, spec):
    for row in spec.kpis:
        if row["kpi"] == "unit_cost_per_child_year":
            row["value"] = 9_500_000.0  # implausible, not impossible
    settings = make_lake(spec)
    result = validate_and_publish(settings, run_id="run-warn", data_docs=False)
    assert result.verdict == "passed_with_warnings" and result.published
    assert [r.name for r in result.report.warnings] == ["marts.unit_cost_plausible"]
    assert "WARNING marts.unit_cost_plausible" in result.message
    assert verdict_row(settings.published_db) == ("run-warn", "passed_with_warnings", 0, 1)
    con = duckdb.connect(str(settings.published_db), read_only=True)
    flagged = con.execute(
        f'SELECT "check", violations FROM {CHECKS_TABLE} WHERE NOT success'
    ).fetchall()
    con.close()
    assert flagged == [("marts.unit_cost_plausible", 2)]


def test_jump_against_published_build_is_flagged_not_blocked(make_lake, spec):
    settings, before = published_clean(make_lake, spec)
    kpis = [dict(r) for r in spec.kpis]
    for row in kpis:
        if row["kpi"] == "placed_child_years" and row["district"] == "all":
            if row["period"] == "2015-03":
                row["value"] = 2.0  # more than doubled: a closed month moved
            if row["period"] == "2015-06":
                row["value"] = 1.9  # the latest month is still filling: not compared
    write_kpis(settings.staging_db, kpis)

    result = validate_and_publish(settings, data_docs=False)

    assert result.verdict == "passed_with_warnings" and result.published
    (flag,) = result.report.warnings
    assert flag.name == "marts.stable_since_last_published" and flag.violations == 1
    assert flag.examples[0]["period"] == "2015-03"
    assert (flag.examples[0]["published_value"], flag.examples[0]["new_value"]) == (0.8, 2.0)
    assert fingerprint(settings.published_db) != before


def test_first_build_has_nothing_to_compare_with(make_lake, spec):
    result = validate_and_publish(make_lake(spec), data_docs=False)
    jump = next(r for r in result.report.results if r.name == "marts.stable_since_last_published")
    assert not jump.applicable and jump.success


def test_missing_staging_db_fails_closed(make_lake, spec):
    settings = make_lake(spec)
    settings.staging_db.unlink()
    result = validate_and_publish(settings, data_docs=False)
    assert not result.published and not settings.published_db.exists()
    assert (
        "marts.kpi_values_not_empty [critical]: could not run: missing marts.kpi_values"
        in result.message
    )


def test_raise_on_failure(make_lake, spec):
    corrupt_share(spec)
    with pytest.raises(QualityGateFailed, match=r"marts\.shares_sum_to_100"):
        validate_and_publish(make_lake(spec), raise_on_failure=True, data_docs=False)


def test_severity_override_turns_a_block_into_a_flag(make_lake, spec):
    corrupt_share(spec)
    config = QualityConfig(severity_overrides={"marts.shares_sum_to_100": "warning"})
    result = validate_and_publish(make_lake(spec), config=config, data_docs=False)
    assert result.verdict == "passed_with_warnings" and result.published
    with pytest.raises(ValueError, match="unknown checks"):
        validate_and_publish(
            make_lake(spec, name="other"),
            data_docs=False,
            config=QualityConfig(severity_overrides={"silver.nope": "warning"}),
        )


def test_readers_of_the_old_published_file_keep_it(make_lake, spec):
    settings, _ = published_clean(make_lake, spec)
    reader = duckdb.connect(str(settings.published_db), read_only=True)
    old_rows = reader.execute("SELECT count(*) FROM kpi_values").fetchone()[0]
    kpis = [*spec.kpis, kpi_row("notifications", "2015H1", "all", 1.0, "count")]
    write_kpis(settings.staging_db, kpis)

    assert validate_and_publish(settings, data_docs=False).published

    assert reader.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == old_rows
    reader.close()
    fresh = duckdb.connect(str(settings.published_db), read_only=True)
    assert fresh.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == old_rows + 1
    fresh.close()
    leftovers = [p.name for p in settings.warehouse_dir.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def held_in(db, check):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            r[0]
            for r in con.execute(
                f'SELECT event_id FROM {QUARANTINE_TABLE} WHERE "check" = ?', [check]
            ).fetchall()
        }
    finally:
        con.close()


def test_a_bad_event_is_held_and_its_retraction_lets_the_next_build_publish_it_away(
    make_lake, spec
):
    # bronze is append-only: the 1985 date stays in the lake; the build publishes without it
    occurred_in_1985(spec)
    first = make_lake(spec, name="before")
    result = validate_and_publish(first, data_docs=False)
    assert result.published, result.message
    assert held_in(first.published_db, "bronze.dates_in_range") == {"E-08"}
    assert "E-08" in next(x for x in result.message.splitlines() if "dates_in_range" in x)

    # the feed's owner retracts it: the next build has nothing held and publishes as well
    retract(spec, "E-08", "2015-06-01")
    second = make_lake(spec, name="after")
    result = validate_and_publish(second, data_docs=False)
    assert result.published and result.verdict == "passed", result.message
    assert held_in(second.published_db, "bronze.dates_in_range") == set()
    assert result.report.quarantine is not None and result.report.quarantine.events == 0


def test_a_retracted_move_holds_its_followups_without_blocking(make_lake, spec):
    # E-03 opened measure M-1; E-05 is a follow-up on it, E-06 a cost booked on it
    retract(spec, "E-03", "2015-03-01")
    settings = make_lake(spec)
    result = validate_and_publish(settings, data_docs=False)
    assert result.published, result.message
    assert "E-05" in held_in(settings.published_db, "silver.followups_refer_to_known_measure")


def test_a_cpr_in_a_dead_letter_is_flagged_on_every_build_never_blocking(make_lake, spec):
    spec.dead_letters[0]["error_field"] = f"payload.note: {CPR}"
    result = validate_and_publish(make_lake(spec), data_docs=False)
    assert result.published and result.verdict == "passed_with_warnings", result.message
    assert [r.name for r in result.report.warnings] == ["bronze.no_cpr_in_dead_letters"]
    assert CPR not in result.message


@pytest.mark.parametrize(
    "corrupt, check",
    [
        (cost_of_1e15_dkk, "silver.cost_amounts_plausible"),
        (closed_before_opened, "silver.cases_closed_after_opened"),
    ],
    ids=["cost_of_1e15_dkk", "case_closed_before_opened"],
)
def test_absurd_data_is_caught_and_named_not_published(make_lake, spec, corrupt, check):
    event_id = corrupt(spec)
    settings = make_lake(spec)
    result = validate_and_publish(settings, data_docs=False)
    assert result.published, result.message
    line = next(x for x in result.message.splitlines() if x.startswith("  HELD") and check in x)
    assert f"event_id={event_id}" in line, line
    assert held_in(settings.published_db, check) == {event_id}


def test_old_quarantine_files_are_pruned_but_the_published_ones_kept(make_lake, spec):
    from expectations.gate import prune_quarantines, screen

    settings = make_lake(spec)
    first = screen(settings, run_id="run-0")
    assert validate_and_publish(settings, screening=first, data_docs=False).published
    for n in range(1, 5):
        screen(settings, run_id=f"run-{n}")
    prune_quarantines(settings, keep=2)
    left = sorted(p.stem for p in (settings.quality_dir / "quarantine").glob("*.parquet"))
    assert left == ["run-0", "run-3", "run-4"]


def test_screening_fails_fast_on_what_it_cannot_hold_and_records_why(make_lake, spec):
    from expectations.gate import screen

    corrupt_run_record(spec)
    find_event = next(e for e in spec.events if e["event_id"] == "E-08")
    find_event["occurred_at"] = find_event["occurred_at"].replace(year=2090)  # held, not fatal
    settings = make_lake(spec)

    screening = screen(settings, run_id="run-screen")

    assert not screening.passed
    assert "NOT built" in screening.message and "bronze.ingest_runs_reconcile" in screening.message
    assert screening.results_path is not None and screening.results_path.exists()
    held = pq.read_table(screening.quarantine_path).to_pylist()
    assert {(r["event_id"], r["check"]) for r in held} == {("E-08", "bronze.dates_in_range")}
