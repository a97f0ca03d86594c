"""A real build of the herning-pilot stream: the simulator (seed 1) → file ingestion → Spark →
`dbt build` as of the scenario's end, reported from its start, exactly as `trappe run` builds it.

Checks every row of both comparison marts for a verdict that disagrees with its interval, and
that the pilot-vs-other tables land near the published figures (docs/domain.md, "Published
reference figures"; KORA 2017), now that rates and unit costs divide by person-years.
"""

from __future__ import annotations

import duckdb
import pytest

from trappe.warehouse import dbt_build

pytestmark = pytest.mark.spark

# docs/domain.md: (pilot mid-2013, pilot 2015, others mid-2013, others 2015)
PLACED_CHILD_YEARS = {
    "all": (49.01, 41.90, 137.93, 140.43),
    "institution": (12.10, 2.06, 31.51, 33.56),
    "family_foster_care": (33.49, 33.88, 94.43, 96.87),
    "home_based_placement": (3.42, 5.96, 11.99, 10.00),
}
SHARES = {  # % of placed child-years
    "institution": (25, 5, 23, 24),
    "family_foster_care": (68, 81, 68, 69),
    "home_based_placement": (7, 14, 9, 7),
    "network_foster_care": (4, 9, 8, 5),
}
# DKK per child-year at 2013 prices, 2013 -> 2015
UNIT_COSTS = {
    ("pilot", "institution"): (908_816, 1_203_351),
    ("pilot", "family_foster_care"): (384_412, 394_285),
    ("pilot", "home_based_placement"): (200_838, 286_872),
    ("pilot", "all"): (489_935, 418_784),
    ("other", "all"): (472_849, 568_079),
}


@pytest.fixture(scope="module")
def herning(herning_lake):
    settings, world = herning_lake
    result = dbt_build(settings, world.now, reporting_start=world.start, threads=2)
    con = duckdb.connect(str(settings.staging_db), read_only=True)
    yield result, con
    con.close()


def _value(con, kpi, group, period, breakdown="all"):
    row = con.execute(
        "select value from kpi_values where kpi = ? and district_group = ? and district = 'all' "
        "and period = ? and breakdown = ?",
        [kpi, group, period, breakdown],
    ).fetchone()
    assert row is not None and row[0] is not None, (kpi, group, period, breakdown)
    return row[0]


def test_the_build_passes_and_every_period_is_complete(herning):
    result, con = herning
    assert result.success, "\n".join(result.failures)
    assert con.execute(
        "select min(period), max(period), bool_and(period_complete) from dim_periods "
        "where period_type = 'year'"
    ).fetchone() == ("2012", "2016", True)


def test_no_comparison_verdict_disagrees_with_its_interval(herning):
    _, con = herning
    rows = con.execute(
        "select 'group', kpi, period, breakdown, test, ci_low, ci_high, p_value, significant "
        "from fct_group_comparisons union all "
        "select 'did', kpi, comparison_period, breakdown, test, ci_low, ci_high, p_value, "
        "significant "
        "from fct_diff_in_diff"
    ).fetchall()
    assert sum(r[0] == "group" for r in rows) > 1000 and sum(r[0] == "did" for r in rows) > 100
    disagree, wrong_family = [], []
    for mart, kpi, period, breakdown, test, low, high, p, significant in rows:
        if low is None:
            ok = not significant and high is None and p is None
        else:
            excludes_zero = low > 0 or high < 0
            # the p-value comes from the same estimate and standard error; it may differ from
            # 0.05 on the wrong side only within the normal approximation's error
            ok = (
                significant is excludes_zero
                and low <= high
                and (abs(p - 0.05) < 1e-6 or (p < 0.05) is excludes_zero)
            )
        if not ok:
            disagree.append((mart, kpi, period, breakdown, low, high, p, significant))
        if test is not None and test != (
            "poisson_rate_wald" if kpi == "breakdown_rate" else "agresti_caffo"
        ):
            wrong_family.append((mart, kpi, test))
    assert disagree == [] and wrong_family == []
    # the case issue 11 found: breakdowns 2014H2 said "not significant" with an interval of
    # -5.8 to -0.1; now one method says so, and its interval includes 0
    low, high, significant = con.execute(
        "select ci_low, ci_high, significant from fct_group_comparisons "
        "where kpi = 'breakdown_rate' "
        "and period = '2014H2' and breakdown = 'all' and group_a = 'pilot' and group_b = 'other'"
    ).fetchone()
    assert low < 0 < high and significant is False


@pytest.mark.parametrize("breakdown", PLACED_CHILD_YEARS)
def test_placed_child_years_near_the_published_figures(herning, breakdown):
    _, con = herning
    published = PLACED_CHILD_YEARS[breakdown]
    built = (
        _value(con, "placed_child_years", "pilot", "2013H2", breakdown),
        _value(con, "placed_child_years", "pilot", "2015", breakdown),
        _value(con, "placed_child_years", "other", "2013H2", breakdown),
        _value(con, "placed_child_years", "other", "2015", breakdown),
    )
    # within 10 %, or 2.5 child-years for a small category (the simulator's home-based stock
    # in the other districts runs about 2 child-years below the published 11.99 in mid-2013)
    for b, p in zip(built, published):
        assert abs(b - p) <= max(0.10 * p, 2.5), (breakdown, built, published)


@pytest.mark.parametrize("breakdown", SHARES)
def test_placement_shares_near_the_published_figures(herning, breakdown):
    _, con = herning
    built = (
        _value(con, "placement_share", "pilot", "2013H2", breakdown),
        _value(con, "placement_share", "pilot", "2015", breakdown),
        _value(con, "placement_share", "other", "2013H2", breakdown),
        _value(con, "placement_share", "other", "2015", breakdown),
    )
    for b, p in zip(built, SHARES[breakdown]):
        assert abs(b - p) <= 5, (breakdown, built, SHARES[breakdown])


@pytest.mark.parametrize("group, breakdown", UNIT_COSTS)
def test_unit_costs_per_child_year_near_the_published_figures(herning, group, breakdown):
    _, con = herning
    built = (
        _value(con, "unit_cost_per_child_year", group, "2013", breakdown),
        _value(con, "unit_cost_per_child_year", group, "2015", breakdown),
    )
    for b, p in zip(built, UNIT_COSTS[(group, breakdown)]):
        assert abs(b - p) <= 0.20 * p, (group, breakdown, built, UNIT_COSTS[(group, breakdown)])


def test_unit_cost_reads_alike_for_a_year_its_half_years_and_its_months(herning):
    _, con = herning
    year = _value(con, "unit_cost_per_child_year", "pilot", "2015")
    halves = [_value(con, "unit_cost_per_child_year", "pilot", p) for p in ("2015H1", "2015H2")]
    months = [
        _value(con, "unit_cost_per_child_year", "pilot", f"2015-{m:02d}") for m in range(1, 13)
    ]
    # a person-year costs about the same whatever the period (the issue found 417,473 by year,
    # 204,763 by half-year and 33,936 by month)
    assert all(abs(v - year) <= 0.05 * year for v in halves)
    assert all(abs(v - year) <= 0.10 * year for v in months)
