"""The built warehouse agrees with the KPI catalogue seed (trappe.core.kpi_catalogue)."""

from __future__ import annotations

from trappe.core import kpi_catalogue


def test_the_seed_dbt_loads_is_the_catalogue_python_reads(warehouse):
    rows = warehouse.execute(
        "select kpi, unit, bounded, count_like, comparison, lower_is_better, model "
        "from kpi_catalogue"
    ).fetchall()
    loaded = {r[0]: (r[1], r[2], frozenset((r[3] or "").split()), r[4], r[5], r[6]) for r in rows}
    assert loaded == {
        k.code: (k.unit, k.bounded, k.count_like, k.comparison.value, k.lower_is_better, k.model)
        for k in kpi_catalogue.load().values()
    }


def test_kpi_values_take_code_and_unit_from_the_catalogue(warehouse):
    built = dict(
        warehouse.execute(
            "select kpi, string_agg(distinct unit, ', ') from kpi_values group by kpi"
        ).fetchall()
    )
    catalogue = kpi_catalogue.load()
    assert set(built) <= set(catalogue)
    assert built == {code: catalogue[code].unit for code in built}


def test_each_kpi_comes_from_the_model_the_catalogue_names(warehouse):
    catalogue = kpi_catalogue.load()
    for model in {k.model for k in catalogue.values()}:
        built = {r[0] for r in warehouse.execute(f"select distinct kpi from {model}").fetchall()}
        assert built and built <= {k.code for k in catalogue.values() if k.model == model}, model


def test_group_comparisons_cover_the_compared_kpis_only(warehouse):
    compared = {k.code for k in kpi_catalogue.load().values() if k.compared}
    in_mart = {
        r[0] for r in warehouse.execute("select distinct kpi from fct_group_comparisons").fetchall()
    }
    assert in_mart <= compared
    # the scenario has breakdowns (a Poisson rate) and complaints (a proportion) in both groups
    assert {"breakdown_rate", "complaint_rate"} <= in_mart
