"""The KPI catalogue seed is the one source of KPI facts, and every consumer agrees with it."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from trappe.core import kpi_catalogue
from trappe.core.kpi_catalogue import CatalogueError, Comparison
from trappe.core.settings import PROJECT_ROOT, SEEDS_DIR, Settings

DOCS_KPIS = PROJECT_ROOT / "docs" / "kpis.md"
CHECK_EXPORT = PROJECT_ROOT / "tests" / "contract" / "check_export.py"
MODELS_DIR = PROJECT_ROOT / "dbt_project" / "models"
SEED = SEEDS_DIR / kpi_catalogue.FILE_NAME


def documented_codes() -> list[str]:
    """The codes of the KPI table in docs/kpis.md (the export contract)."""
    text = DOCS_KPIS.read_text(encoding="utf-8")
    table = text.split("## KPIs", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z0-9_]+)` \|", table, flags=re.MULTILINE)


def write_seed(directory: Path, rows: list[dict[str, str]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / kpi_catalogue.FILE_NAME).open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=kpi_catalogue.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return directory


def seed_rows() -> list[dict[str, str]]:
    with SEED.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- the seed itself ---------------------------------------------------------------------------


def test_the_catalogue_holds_exactly_the_documented_kpis():
    documented = documented_codes()
    assert len(documented) == 19
    assert list(kpi_catalogue.codes()) == documented


def test_the_catalogue_is_loaded_once_and_typed():
    catalogue = kpi_catalogue.load()
    assert kpi_catalogue.load() is catalogue
    assert kpi_catalogue.load(Settings().seeds_dir) is catalogue
    breakdowns = kpi_catalogue.kpi("breakdown_rate")
    assert (breakdowns.unit, breakdowns.bounded, breakdowns.comparison) == (
        "per 100 child-years",
        False,
        Comparison.POISSON_RATE,
    )
    assert breakdowns.count_like == {"numerator"}
    assert kpi_catalogue.kpi("placement_share").count_like == frozenset()
    assert kpi_catalogue.kpi("notifications").lower_is_better is None
    with pytest.raises(AttributeError):
        breakdowns.bounded = True  # type: ignore[misc]


def test_a_bounded_kpi_is_a_percentage_and_a_comparison_has_a_rate():
    for k in kpi_catalogue.load().values():
        assert not k.bounded or k.percent, k.code
        # a compared KPI has a numerator and a denominator: a share or a rate
        if k.compared:
            assert k.percent or k.unit.startswith("per 100 "), k.code


def test_each_kpi_names_the_dbt_model_that_computes_it():
    """The model's SQL or YAML names the code, or a dbt var the model reads does (the follow-up
    compliance KPIs by rule set). tests/dbt checks the built tables themselves."""
    project_vars = yaml.safe_load(
        (PROJECT_ROOT / "dbt_project" / "dbt_project.yml").read_text(encoding="utf-8")
    )["vars"]
    for k in kpi_catalogue.load().values():
        sql = list(MODELS_DIR.rglob(f"{k.model}.sql"))
        assert len(sql) == 1, f"{k.code}: no model {k.model}"
        text = sql[0].read_text(encoding="utf-8")
        documented = (
            text
            + sql[0].with_suffix(".yml").read_text(encoding="utf-8")
            + "".join(
                json.dumps(project_vars.get(name)) for name in re.findall(r"var\('(\w+)'", text)
            )
        )
        assert re.search(rf"\b{k.code}\b", documented), f"{k.model} does not name {k.code}"


@pytest.mark.parametrize(
    "column, text, message",
    [
        ("bounded", "yes", "bounded must be true or false, got 'yes'"),
        ("lower_is_better", "maybe", "lower_is_better must be true, false or empty, got 'maybe'"),
        ("comparison", "fisher", "comparison must be one of proportion, poisson_rate, none"),
        ("count_like", "numerator children", "count_like must name some of numerator"),
        ("label_en", "", "label_en is empty"),
    ],
)
def test_a_malformed_row_is_named_by_line_and_column(tmp_path, column, text, message):
    rows = seed_rows()
    rows[2][column] = text
    seeds = write_seed(tmp_path / "seeds", rows)
    with pytest.raises(CatalogueError) as e:
        kpi_catalogue.load(seeds)
    assert f"kpi_catalogue.csv line 4 ({rows[2]['kpi']}): {message}" in str(e.value)
    assert "\n" not in str(e.value)


def test_a_bounded_kpi_that_is_not_a_percentage_is_refused(tmp_path):
    rows = seed_rows()
    row = next(r for r in rows if r["kpi"] == "breakdown_rate")
    row["bounded"] = "true"
    with pytest.raises(
        CatalogueError,
        match=r"breakdown_rate\): bounded is true but the unit is "
        r"'per 100 child-years', not %",
    ):
        kpi_catalogue.load(write_seed(tmp_path / "seeds", rows))


def test_a_missing_catalogue_or_column_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogueError, match="cannot read the KPI catalogue"):
        kpi_catalogue.load(tmp_path)
    (tmp_path / kpi_catalogue.FILE_NAME).write_text("kpi,unit\nnotifications,count\n")
    with pytest.raises(CatalogueError, match=r"missing column.*label_da"):
        kpi_catalogue.load(tmp_path)
    with pytest.raises(CatalogueError, match="'no_such_kpi' is not in the KPI catalogue"):
        kpi_catalogue.kpi("no_such_kpi")


# --- every consumer agrees with it -------------------------------------------------------------


def test_dashboard_labels_cover_every_kpi_and_unit():
    from dashboards import formatting, labels

    catalogue = kpi_catalogue.load()
    assert set(labels.KPIS) == set(catalogue)
    for code, k in catalogue.items():
        meta = labels.KPIS[code]
        assert (meta.label, meta.unit, meta.lower_is_better) == (
            k.label_da,
            k.unit,
            k.lower_is_better,
        )
        assert k.unit in labels.UNITS, f"no Danish name for the unit {k.unit!r} of {code}"
        assert k.unit in formatting.UNIT_DECIMALS, f"no decimals for the unit {k.unit!r}"


def test_the_quality_gate_bounds_the_catalogue_percentages(tmp_path):
    from expectations.config import QualityConfig

    config = QualityConfig()
    assert set(config.bounded_percent_kpis) == kpi_catalogue.bounded_codes()
    assert "complaint_rate" not in config.bounded_percent_kpis  # complaints may outnumber cases
    assert "breakdown_rate" not in config.bounded_percent_kpis
    # a municipality's own seeds directory is the one the gate reads
    rows = seed_rows()
    next(r for r in rows if r["kpi"] == "complaint_rate")["bounded"] = "true"
    own = QualityConfig(seeds_dir=write_seed(tmp_path / "seeds", rows))
    assert set(own.bounded_percent_kpis) == kpi_catalogue.bounded_codes() | {"complaint_rate"}


def test_the_gate_check_reads_the_bounded_set():
    from expectations.config import QualityConfig
    from expectations.suites import marts

    check = next(c for c in marts.checks(QualityConfig()) if c.name == "marts.rates_within_0_100")
    listed = set(re.findall(r"'([a-z0-9_]+)'", check.sql.split("kpi IN", 1)[1].split(")")[0]))
    assert listed == kpi_catalogue.bounded_codes()


def test_the_export_suppresses_the_catalogue_counts():
    from trappe.export import cells

    catalogue = kpi_catalogue.load()
    count_fields = {(code, f) for code, fields in cells.COUNT_FIELDS.items() for f in fields}
    assert count_fields == {
        (k.code, f)
        for k in catalogue.values()
        for f in k.count_like
        if f in ("numerator", "denominator")
    }
    assert set(cells.COUNT_VALUE_KPIS) == kpi_catalogue.count_like_codes("value")
    assert set(cells.PERCENT_KPIS) == kpi_catalogue.percent_codes()


def _check_export_module():
    spec = importlib.util.spec_from_file_location("check_export", CHECK_EXPORT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_contract_checker_reads_the_catalogue():
    codes, percent = _check_export_module().catalogue()
    assert codes == set(kpi_catalogue.codes())
    assert percent == kpi_catalogue.percent_codes()
    assert "breakdown_rate" not in percent  # per 100 child-years: may exceed 100


def _export(out: Path, rows: list[tuple[str, str]]) -> Path:
    out.mkdir()
    with (out / "kpis.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "kpi",
                "period",
                "municipality",
                "district_group",
                "district",
                "breakdown",
                "numerator",
                "denominator",
                "value",
                "unit",
                "suppressed",
            ]
        )
        for kpi, value in rows:
            unit = kpi_catalogue.kpi(kpi).unit if kpi in kpi_catalogue.load() else "%"
            writer.writerow([kpi, "2015", "657", "all", "all", "all", "", "", value, unit, "false"])
    (out / "metadata.json").write_text(
        json.dumps(
            {"as_of": "x", "event_watermark": "x", "pipeline_version": "x", "data_quality": "x"}
        )
    )
    return out


def test_the_contract_checker_runs_standalone_on_the_catalogue(tmp_path):
    """check_export.py runs as a script (not imported), from any directory."""
    good = _export(tmp_path / "good", [("breakdown_rate", "250"), ("complaint_rate", "40")])
    run = subprocess.run(
        [sys.executable, str(CHECK_EXPORT), str(good)], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr

    bad = _export(tmp_path / "bad", [("complaint_rate", "112.5"), ("no_such_kpi", "1")])
    run = subprocess.run(
        [sys.executable, str(CHECK_EXPORT), str(bad)], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "complaint_rate is a percentage 0-100, got 112.5" in run.stdout
    assert "unknown kpi 'no_such_kpi'" in run.stdout


def test_dbt_reads_kpi_facts_from_the_catalogue():
    """The comparison mart and the 0-100 test ref the seed and name no KPI themselves."""
    for path in (
        MODELS_DIR / "marts" / "fct_group_comparisons.sql",
        PROJECT_ROOT / "dbt_project" / "tests" / "assert_kpi_values_percentages_in_range.sql",
    ):
        sql = path.read_text(encoding="utf-8")
        code = "\n".join(line.split("--")[0] for line in sql.splitlines())  # without comments
        assert "ref('kpi_catalogue')" in code, path.name
        named = {c for c in kpi_catalogue.codes() if f"'{c}'" in code}
        assert not named, f"{path.name} names {named}: read them from the catalogue"
