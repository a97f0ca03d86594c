"""`trappe export` on the scenario warehouse: contract shape, reproducibility, suppression,
as-of. The scenario's warehouse has no quality-gate verdict, so every export of it says
--unvalidated (issue 14: nothing else reads past the gate). Disclosure control against an
attacker, the workbook and the export log are tested in tests/export."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.export.attacker import attack, breaches
from trappe.app.commands.export import export
from trappe.export import COLUMNS, Cell, prepare, suppress, withhold_out_of_range
from trappe.export.source import read_cells

CHECK_EXPORT = Path(__file__).resolve().parents[1] / "contract" / "check_export.py"


def run_export(home, out, *extra):
    result = CliRunner().invoke(
        export, ["--home", str(home), "--out", str(out), "--format", "csv", "--unvalidated", *extra]
    )
    assert result.exit_code == 0, result.output
    return result


def read_rows(out):
    with (out / "kpis.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def published_export(scenario_lake, tmp_path_factory):
    settings, _ = scenario_lake
    out = tmp_path_factory.mktemp("export")
    run_export(settings.home, out, "--period", "2015", "--period", "2016H1", "--period", "2015-09")
    return out


def test_columns_and_contract_check(published_export):
    with (published_export / "kpis.csv").open(encoding="utf-8") as f:
        assert f.readline().strip().split(",") == COLUMNS
    check = subprocess.run(
        [sys.executable, str(CHECK_EXPORT), str(published_export)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    rows = read_rows(published_export)
    assert {r["period"] for r in rows} == {"2015", "2016H1", "2015-09"}
    complaint = next(
        r
        for r in rows
        if r["kpi"] == "complaint_rate"
        and r["period"] == "2015"
        and r["district_group"] == "all"
        and r["district"] == "all"
        and r["breakdown"] == "all"
    )
    assert (
        complaint["numerator"],
        complaint["denominator"],
        complaint["value"],
        complaint["unit"],
    ) == ("1", "5", "20", "%")


def test_metadata_says_where_the_numbers_come_from(published_export):
    meta = json.loads((published_export / "metadata.json").read_text())
    assert meta["as_of"] == meta["event_watermark"] == "2017-01-05T09:00:00+00:00"
    assert meta["data_quality"] == "not_validated"  # the scenario DB has no audit_quality_verdict
    assert meta["unvalidated"] is True
    assert meta["pipeline_version"]
    assert not any("generated" in k for k in meta)


def test_same_events_give_the_same_bytes(scenario_lake, published_export, tmp_path):
    settings, _ = scenario_lake
    run_export(
        settings.home, tmp_path, "--period", "2016H1", "--period", "2015-09", "--period", "2015"
    )
    for name in ("kpis.csv", "metadata.json"):
        assert (tmp_path / name).read_bytes() == (published_export / name).read_bytes()


def test_unknown_period_is_a_clear_error(scenario_lake, tmp_path):
    settings, _ = scenario_lake
    for period in ("2031", "2015Q1"):
        result = CliRunner().invoke(
            export,
            ["--home", str(settings.home), "--out", str(tmp_path), "--period", period,
             "--unvalidated"],
        )  # fmt: skip
        assert result.exit_code != 0 and period in result.output


def test_an_unvalidated_warehouse_is_refused_without_the_flag(scenario_lake, tmp_path):
    settings, _ = scenario_lake
    result = CliRunner().invoke(
        export, ["--home", str(settings.home), "--out", str(tmp_path), "--period", "2015"]
    )
    assert result.exit_code != 0 and "--unvalidated" in result.output
    assert not (tmp_path / "kpis.csv").exists()


def test_suppression_hides_small_counts_and_what_would_reveal_them(scenario_lake, tmp_path):
    settings, _ = scenario_lake
    run_export(settings.home, tmp_path, "--period", "2015", "--suppress")
    rows = read_rows(tmp_path)
    check = subprocess.run(
        [sys.executable, str(CHECK_EXPORT), str(tmp_path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    for r in rows:
        if r["suppressed"] == "false" and r["kpi"] in (
            "notifications",
            "cases_by_step",
            "complaint_rate",
        ):
            assert not (1 <= float(r["numerator"]) <= 4), r
        if r["suppressed"] == "true":
            # the hidden count (numerator or denominator) and the value derived from it are
            # blank; the row's other count may be released when it reveals nothing
            assert r["value"] == "" and "" in (r["numerator"], r["denominator"]), r
    assert json.loads((tmp_path / "metadata.json").read_text())["suppressed"] is True


def test_an_attacker_fails_on_a_year_its_half_years_and_a_month(scenario_lake, tmp_path):
    """A year against its half-years and months: the relations the herning-pilot attacker tests
    (tests/export) do not reach, on the small scenario."""
    settings, _ = scenario_lake
    periods = ["2015", "2015H1", "2015H2", "2015-06"]
    run_export(
        settings.home, tmp_path, *(a for p in periods for a in ("--period", p)), "--suppress"
    )
    truth, _ = read_cells(settings.published_db, periods, unvalidated=True)
    findings = attack(truth, tmp_path / "kpis.csv")
    assert sum(1 <= f.true_value <= 4 for f in findings) > 50
    assert breaches(findings) == []


def test_a_percentage_over_100_is_withheld_not_written():
    """More complaints than open cases cannot be written as a percentage 0-100 (the contract);
    rates per 100 child-years (breakdown_rate) may exceed 100 and are written."""

    def rate(kpi, team, n, d, value, unit):
        return Cell(kpi, "2014", "657", "other", "Herningsholm", team, n, d, value, unit)

    cells = [
        rate("complaint_rate", "all", 7, 12, 58.3333, "%"),
        rate("complaint_rate", "youth", 5, 4, 125.0, "%"),
        rate("complaint_rate", "children", 2, 8, 25.0, "%"),
        rate("breakdown_rate", "institution", 1, 0.482192, 207.3864, "per 100 child-years"),
    ]
    assert withhold_out_of_range(cells) == 1
    assert [(c.kpi, c.breakdown) for c in cells if c.suppressed] == [("complaint_rate", "youth")]
    # with suppression on, the withheld cell's count is hidden and protected like any other
    report = suppress(cells)
    assert report.hidden_cells >= 2
    youth = cells[1]
    assert youth.suppressed and youth.numerator is None and youth.value is None


def test_a_withheld_cell_is_blank_without_suppression_too(scenario_lake):
    settings, _ = scenario_lake
    cells, metadata, report = prepare(
        settings.published_db, ["2015"], apply_suppression=False, unvalidated=True
    )
    assert report is None and metadata["suppressed"] is False
    for c in cells:
        if c.suppressed:
            assert c.value is None and c.numerator is None


def test_as_of_export_respects_recorded_at(scenario_lake, tmp_path):
    """As of 15 Sep 2015 C3's secure-institution move (recorded 2 Sep) counts and its retraction
    (recorded 1 Oct) does not: 15 days of September in an institution in the other districts."""
    settings, _ = scenario_lake
    run_export(
        settings.home, tmp_path, "--period", "2015-09", "--as-of", "2015-09-15T12:00:00+02:00"
    )  # --unvalidated: an as-of build has not been through the quality gate
    meta = json.loads((tmp_path / "metadata.json").read_text())
    assert meta["as_of"] == "2015-09-15T10:00:00+00:00"
    assert (
        meta["event_watermark"] == "2015-09-02T07:00:00+00:00"
    )  # the secure move, 09:00 Copenhagen
    rows = read_rows(tmp_path)
    institution = [
        r
        for r in rows
        if r["kpi"] == "placed_child_years"
        and r["breakdown"] == "institution"
        and r["district_group"] == "other"
        and r["district"] == "all"
    ]
    # September is incomplete as of the 15th: averaged over its 15 elapsed days, all of them
    # in an institution (docs/kpis.md, "Open spans and incomplete periods")
    assert [r["value"] for r in institution] == ["1"]
    assert meta["incomplete_periods"] == ["2015-09"]
    assert not settings.published_db.samefile(
        settings.warehouse_dir / "as_of" / "kpis_20150915T100000.duckdb"
    )
    assert (settings.warehouse_dir / "as_of" / "kpis_20150915T100000.duckdb").exists()
