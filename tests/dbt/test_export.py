"""`trappe export` on the scenario warehouse: contract shape, reproducibility, suppression,
as-of."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from trappe.app.commands.export import export
from trappe.export import COLUMNS, Cell, suppress, withhold_out_of_range

CHECK_EXPORT = Path(__file__).resolve().parents[1] / "contract" / "check_export.py"


def run_export(home, out, *extra):
    result = CliRunner().invoke(
        export, ["--home", str(home), "--out", str(out), "--format", "csv", *extra]
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
    result = CliRunner().invoke(
        export, ["--home", str(settings.home), "--out", str(tmp_path), "--period", "2031"]
    )
    assert result.exit_code != 0 and "2031" in result.output
    result = CliRunner().invoke(
        export, ["--home", str(settings.home), "--out", str(tmp_path), "--period", "2015Q1"]
    )
    assert result.exit_code != 0 and "2015Q1" in result.output


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
            assert r["numerator"] == "" and r["value"] == ""
    assert json.loads((tmp_path / "metadata.json").read_text())["suppressed"] is True


def test_secondary_suppression_protects_a_lone_hidden_breakdown():
    def cell(breakdown, n):
        return Cell("notifications", "2015", "657", "all", "all", breakdown, n, None, n, "count")

    cells = suppress([cell("all", 30), cell("school", 3), cell("police", 12), cell("parent", 15)])
    hidden = {c.breakdown for c in cells if c.suppressed}
    # school (3) is primary; police (12), the smallest other, is hidden so that
    # 30 - 15 - 12 stays unknown
    assert hidden == {"school", "police"}


def test_secondary_suppression_across_districts():
    def cell(group, district, n):
        return Cell("notifications", "2015", "657", group, district, "all", n, None, n, "count")

    cells = suppress(
        [
            cell("all", "all", 40),
            cell("pilot", "all", 20),
            cell("other", "all", 20),
            cell("pilot", "A", 2),
            cell("pilot", "B", 8),
            cell("pilot", "C", 10),
            cell("other", "D", 20),
        ]
    )
    hidden = {(c.district_group, c.district) for c in cells if c.suppressed}
    assert hidden == {("pilot", "A"), ("pilot", "B")}


def test_a_percentage_over_100_is_withheld_not_written():
    def rate(category, n, child_years, value):
        return Cell(
            "breakdown_rate",
            "2014",
            "657",
            "other",
            "Herningsholm",
            category,
            n,
            child_years,
            value,
            "%",
        )

    # one breakdown in half a child-year: 207 per 100 child-years, not a percentage 0-100
    cells = [
        rate("all", 3, 12.5, 24.0),
        rate("institution", 1, 0.482192, 207.3864),
        rate("foster_care", 2, 12.0, 16.6667),
        rate("own_room", 0, 0.1, 0.0),
    ]
    assert withhold_out_of_range(cells) == 1
    hidden = [c for c in cells if c.suppressed]
    assert [(c.breakdown, c.numerator, c.denominator, c.value) for c in hidden] == [
        ("institution", None, 0.482192, None)
    ]
    assert [c.value for c in cells if not c.suppressed] == [24.0, 16.6667, 0.0]
    # with suppression on, the withheld cell counts as hidden: its breakdown set needs another
    suppress(cells)
    assert sum(c.suppressed for c in cells if c.breakdown != "all") >= 2


def test_as_of_export_respects_recorded_at(scenario_lake, tmp_path):
    """As of 15 Sep 2015 C3's secure-institution move (recorded 2 Sep) counts and its retraction
    (recorded 1 Oct) does not: 15 days of September in an institution in the other districts."""
    settings, _ = scenario_lake
    run_export(
        settings.home, tmp_path, "--period", "2015-09", "--as-of", "2015-09-15T12:00:00+02:00"
    )
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
    assert [r["value"] for r in institution] == ["0.5"]
    assert not settings.published_db.samefile(
        settings.warehouse_dir / "as_of" / "kpis_20150915T100000.duckdb"
    )
    assert (settings.warehouse_dir / "as_of" / "kpis_20150915T100000.duckdb").exists()
