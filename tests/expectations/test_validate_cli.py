"""`trappe validate`: a summary on stdout, non-zero exit on a critical failure, never publishes."""

from __future__ import annotations

from click.testing import CliRunner

from expectations.rules import registry
from trappe.app.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)


def test_clean_lake_exits_zero_and_publishes_nothing(make_lake, spec):
    settings = make_lake(spec)
    result = run("--home", str(settings.home), "--no-data-docs")
    assert result.exit_code == 0, result.output
    assert f"passed ({len(registry())} checks on bronze, silver, marts" in result.output
    assert "ok      silver.events_have_opened_case [critical]: ok" in result.output
    assert not settings.published_db.exists()
    assert len(list((settings.quality_dir / "results").glob("*.parquet"))) == 1


def test_critical_failure_exits_non_zero_naming_the_check(make_lake, spec):
    spec.kpis[:] = [
        r for r in spec.kpis if not (r["kpi"] == "placed_child_years" and r["period"] == "2015-02")
    ]
    settings = make_lake(spec)
    result = run("--home", str(settings.home), "--layer", "marts", "--no-data-docs")
    assert result.exit_code == 1
    assert "FAILED  marts.period_spine_complete [critical]: 1 periods fail" in result.output
    assert "missing_period=2015-02" in result.output
    # --layer marts runs the marts suite only
    assert "bronze." not in result.output and "silver." not in result.output


def test_published_db_is_validated_on_request(make_lake, spec):
    settings = make_lake(spec)
    result = run(
        "--home", str(settings.home), "--db", "published", "--layer", "marts", "--no-data-docs"
    )
    assert result.exit_code == 1
    assert "could not run: missing marts.kpi_values" in result.output


def test_list_checks_shows_severity_and_meaning():
    result = run("--list-checks", "--layer", "silver")
    assert result.exit_code == 0
    line = next(x for x in result.output.splitlines() if x.startswith("silver.event_id_unique"))
    assert "critical" in line and "deduplication" in line
    assert "bronze." not in result.output


def test_list_checks_names_each_checks_proof_fixtures():
    result = run("--list-checks")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for name, rule in registry().items():
        at = next(i for i, x in enumerate(lines) if x.startswith(name + " "))
        fires, passes = lines[at + 1], lines[at + 2]
        assert "fires " + ", ".join(rule.fires) in fires, (name, fires)
        assert "passes " + ", ".join(rule.passes) in passes, (name, passes)
    held = next(x for x in lines if x.startswith("silver.events_have_opened_case "))
    assert "holds" in held
