"""Every page's own figures, from the fixture in dashboard_marts.py, and the filters that change
them: AppTest runs the app against a real DuckDB file, signed in through the login form."""

from __future__ import annotations

from tests.support.dashboard_app import metrics_of, run_app, texts

PILOT = "Pilotdistrikter (Sverigesdistrikter)"
INSTITUTION_TO_HOME = "5 · Døgninstitution → 2 · Hjemmebaserede indsatser"


def row(table, column: str, value: str):
    rows = table[table[column] == value]
    assert len(rows) == 1, f"{value!r} in {column}: {len(rows)} rows"
    return rows.iloc[0]


def test_ladder_moves_follow_the_focus_period_and_the_role(published):
    # moves 5>2: 3 in the first half-year, one more each half-year (pilot districts)
    at = run_app("indsatstrappen", user="data")
    assert not at.exception
    assert row(at.dataframe[0].value, "Bevægelse", INSTITUTION_TO_HOME)[PILOT] == "8"
    at.sidebar.selectbox(key="f_focus").set_value("2013H1").run()
    assert row(at.dataframe[0].value, "Bevægelse", INSTITUTION_TO_HOME)[PILOT] == "3"
    assert "Strømme på trappen, 1. halvår 2013" in [s.value for s in at.subheader]
    # management: the other districts' single 1>2 move hides the pilot's 6 as well (the
    # municipality's 7 minus 6 would give the 1 away), so 5>2 in its districts is hidden too
    at = run_app("indsatstrappen", user="leder")
    assert row(at.dataframe[0].value, "Bevægelse", INSTITUTION_TO_HOME)[PILOT] == "skjult"


def test_moves_down_and_up_the_ladder_are_summed_without_giving_small_ones_away(published):
    # pilot, 2. halvår 2015: 5>4 7, 5>2 8, 4>2 6 down; 1>2 6 up; the others' 5>4 2, 5>2 3,
    # 4>2 1 down and 1>2 1 up
    at = run_app("indsatstrappen", user="data")
    assert metrics_of(at, PILOT)["Ned ad trappen"][0] == "21 bevægelser"
    assert metrics_of(at, PILOT)["Op ad trappen"][0] == "6 bevægelser"
    assert metrics_of(at, "Øvrige distrikter")["Op ad trappen"][0] == "skjult"  # 1 is small
    at = run_app("indsatstrappen", user="leder")
    # every down move of both groups is hidden, but three of them together give none away
    assert metrics_of(at, PILOT)["Ned ad trappen"][0] == "21 bevægelser"
    assert metrics_of(at, "Øvrige distrikter")["Ned ad trappen"][0] == "6 bevægelser"
    # the pilot's one up move is hidden (the municipality's 7 minus it gives the others' 1)
    assert metrics_of(at, PILOT)["Op ad trappen"][0] == "skjult"
    at.sidebar.selectbox(key="f_focus").set_value("2013H1").run()
    assert metrics_of(at, PILOT)["Ned ad trappen"][0] == "6 bevægelser"  # 2 + 3 + 1


def test_not_placed_one_year_after_is_shown(published):
    at = run_app("indsatstrappen")
    assert "Ikke anbragt et år efter" in [s.value for s in at.subheader]
    assert "»Ikke anbragt et år efter«" not in texts(at)  # no notice: there are figures


def test_notifications_have_their_page_with_compliance_by_source(published):
    at = run_app("underretninger", user="data")
    assert not at.exception
    page = texts(at)
    assert "har ingen tal" not in page and "har endnu ingen tal" not in page
    assert (
        "Underretninger vurderet inden for 24 timer, 2. halvår 2015** (95 %-niveau)\n"
        "- I alt: Pilotdistrikter (Sverigesdistrikter) 45,0 % mod Øvrige distrikter 44,0 %"
    ) in page
    assert "Nogle tal er skjult" not in page
    at.sidebar.selectbox(key="f_focus").set_value("2014H1").run()
    assert "Underretninger vurderet inden for 24 timer, 1. halvår 2014" in texts(at)


def test_management_is_told_where_small_notification_counts_are_hidden(published):
    # the pilot districts' police notifications are 3 in the first half-year
    at = run_app("underretninger", user="leder")
    assert "Nogle tal er skjult, fordi de er under 5" in texts(at)


def test_savings_against_the_investment_plan(published):
    at = run_app("oekonomi")
    assert not at.exception
    table = at.dataframe[0].value.set_index("År")
    # pilot placements cost 8.0 M in 2012 and 6.5 M in 2015 (fixed prices); the plan expected
    # 3.0 M saved by 2015, and the model costs 2.0 M a year
    assert table.loc["2015", "Udgift til anbringelser"] == "6,5 mio. kr."
    assert table.loc["2015", "Opnået besparelse"] == "-1,6 mio. kr."
    assert table.loc["2015", "Forventet besparelse"] == "-3,0 mio. kr."
    assert table.loc["2015", "Netto"] == "+0,4 mio. kr."
    assert list(table.index) == ["2013", "2014", "2015"]
    cards = {m.label: m.value for m in at.metric}
    assert cards["Opnået besparelse"] == "-1,6 mio. kr."
    assert cards["Netto efter investering"] == "+0,4 mio. kr."


def test_expenditure_per_resident_draws_without_asking(published):
    at = run_app("oekonomi")
    assert "Udgift pr. indbygger 0–22 år" in [s.value for s in at.subheader]
    assert "»Udgift pr. indbygger 0–22 år«" not in texts(at)


def test_followups_by_measure_type_follow_the_rule_chosen(published):
    at = run_app("opfoelgning")
    assert not at.exception
    by_type = at.dataframe[1].value
    assert by_type.loc["Døgninstitution", PILOT] == "37,5 %"
    at.radio(key="opf_rule").set_value("followup_compliance_legal").run()
    assert at.dataframe[1].value.loc["Døgninstitution", PILOT] == "47,5 %"
    at.sidebar.selectbox(key="f_focus").set_value("2013H1").run()
    assert at.dataframe[1].value.loc["Døgninstitution", PILOT] == "40,0 %"


def test_difference_in_differences_is_compact_with_dbt_intervals(published):
    at = run_app("effekt")
    assert not at.exception
    assert "2013 → 2015" in [s.value for s in at.subheader]
    table = at.dataframe[0].value
    assert list(table.columns) == [
        "Nøgletal",
        "Opdeling",
        "Pilot",
        "Øvrige",
        "Forskel-i-forskelle",
        "95 % interval",
        "p-værdi",
        "Signifikant",
    ]
    assert set(table["Opdeling"]) == {"I alt"}  # the parts only on request
    placed = row(table, "Nøgletal", "Anbragte årsbørn")
    # pilot 49.01 -> 41.90, others 137.93 -> 140.43: -7.11 - 2.50
    assert placed["Forskel-i-forskelle"] == "-9,6 årsbørn"
    assert (placed["95 % interval"], placed["Signifikant"]) == ("–", "–")  # a level, no sample

    at.toggle(key="did_parts").set_value(True).run()
    table = at.dataframe[0].value
    institution = row(table, "Opdeling", "Døgninstitution")
    assert institution["Forskel-i-forskelle"] == "-21,0 procentpoint"
    assert institution["95 % interval"] == "-27,5 til -14,5"
    assert (institution["p-værdi"], institution["Signifikant"]) == ("< 0,001", "ja")
    assert not any("_" in code for code in table["Opdeling"])

    at.multiselect(key="did_kpis").set_value(["placed_child_years"]).run()
    assert list(at.dataframe[0].value["Nøgletal"]) == ["Anbragte årsbørn"]


def test_the_period_filter_picks_the_comparison_year(published):
    at = run_app("effekt")
    at.sidebar.selectbox(key="f_focus").set_value("2014H1").run()
    assert "2013 → 2014" in [s.value for s in at.subheader]
    placed = row(at.dataframe[0].value, "Nøgletal", "Anbragte årsbørn")
    assert placed["Forskel-i-forskelle"] == "-4,8 årsbørn"  # -3.555 - 1.25
    at.selectbox(key="did_period").set_value("2015").run()
    assert "2013 → 2015" in [s.value for s in at.subheader]


def test_an_unfinished_comparison_year_is_marked_preliminary(lake):
    import duckdb

    from tests.support.dashboard_marts import build_published_db

    db = build_published_db(lake / "warehouse" / "published.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute("update fct_diff_in_diff set period_complete = comparison_period <> '2015'")
    at = run_app("effekt")
    assert "2013 → 2015 (foreløbig)" in [s.value for s in at.subheader]


def test_an_older_diff_in_diff_without_intervals_still_shows(lake):
    import duckdb

    from tests.support.dashboard_marts import build_published_db

    db = build_published_db(lake / "warehouse" / "published.duckdb")
    with duckdb.connect(str(db)) as con:
        for column in ("ci_low", "ci_high", "p_value", "test", "significant", "period_complete"):
            con.execute(f"alter table fct_diff_in_diff drop column {column}")
    at = run_app("effekt")
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["95 % interval"]) == {"–"}


def test_a_period_still_running_is_marked_on_the_charts(lake):
    import json
    from datetime import datetime

    from tests.support.dashboard_marts import build_published_db

    # as of 1 October 2015 the second half of 2015 is still running
    build_published_db(lake / "warehouse" / "published.duckdb", as_of=datetime(2015, 10, 1))
    at = run_app()
    axes = [json.loads(chart.proto.spec)["encoding"]["x"] for chart in at.get("vega_lite_chart")]
    assert axes
    for axis in axes:
        assert axis["sort"][-2:] == ["1. hå. 2015", "2. hå. 2015 (forel.)"]


def test_the_data_quality_page_shows_how_far_live_mode_is_behind_the_feed(published, lake):
    import json

    page = texts(run_app("datakvalitet"))
    assert "Live-tilstand har ikke kørt her" in page
    # live mode's record (trappe.core.live_record.Cycle): two publications, then a failed cycle; the
    # 95th percentile weighs every event: 19 of 20 waited 30 s or less
    cycles = [
        {"status": "published", "published_at": "2016-03-01T10:00:00+00:00",
         "lag_newest_s": 12.0, "lags": [[12.0, 10], [30.0, 5]]},
        {"status": "published", "published_at": "2016-03-01T10:01:00+00:00",
         "lag_newest_s": 8.4, "lags": [[8.4, 4], [95.0, 1]]},
        {"status": "failed", "error": "dbt build: …"},
    ]  # fmt: skip
    (lake / "live").mkdir()
    (lake / "live" / "cycles.jsonl").write_text(
        "".join(json.dumps(c) + "\n" for c in cycles), encoding="utf-8"
    )
    at = run_app("datakvalitet")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Forsinkelse, nyeste hændelse"] == "8 sek."
    assert metrics["Forsinkelse, 95 % af hændelserne"] == "30 sek."
    assert "1 kørsler er fejlet siden seneste publicering" in texts(at)
