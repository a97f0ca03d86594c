"""bronze -> silver with a real local Spark session: dedup, retractions, incremental == full,
as-of."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from tests.support.transform_lake import (
    duckdb_types,
    event,
    read_silver,
    retraction,
    silver_relation,
    write_batch,
)
from transformations import run_transform
from transformations.publish import rows_by_year
from transformations.schema import TABLES
from trappe.app.cli import cli
from trappe.core import lakehouse
from trappe.core.settings import Settings

pytestmark = pytest.mark.spark

UTC = UTC
LINEAGE = ("ingest_batch_id", "ingest_row")

# Three bronze batches, as three ingestion runs would write them. Recorded times are deliberately
# out of order across batches: late events, an earlier copy of a stored event, a retraction that
# arrives before the event it retracts.
SLICE_1 = [
    event("e1", "case.opened", "2014-02-03", "2014-02-03T10:00:00+01:00", district="Vildbjerg"),
    event("e2", "ladder.moved", "2014-03-01", "2014-03-02T09:00:00+01:00"),
    event("e3", "followup.held", "2015-01-10", "2015-01-10T12:00:00+01:00", channel="in_person"),
    event("e4", "cost.booked", "2015-06-01", "2015-06-02T08:00:00+02:00"),
    # 23:30 UTC on New Year's Eve is 00:30 on 1 January in Copenhagen: a 2016 event.
    event("e5", "notification.received", "2015-12-31T23:30:00+00:00", "2016-01-01T09:00:00+01:00"),
    event("e6", "wellbeing.assessed", "2016-02-01", "2016-02-01T10:00:00+01:00"),
    event(
        "e3", "followup.held", "2015-01-10", "2015-01-11T12:00:00+01:00", channel="phone"
    ),  # later copy
    retraction("r1", "e2", "2015-02-01T10:00:00+01:00"),
]
SLICE_2 = [
    event("e7", "case.transferred", "2016-03-01", "2016-03-01T10:00:00+01:00"),
    # an earlier recorded copy of e1 arrives later: it wins and replaces the stored one
    event("e1", "case.opened", "2014-02-03", "2014-02-02T10:00:00+01:00", district="Sdr. Felding"),
    event("e8", "decision.made", "2014-05-01", "2016-04-01T10:00:00+02:00"),  # late for 2014
    retraction("r2", "e6", "2016-04-02T10:00:00+02:00"),
    retraction("r3", "e9", "2016-05-01T10:00:00+02:00"),  # e9 is not in bronze yet
]
SLICE_3 = [
    event("e9", "complaint.received", "2015-03-01", "2015-03-01T10:00:00+01:00"),
    event(
        "e7", "case.transferred", "2016-03-01", "2016-06-01T10:00:00+02:00"
    ),  # later copy: ignored
    retraction("r4", "e2", "2014-06-01T10:00:00+02:00"),  # retracts e2 earlier than r1 did
]
SLICES = [SLICE_1, SLICE_2, SLICE_3]
ALL_IDS = {e["event_id"] for s in SLICES for e in s}


def _write_slices(settings: Settings, slices=SLICES) -> None:
    for n, events in enumerate(slices, start=1):
        write_batch(
            settings,
            f"batch-{n}",
            events,
            ingest_date=f"2026-01-0{n}",
            ingested_at=datetime(2026, 1, n, tzinfo=UTC),
        )


def _snapshot(settings: Settings, exclude: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    return {table: read_silver(settings, table, exclude=exclude) for table in ["events", *TABLES]}


def _partitions(settings: Settings) -> dict[str, list[int]]:
    return {t: sorted(rows_by_year(settings.silver_dir / t)) for t in ["events", *TABLES]}


@pytest.fixture(scope="module")
def full(tmp_path_factory, spark):
    """All three batches transformed in one full run."""
    settings = Settings(home=tmp_path_factory.mktemp("full"))
    _write_slices(settings)
    record = run_transform(settings, spark=spark)
    return settings, record


@pytest.fixture(scope="module")
def incremental(tmp_path_factory, spark):
    """The same batches, transformed after each arrives."""
    settings = Settings(home=tmp_path_factory.mktemp("incremental"))
    records = []
    for n, events in enumerate(SLICES, start=1):
        write_batch(
            settings,
            f"batch-{n}",
            events,
            ingest_date=f"2026-01-0{n}",
            ingested_at=datetime(2026, 1, n, tzinfo=UTC),
        )
        records.append(run_transform(settings, spark=spark))
    return settings, records


def test_incremental_runs_equal_one_full_run(full, incremental):
    full_settings, _ = full
    inc_settings, records = incremental
    assert [r.mode for r in records] == ["full", "incremental", "incremental"]
    assert _snapshot(inc_settings) == _snapshot(full_settings)
    assert _partitions(inc_settings) == _partitions(full_settings)


def test_full_refresh_is_deterministic(full, spark):
    """Replaying all of bronze again (through the CLI) gives the same silver."""
    settings, first = full
    before = _snapshot(settings)
    result = CliRunner().invoke(cli, ["transform", "--home", str(settings.home), "--full-refresh"])
    assert result.exit_code == 0, result.output
    assert (
        "(full): 3 bronze versions, 16 rows in, 3 duplicates removed, 3 retractions applied"
        in result.output
    )
    assert _snapshot(settings) == before
    release = lakehouse.read_release(settings.silver_dir)
    assert release is not None and release.run_id != first.run_id  # a new release
    # rewritten whole: a new version of every table with rows (Delta commits nothing when an
    # empty table is overwritten by nothing)
    assert all(
        v > first.tables[t].version for t, v in release.tables.items() if first.tables[t].rows_out
    )


def test_first_recorded_copy_wins(full):
    settings, record = full
    events = {r[0]: r for r in read_silver(settings, "events", exclude=LINEAGE)}
    assert set(events) == ALL_IDS  # retracted events are kept
    opened = read_silver(settings, "case_opened", "event_id = 'e1'")
    assert len(opened) == 1
    assert "Sdr. Felding" in opened[0]  # the copy recorded on 2 Feb, though ingested later
    held = read_silver(settings, "followup_held", "event_id = 'e3'")
    assert len(held) == 1 and "in_person" in held[0]
    rows_in = sum(len(s) for s in SLICES)
    assert record.rows_in == rows_in
    assert record.duplicates_removed == rows_in - len(ALL_IDS) == 3
    assert record.tables["events"].rows_out == len(ALL_IDS)


def test_retractions_are_marked_not_deleted(full):
    settings, record = full
    marks = {r[0]: r[1:] for r in read_silver_marks(settings)}
    utc = lambda *a: datetime(*a, tzinfo=UTC)  # noqa: E731
    assert marks["e2"] == (utc(2014, 6, 1, 8), "r4")  # the earliest retraction counts
    assert marks["e6"] == (utc(2016, 4, 2, 8), "r2")
    assert marks["e9"] == (utc(2016, 5, 1, 8), "r3")  # retraction recorded before e9 arrived
    assert all(v == (None, None) for k, v in marks.items() if k not in {"e2", "e6", "e9"})
    assert record.retractions_applied == 3
    # the per-type tables carry the same marks
    ladder = read_silver(settings, "ladder_moved", "event_id = 'e2'")
    assert len(ladder) == 1 and "r4" in ladder[0]


def read_silver_marks(settings: Settings) -> list[tuple]:
    import duckdb

    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        return [
            (e, at.astimezone(UTC) if at else None, by)
            for e, at, by in con.execute(
                f"select event_id, retracted_at, retracted_by_event_id "
                f"from {silver_relation(settings, 'events')}"
            ).fetchall()
        ]


def test_local_dates_and_partitions(full):
    settings, _ = full
    rows = read_silver(settings, "notification_received", "event_id = 'e5'")
    assert len(rows) == 1
    types = list(duckdb_types(settings, "notification_received"))
    row = dict(zip(types, rows[0]))
    assert row["occurred_date"] == date(2016, 1, 1)
    assert row["event_year"] == 2016
    years = {r[0]: r[1] for r in _query(settings, "select event_id, event_year from events")}
    assert years["e8"] == 2014  # late event in its own year's partition
    assert years["r4"] == 2014
    assert sorted(rows_by_year(settings.silver_dir / "events")) == [2014, 2015, 2016]


def _query(settings: Settings, sql: str) -> list[tuple]:
    import duckdb

    with duckdb.connect() as con:
        for table in ["events", *TABLES]:
            con.execute(f"create view {table} as select * from {silver_relation(settings, table)}")
        return con.execute(sql).fetchall()


def test_incremental_run_touches_exactly_the_changed_partitions(incremental):
    settings, records = incremental
    second, third = records[1], records[2]
    touched = {t: s.partitions_touched for t, s in third.tables.items() if s.partitions_touched}
    # e9 lands in 2015; r4 (2014) re-marks e2 (2014); the later copy of e7 changes nothing.
    assert touched == {
        "events": [2014, 2015],
        "complaint_received": [2015],
        "event_retracted": [2014],
        "ladder_moved": [2014],
    }
    assert third.tables["events"].partitions_untouched == [2016]
    assert third.duplicates_removed == 1
    assert third.retractions_applied == 2  # e9 arrives retracted, e2 re-marked
    # the displaced copy of e1 (2014) and the late e8 (2014) touch 2014 in the second run
    assert 2014 in second.tables["case_opened"].partitions_touched
    assert second.tables["decision_made"].partitions_touched == [2014]

    # untouched partitions are left as they were: the same files in both versions
    def files_2016(version: int | None) -> list[str]:
        table = lakehouse.open_table(settings.silver_dir / "events", version)
        assert table is not None
        return [f for f in lakehouse.data_files(table) if "/event_year=2016/" in f]

    kept = files_2016(second.tables["events"].version)
    assert kept and kept == files_2016(third.tables["events"].version)


def test_publication_and_bookkeeping(incremental, spark):
    settings, records = incremental
    release = lakehouse.read_release(settings.silver_dir)
    assert release is not None and release.run_id == records[-1].run_id
    assert release.bronze_version == lakehouse.current_version(settings.bronze_dir) == 2
    # silver is plain Delta tables, each at the version its release names
    assert not settings.silver_dir.is_symlink()
    for table in ["events", *TABLES]:
        assert lakehouse.is_table(settings.silver_dir / table), table
        assert release.tables[table] == lakehouse.current_version(settings.silver_dir / table)
        assert release.tables[table] == records[-1].tables[table].version
    properties = lakehouse.open_table(settings.silver_dir / "events").metadata().configuration
    assert properties.get("delta.enableDeletionVectors") == "false"
    for record in records:
        saved = json.loads((settings.transform_runs_dir / f"{record.run_id}.json").read_text())
        assert saved["bronze_versions"] == record.bronze_versions and saved["duration_s"] >= 0
    assert [r.bronze_versions for r in records] == [[0], [1], [2]]
    # nothing new in bronze: nothing is rewritten, silver stays where it is
    noop = run_transform(settings, spark=spark)
    assert noop.mode == "noop" and lakehouse.read_release(settings.silver_dir) == release


def test_as_of_reproduces_what_was_known_then(full, tmp_path, spark):
    """Full silver filtered as of T equals silver built from only the events recorded by T."""
    full_settings, _ = full
    as_of = datetime(2015, 6, 30, tzinfo=UTC)
    known = Settings(home=tmp_path / "known")
    _write_slices(
        known, [[e for e in s if datetime.fromisoformat(e["recorded_at"]) <= as_of] for s in SLICES]
    )
    run_transform(known, spark=spark)
    for table in ["events", *TABLES]:
        as_of_rows = _as_of(full_settings, table, as_of)
        assert as_of_rows == _as_of(known, table, None), table


def _as_of(settings: Settings, table: str, as_of: datetime | None) -> list[tuple]:
    import duckdb

    t = f"timestamptz '{as_of.isoformat()}'" if as_of else "timestamptz '9999-12-31 00:00:00+00'"
    with duckdb.connect() as con:
        rows = con.execute(
            f"select * exclude (retracted_at, retracted_by_event_id"
            f"{', ingest_batch_id, ingest_row' if table == 'events' else ''}),"
            f" case when retracted_at <= {t} then retracted_at end as retracted_at,"
            f" case when retracted_at <= {t} then retracted_by_event_id end as retracted_by"
            f" from {silver_relation(settings, table)} where recorded_at <= {t}"
            f" order by all"
        ).fetchall()
    return rows


def test_duckdb_reads_documented_types(full):
    settings, _ = full
    envelope = {
        "event_id": "VARCHAR",
        "schema_version": "INTEGER",
        "occurred_at": "TIMESTAMP WITH TIME ZONE",
        "occurred_date": "DATE",
        "recorded_at": "TIMESTAMP WITH TIME ZONE",
        "retracted_at": "TIMESTAMP WITH TIME ZONE",
        "retracted_by_event_id": "VARCHAR",
        "ingested_at": "TIMESTAMP WITH TIME ZONE",
    }
    for table in ["events", *TABLES]:
        types = duckdb_types(settings, table)
        assert {k: types[k] for k in envelope} == envelope, table
        assert types["event_year"] in ("INTEGER", "BIGINT"), table
    ladder = duckdb_types(settings, "ladder_moved")
    assert (
        ladder["from_step"],
        ladder["to_step"],
        ladder["daily_cost_dkk"],
        ladder["short_term"],
    ) == ("INTEGER", "INTEGER", "DOUBLE", "BOOLEAN")
    assert duckdb_types(settings, "followup_held")["next_due"] == "DATE"
    cost = duckdb_types(settings, "cost_booked")
    assert (cost["amount_dkk"], cost["period_start"], cost["period_end"]) == (
        "DOUBLE",
        "DATE",
        "DATE",
    )
    assert duckdb_types(settings, "case_opened")["birth_month"] == "VARCHAR"
    assert duckdb_types(settings, "wellbeing_assessed")["total_difficulties"] == "INTEGER"
    assert duckdb_types(settings, "case_transferred")["payload_caseworker_id"] == "VARCHAR"
    assert duckdb_types(settings, "events")["payload_json"] == "VARCHAR"
    # an event type that never occurred still has a readable, empty table
    assert duckdb_types(settings, "placement_broke_down")["initiated_by"] == "VARCHAR"
    assert read_silver(settings, "placement_broke_down") == []


def test_outside_readers_open_bronze_and_silver(full, spark):
    """delta-rs (`deltalake.DeltaTable`) and Spark with delta-spark read the lake's tables as
    they are, with the same row counts as the transform reports."""
    from deltalake import DeltaTable

    settings, record = full
    release = lakehouse.read_release(settings.silver_dir)
    assert release is not None
    paths = {"bronze": (settings.bronze_dir, release.bronze_version)} | {
        t: (settings.silver_dir / t, release.tables[t]) for t in ["events", *TABLES]
    }
    for name, (path, version) in paths.items():
        by_rust = DeltaTable(str(path), version=version).to_pyarrow_table().num_rows
        by_spark = spark.read.format("delta").option("versionAsOf", version).load(str(path)).count()
        assert by_rust == by_spark, name
        expected = record.rows_in if name == "bronze" else record.tables[name].rows_out
        assert by_rust == expected, name
    assert record.tables["events"].rows_out == len(ALL_IDS)
