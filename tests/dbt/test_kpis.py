"""KPI values of a real dbt build on dbt_scenario.py, each worked out by hand in the comment."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest

from trappe.core.settings import SEEDS_DIR


def value(kpi, *args, **kwargs):
    row = kpi(*args, **kwargs)
    assert row is not None, f"no kpi_values row for {args} {kwargs}"
    return row[2]


def test_build_succeeds(scenario_lake):
    _, result = scenario_lake
    assert result.success, "\n".join(result.failures)
    assert result.nodes > 300  # seeds, models, unit tests and data tests all ran


def test_build_records_its_as_of_and_watermark(scenario_lake, warehouse):
    _, result = scenario_lake
    last_recorded = datetime(2017, 1, 5, 9, 0, tzinfo=UTC)  # 10:00 Copenhagen
    assert result.as_of == last_recorded and result.event_watermark == last_recorded
    row = warehouse.execute(
        "select as_of, event_watermark, pipeline_version, dbt_invocation_id from audit_build"
    ).fetchall()
    assert len(row) == 1
    assert (
        row[0][0] == last_recorded
        and row[0][1] == last_recorded
        and row[0][3] == result.invocation_id
    )


def test_measure_episodes_follow_the_contract(warehouse):
    columns = [
        r[0]
        for r in warehouse.execute(
            "select column_name from information_schema.columns "
            "where table_name = 'int_measure_episodes' order by ordinal_position"
        ).fetchall()
    ]
    assert columns == [
        "measure_episode_id",
        "municipality",
        "case_id",
        "child_id",
        "district",
        "district_group",
        "team",
        "measure_id",
        "measure_type",
        "step",
        "placement_category",
        "short_term",
        "episode_start",
        "episode_end",
        "end_reason",
        "child_birth_date",
    ]
    # C1: foster 1 Mar - 1 Jul 2015, institution 1 Jul 2015 - 1 Mar 2016, own room from 1 Mar 2016;
    # C2: network care 1 Feb - 30 Nov 2015 (ended by the exit move); C3's move was retracted;
    # C5: foster family from 1 Jan 2015.
    rows = warehouse.execute(
        "select case_id, placement_category, cast(episode_start as varchar), "
        "cast(episode_end as varchar), end_reason "
        "from int_measure_episodes order by case_id, episode_start"
    ).fetchall()
    assert rows == [
        ("C1", "family_foster_care", "2015-03-01", "2015-07-01", "breakdown"),
        ("C1", "institution", "2015-07-01", "2016-03-01", "planned"),
        ("C1", "home_based_placement", "2016-03-01", None, None),
        ("C2", "family_foster_care", "2015-02-01", "2015-11-30", "goal_reached"),
        ("C5", "family_foster_care", "2015-01-01", None, None),
    ]


def test_placed_child_years_count_days_and_leap_years(kpi):
    # 2015: C1 122 days foster + 184 institution, C5 365 days foster (pilot); C2 302 days
    # network care (other)
    assert value(kpi, "placed_child_years", "2015", group="pilot") == round(671 / 365, 4)
    assert value(kpi, "placed_child_years", "2015", group="other") == round(302 / 365, 4)
    assert value(kpi, "placed_child_years", "2015") == round(973 / 365, 4)
    assert value(kpi, "placed_child_years", "2015", "family_foster_care") == round(789 / 365, 4)
    # leap year 2016: 60 days institution (Jan + 29 Feb), then 306 days own room
    assert value(kpi, "placed_child_years", "2016", "institution") == round(60 / 366, 4)
    assert value(kpi, "placed_child_years", "2016", "home_based_placement") == round(306 / 366, 4)
    assert value(kpi, "placed_child_years", "2016") == 2.0  # with C5's whole year
    assert value(kpi, "placed_child_years", "2016-02", "institution") == 1.0
    assert value(kpi, "placed_child_years", "2016H1", "own_room") == round(122 / 182, 4)


def test_placement_share_of_placed(kpi):
    assert value(kpi, "placement_share", "2015", "institution", group="pilot") == round(
        100 * 184 / 671, 4
    )
    assert value(kpi, "placement_share", "2015", "residential_institution", group="pilot") == round(
        100 * 184 / 671, 4
    )
    assert value(kpi, "placement_share", "2015", "family_foster_care", group="pilot") == round(
        100 * 487 / 671, 4
    )


def test_retracted_move_does_not_count(kpi, warehouse):
    # C3's secure-institution move of 1 Sep 2015 was retracted on 1 Oct: September has its row,
    # with no one in an institution, and no kind of move 'entry>5' exists
    assert value(kpi, "placed_child_years", "2015-09", "institution", group="other") == 0
    assert kpi("ladder_moves", "2015", "entry>5") is None


def test_duplicate_event_counts_once(warehouse, kpi):
    assert warehouse.execute(
        "select count(*), count(distinct event_id) from stg_complaint_received"
    ).fetchall() == [(1, 1)]
    assert kpi("complaint_rate", "2015")[0] == 1


def test_cases_by_step_on_the_last_day(kpi):
    # 30 Jun 2015: C1 and C5 foster (4), C2 network (3), C3 investigation, C4 nothing
    assert [
        value(kpi, "cases_by_step", "2015H1", step) for step in ("4", "3", "assessment", "none")
    ] == [2, 1, 1, 1]
    # 31 Dec 2015: C1 institution, C5 foster; C2 closed 15 Dec; C3's investigation closed 1 Nov
    assert value(kpi, "cases_by_step", "2015", "5") == 1
    assert value(kpi, "cases_by_step", "2015", "4") == 1
    assert value(kpi, "cases_by_step", "2015", "none") == 2
    assert value(kpi, "cases_by_step", "2015", "3") == 0  # no gap: C2 left step 3 on 30 Nov


def test_ladder_moves_and_moves_down_from_institution(kpi):
    assert {
        b: value(kpi, "ladder_moves", "2015", b) for b in ("entry>4", "4>5", "entry>3", "3>exit")
    } == {"entry>4": 2, "4>5": 1, "entry>3": 1, "3>exit": 1}
    assert value(kpi, "ladder_moves", "2016", "5>2", group="pilot") == 1
    # C1 (born 2000) leaves the institution aged 15
    assert value(kpi, "moved_down_from_institution", "2016") == 1
    assert value(kpi, "moved_down_from_institution", "2015") == 0


def test_breakdown_rate_per_person_years_placed(kpi):
    # one breakdown (C1's foster placement, followed by a move up) per 671/365 pilot person-years
    assert value(kpi, "breakdown_rate", "2015", group="pilot") == round(100 * 365 / 671, 4)
    assert value(kpi, "breakdown_rate", "2015", "family_foster_care", group="pilot") == round(
        100 * 365 / 487, 4
    )
    # June: C1 and C5 in foster care 30 days each, 60/365 person-years, not 2 child-years
    n, person_years, rate = kpi("breakdown_rate", "2015-06", "family_foster_care", group="pilot")
    assert (n, round(person_years, 6), rate) == (1, round(60 / 365, 6), round(100 * 365 / 60, 4))
    assert value(kpi, "breakdown_rate", "2015", "institution", group="pilot") == 0


def test_complaint_rate_per_open_case(kpi):
    assert value(kpi, "complaint_rate", "2015") == 20.0  # 1 of C1-C5
    assert value(kpi, "complaint_rate", "2015", group="other") == round(100 / 3, 4)
    assert value(kpi, "complaint_rate", "2015", "youth") == 100.0
    assert kpi("complaint_rate", "2016")[1] == 4  # C2 closed in 2015


def test_caseload_per_caseworker(kpi):
    assert value(kpi, "caseload_per_caseworker", "2015") == 1.0  # C1/W1, C3/W2, C4/W3, C5/W4
    assert value(kpi, "caseload_per_caseworker", "2016") == round(4 / 3, 4)  # C3 moved to W1
    assert value(kpi, "caseload_per_caseworker", "2016", group="pilot") == 1.5


def test_notifications_and_24h_compliance(kpi):
    assert value(kpi, "notifications", "2015") == 2
    assert value(kpi, "notifications", "2015", "police") == 1
    # N-1 assessed after 23 h, N-2 after 25 h
    assert value(kpi, "notification_24h_compliance", "2015") == 50.0
    assert value(kpi, "notification_24h_compliance", "2015", "police") == 0.0
    assert value(kpi, "notification_24h_compliance", "2015", "school") == 100.0


def test_sdq_mean_by_informant(kpi):
    assert value(kpi, "sdq_mean", "2015", "teacher") == 10.0
    assert value(kpi, "sdq_mean", "2015", "teacher", group="pilot") == 12.0


def test_not_placed_one_year_after(kpi):
    # placed on 30 Jun 2015: C1, C5 (foster), C2 (network); on 30 Jun 2016 C2 is not placed
    assert value(kpi, "not_placed_one_year_after", "2016H1") == round(100 / 3, 4)
    assert value(kpi, "not_placed_one_year_after", "2016H1", group="other") == 100.0
    assert value(kpi, "not_placed_one_year_after", "2016H1", group="pilot") == 0.0
    # placed on 31 Dec 2015: C1, C5, still placed (own room, foster) on 31 Dec 2016
    assert value(kpi, "not_placed_one_year_after", "2016") == 0.0


def test_expenditure_fixed_prices_apportioned_by_days(kpi):
    # 36,600 DKK for 1 Dec 2015 - 31 Jan 2016: 18,300 per year, at 2013 prices
    prices = {
        int(r["year"]): float(r["net_price_index"])
        for r in csv.DictReader((SEEDS_DIR / "price_index.csv").open())
    }
    in_2015 = 18300 * prices[2013] / prices[2015]
    in_2016 = 18300 * prices[2013] / prices[2016]
    assert value(kpi, "expenditure", "2015", "institution") == round(in_2015, 4)
    assert value(kpi, "expenditure", "2016-01", "institution") == round(in_2016, 4)
    assert value(kpi, "expenditure", "2016-02") == 0
    assert value(kpi, "unit_cost_per_child_year", "2015", "institution") == round(
        in_2015 / (184 / 365), 4
    )
    residents = {
        int(r["year"]): int(r["residents_0_22"])
        for r in csv.DictReader((SEEDS_DIR / "population_0_22.csv").open())
        if r["municipality"] == "657"
    }
    assert value(kpi, "expenditure_per_resident_0_22", "2015") == round(
        in_2015 / residents[2015], 4
    )


def test_every_kpi_of_the_catalogue_is_computed(warehouse):
    codes = {r["kpi"] for r in csv.DictReader((SEEDS_DIR / "kpi_catalogue.csv").open())}
    built = {r[0] for r in warehouse.execute("select distinct kpi from kpi_values").fetchall()}
    # every KPI has its rows, followup_compliance_planned too (0 of 0: no next_due in the scenario)
    assert built == codes


@pytest.mark.parametrize("period_type, periods", [("year", 3), ("half_year", 5), ("month", 25)])
def test_reporting_window_runs_from_the_first_recorded_year_to_the_as_of_date(
    warehouse, period_type, periods
):
    # 2015 (the first recorded_at) to T = 5 Jan 2017: 2017, 2017H1 and 2017-01 are incomplete
    assert (
        warehouse.execute(
            "select count(*) from dim_periods where period_type = ?", [period_type]
        ).fetchone()[0]
        == periods
    )
    incomplete = warehouse.execute(
        "select period, elapsed_days from dim_periods where not period_complete order by period"
    ).fetchall()
    assert incomplete == [("2017", 5), ("2017-01", 5), ("2017H1", 5)]


def test_incomplete_year_averages_over_its_elapsed_days(kpi, warehouse):
    # C5 (foster care) and C1 (own room) are placed on each of the 5 elapsed days of 2017: 2.0
    # child-years, not 10/365; their half-year and January read alike
    for period in ("2017", "2017H1", "2017-01"):
        assert value(kpi, "placed_child_years", period) == 2.0
    assert value(kpi, "placed_child_years", "2017", "family_foster_care", group="pilot") == 1.0
    flags = dict(
        warehouse.execute(
            "select period, bool_and(period_complete) from kpi_values group by period"
        ).fetchall()
    )
    assert {p for p, complete in flags.items() if not complete} == {"2017", "2017H1", "2017-01"}


def test_no_gaps_every_kpi_has_every_period_geography_and_breakdown(warehouse):
    periods = warehouse.execute("select count(*) from dim_periods").fetchone()[0]
    short = warehouse.execute(
        "select kpi, municipality, district_group, district, breakdown, count(*) from kpi_values "
        "group by all having count(*) != ?",
        [periods],
    ).fetchall()
    assert short == []
    # a blank value only where a rate's denominator is 0
    assert (
        warehouse.execute(
            "select count(*) from kpi_values where value is null and coalesce(denominator, 0) != 0"
        ).fetchone()[0]
        == 0
    )
    assert (
        warehouse.execute(
            "select count(*) from kpi_values "
            "where value is null and kpi = 'expenditure_per_resident_0_22'"
        ).fetchone()[0]
        == 0
    )


def test_group_comparison_and_diff_in_diff(warehouse):
    row = warehouse.execute(
        "select rate_a, rate_b, difference, test, significant, p_value from fct_group_comparisons "
        "where kpi = 'complaint_rate' and period = '2015' and breakdown = 'all' "
        "and group_a = 'pilot' and group_b = 'other'"
    ).fetchall()
    assert len(row) == 1
    rate_a, rate_b, difference, test, significant, p_value = row[0]
    # pilot 0 of 2 open cases, other 1 of 3, Agresti-Caffo: 1/4 - 2/5 = -0.15, se =
    # sqrt(.25 x .75 / 4 + .4 x .6 / 5) = 0.308018, p = 2 (1 - Phi(0.48698)) = 0.626269
    assert (rate_a, rate_b, difference, test, significant) == (
        0.0,
        round(100 / 3, 4),
        round(-100 / 3, 4),
        "agresti_caffo",
        False,
    )
    assert p_value == 0.626269
    # complaint rate: pilot 0 -> 0, other 33.33 -> 0 (C4, 0 of 1): diff-in-diff +33.33 points
    # adjusted (1/5 - 1/4) - (1/3 - 2/5) = 0.016667, se = sqrt of the four p(1-p)/(n+2) = 0.448273
    did = warehouse.execute(
        "select diff_in_diff, ci_low, ci_high, test, significant, period_complete "
        "from fct_diff_in_diff "
        "where kpi = 'complaint_rate' and breakdown = 'all' "
        "and baseline_period = '2015' and comparison_period = '2016'"
    ).fetchall()
    assert did == [(round(100 / 3, 4), -86.1933, 89.5266, "agresti_caffo", False, True)]
    assert (
        warehouse.execute(
            "select bool_and(not period_complete) from fct_diff_in_diff "
            "where comparison_period = '2017'"
        ).fetchone()[0]
        is True
    )


def test_build_records_the_silver_release_it_read(scenario_lake, warehouse):
    """What reproduces a build: the silver release (each table's Delta version) it read."""
    from trappe.core import lakehouse

    settings, result = scenario_lake
    release = lakehouse.read_release(settings.silver_dir)
    assert release is not None
    assert result.silver_release == release.run_id == "fixture"
    assert result.silver_versions == release.tables and "events" in result.silver_versions
    assert result.bronze_version == release.bronze_version
    row = warehouse.execute("select silver_release, bronze_version from audit_build").fetchall()
    assert row == [(release.run_id, release.bronze_version)]
