"""The dashboard's pages, run by Streamlit's AppTest against a real DuckDB file."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime

import pytest

from tests.support.dashboard_app import PAGES, metrics_of, run_app, texts
from tests.support.dashboard_marts import build_published_db, placed

PILOT = "Pilotdistrikter (Sverigesdistrikter)"
OTHER = "Øvrige distrikter"


def test_without_published_marts_the_user_is_told_which_command_to_run(lake):
    at = run_app()
    assert not at.exception
    message = at.info[0].value
    assert "Der er endnu ingen publicerede data" in message
    assert "`trappe run`" in message and "`trappe build`" in message
    assert str(lake / "warehouse" / "published.duckdb") in message


def test_an_unreadable_file_is_reported_not_raised(lake):
    (lake / "warehouse").mkdir()
    (lake / "warehouse" / "published.duckdb").write_bytes(b"not a duckdb file" * 100)
    at = run_app()
    assert not at.exception
    assert "kunne ikke åbnes" in at.error[0].value
    assert "trappe build" in at.error[0].value


def test_header_shows_as_of_and_the_quality_verdict(published):
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Ledelsesoverblik – Herning Kommune"
    header = at.markdown[0].value
    assert "Data opgjort pr. **5. januar 2016 kl. 10.30**" in header
    assert "Godkendt med advarsler" in header
    assert "2 advarsel(er)" in at.warning[0].value


def test_a_clean_verdict_raises_no_warning(lake):
    build_published_db(lake / "warehouse" / "published.duckdb", verdict="passed")
    at = run_app()
    assert "Kvalitet: Godkendt]" in at.markdown[0].value
    assert not at.warning


def test_overview_cards_show_the_latest_period_the_change_since_the_previous_and_targets(published):
    at = run_app()
    assert not at.exception
    assert "Nøgletal for 2. halvår 2015" in [s.value for s in at.subheader]
    pilot = metrics_of(at, PILOT)
    # pilot placed child-years 43.322 (2015H1) -> 41.90 (2015H2): -1.422, -3 %
    assert pilot["Anbragte årsbørn"] == ("41,9 årsbørn", "-1,4 årsbørn (-3 %)")
    # institution share 9.0 -> 5.0 %, and the kpi_targets seed's target of at most 5 % is met
    assert pilot["Andel på døgninstitution"] == ("5,0 %", "-4,0 procentpoint")
    other = metrics_of(at, OTHER)
    assert other["Anbragte årsbørn"][0] == "140,4 årsbørn"
    assert "Enhedspris pr. årsbarn (faste priser)" in pilot
    captions = [c.value for c in at.caption]
    assert "Mål: højst 5,0 % · :green[nået]" in captions
    assert "Mål: højst 5,0 % · :orange[ikke nået]" in captions  # the other districts' 24 %


def test_the_focus_period_drives_the_cards(published):
    at = run_app()
    at.sidebar.selectbox(key="f_focus").set_value("2014H2").run()
    value = placed("pilot", 3, 6)
    change = value - placed("pilot", 2, 6)
    expected_value = f"{value:.1f}".replace(".", ",") + " årsbørn"
    expected_delta = f"{change:+.1f}".replace(".", ",") + " årsbørn"
    card = metrics_of(at, PILOT)["Anbragte årsbørn"]
    assert card[0] == expected_value
    assert card[1].startswith(expected_delta)
    assert "Nøgletal for 2. halvår 2014" in [s.value for s in at.subheader]


def test_the_first_period_has_no_change_to_show(published):
    at = run_app()
    at.sidebar.selectbox(key="f_focus").set_value("2013H1").run()
    assert metrics_of(at, PILOT)["Anbragte årsbørn"] == ("49,0 årsbørn", "")


def test_period_type_switches_every_period_list(published):
    at = run_app()
    at.sidebar.radio(key="f_period_type").set_value("year").run()
    assert not at.exception
    # 2012 holds only the investment plan's baseline expenditure
    assert at.sidebar.selectbox(key="f_focus").options == ["2015", "2014", "2013", "2012"]
    assert "Nøgletal for 2015" in [s.value for s in at.subheader]

    at.sidebar.radio(key="f_period_type").set_value("month").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="f_focus").value == "2015-12"
    # shares are published for years and half-years only: the page says where to find them
    assert "»Andel af anbragte årsbørn« opgøres kun pr. år, halvår" in texts(at)


def test_choosing_a_district_shows_it_beside_its_group(published):
    at = run_app()
    at.sidebar.selectbox(key="f_district").set_value(("pilot", "Vestervang")).run()
    assert not at.exception
    vestervang = metrics_of(at, "Vestervang")
    # Vestervang holds 60 % of the pilot's placed child-years in the fixture
    assert vestervang["Anbragte årsbørn"][0] == "25,1 årsbørn"
    assert metrics_of(at, PILOT)["Anbragte årsbørn"][0] == "41,9 årsbørn"
    with pytest.raises(AssertionError):
        metrics_of(at, OTHER)


def test_deselecting_groups_falls_back_to_the_whole_municipality(published):
    at = run_app()
    at.sidebar.multiselect(key="f_groups").set_value([]).run()
    assert not at.exception
    whole = metrics_of(at, "Hele kommunen")
    assert whole["Anbragte årsbørn"][0] == "182,3 årsbørn"  # 41.90 + 140.43


@pytest.mark.parametrize(
    "page, heading",
    [
        ("overblik", "Overblik"),
        ("indsatstrappen", "Indsatstrappen"),
        ("opfoelgning", "Opfølgning"),
        ("underretninger", "Underretninger"),
        ("oekonomi", "Økonomi"),
        ("kvalitet", "Kvalitet"),
        ("effekt", "Forskel-i-forskelle"),
        ("team", "Teamets sager"),
        ("datakvalitet", "Datakvalitet"),
    ],
)
def test_every_page_renders_in_danish(published, page, heading):
    at = run_app(page, user="pilot")
    assert not at.exception, [e.message for e in at.exception]
    assert at.header[0].value == heading
    assert "Data opgjort pr." in at.markdown[0].value
    assert not at.error


def test_rate_comparisons_say_whether_the_difference_is_significant(published):
    at = run_app("kvalitet")
    page = texts(at)
    # last half-year: breakdowns not significant, complaints significant (see the fixture)
    breakdowns = next(
        m.value
        for m in at.markdown
        if "Sammenbrud pr. 100 anbragte årsbørn, 2. halvår 2015" in m.value
    )
    assert "– **ikke signifikant**" in breakdowns
    assert "95 % KI -5,0 til 0,0" in breakdowns
    complaints = next(
        m.value for m in at.markdown if "Klager i procent af åbne sager, 2. halvår 2015" in m.value
    )
    assert "– **signifikant**" in complaints and "p = 0,012" in complaints
    assert "Sammenbrud i anbringelser" in page

    at.sidebar.selectbox(key="f_focus").set_value("2015H1").run()
    breakdowns = next(
        m.value
        for m in at.markdown
        if "Sammenbrud pr. 100 anbragte årsbørn, 1. halvår 2015" in m.value
    )
    assert "– **signifikant**" in breakdowns


def test_the_significance_table_lists_every_period(published):
    at = run_app("kvalitet")
    table = at.dataframe[0].value
    assert list(table.columns[-5:]) == [
        "Forskel",
        "95 % konfidensinterval",
        "p-værdi",
        "Test",
        "Resultat",
    ]
    assert len(table) == 6  # six half-years
    assert set(table["Resultat"]) == {"signifikant", "ikke signifikant"}
    assert table["Test"].iloc[0] == "Wald-interval for rater (Poisson)"


def test_ladder_page_splits_moves_into_down_and_up(published):
    at = run_app("indsatstrappen")
    table = at.dataframe[0].value
    moves = dict(zip(table["Bevægelse"], table["Retning"]))
    assert moves["5 · Døgninstitution → 2 · Hjemmebaserede indsatser"] == "Ned ad trappen"
    assert moves["1 · Forebyggelse → 2 · Hjemmebaserede indsatser"] == "Op ad trappen"
    # the fixture has no moved_down_from_institution rows
    assert "»Børn flyttet ned fra institution før 18 år« har endnu ingen tal" in texts(at)


def test_followups_per_case_exist_per_half_year_only(published):
    at = run_app("opfoelgning")
    at.sidebar.radio(key="f_period_type").set_value("year").run()
    at.switch_page("views/opfoelgning.py").run()
    assert not at.exception
    assert "»Opfølgninger pr. sag pr. halvår« opgøres kun pr. halvår" in texts(at)


def test_missing_tables_are_explained_kindly(lake):
    build_published_db(
        lake / "warehouse" / "published.duckdb",
        omit=("fct_group_comparisons", "fct_diff_in_diff", "audit_build"),
    )
    at = run_app()
    assert not at.exception
    assert "Data opgjort pr. **ukendt (audit_build mangler)**" in at.markdown[0].value
    at.switch_page("views/effekt.py").run()
    assert any("`fct_diff_in_diff`" in i.value and "trappe build" in i.value for i in at.info)
    at.switch_page("views/kvalitet.py").run()
    assert not at.exception
    assert sum("`fct_group_comparisons`" in i.value for i in at.info) == 2
    # the figures themselves are still there
    assert "Sammenbrud i anbringelser" in [s.value for s in at.subheader]


def test_without_kpi_values_the_quality_page_still_works(lake):
    build_published_db(lake / "warehouse" / "published.duckdb", omit=("kpi_values",))
    at = run_app()
    assert not at.exception
    assert any("`kpi_values`" in i.value for i in at.info)
    at.switch_page("views/datakvalitet.py").run()
    assert not at.exception
    assert "Godkendt med advarsler" in texts(at)
    overview = at.dataframe[0].value
    assert overview.set_index("Tabel").loc["kpi_values", "Rækker"] == "mangler"


def test_quality_page_shows_verdict_as_of_and_watermark(published):
    at = run_app("datakvalitet")
    cards = {m.label: m.value for m in at.metric}
    assert cards["Afgørelse"] == "Godkendt med advarsler"
    assert cards["Advarsler"] == "2"
    assert cards["Kritiske fejl"] == "0"
    assert cards["Data opgjort pr."] == "5. januar 2016 kl. 10.30"
    assert cards["Seneste registrerede hændelse"] == "5. januar 2016 kl. 09.59"
    assert any("godkendt med advarsler" in w.value for w in at.warning)


def test_an_unfinished_period_is_marked_preliminary_and_not_the_default(lake):
    # as of 1 October 2015, the second half of 2015 is still running
    build_published_db(lake / "warehouse" / "published.duckdb", as_of=datetime(2015, 10, 1))
    at = run_app()
    focus = at.sidebar.selectbox(key="f_focus")
    assert focus.value == "2015H1"
    assert "2. halvår 2015 (foreløbig)" in focus.format_func("2015H2")


def test_period_complete_in_the_marts_decides_what_is_preliminary(lake):
    import duckdb

    db = build_published_db(lake / "warehouse" / "published.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute("alter table kpi_values add column period_complete boolean")
        con.execute("update kpi_values set period_complete = period not in ('2015H2', '2015')")
    at = run_app()
    assert at.sidebar.selectbox(key="f_focus").value == "2015H1"
    at.sidebar.selectbox(key="f_focus").set_value("2015H2").run()
    assert "Nøgletal for 2. halvår 2015 (foreløbig)" in [s.value for s in at.subheader]


def test_the_dashboard_never_writes_the_published_file(published):
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    for page in PAGES:
        run_app(page, user="data")
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before


def test_a_new_publish_is_shown_without_restarting(published):
    at = run_app()
    assert "Godkendt med advarsler" in at.markdown[0].value
    # the quality gate publishes by replacing the file atomically
    fresh = build_published_db(published.with_name("publish.tmp.duckdb"), verdict="passed")
    os.replace(fresh, published)
    at.run()
    assert "Kvalitet: Godkendt]" in at.markdown[0].value


def test_the_kpi_catalogue_seed_names_the_kpis(published):
    import duckdb

    with duckdb.connect(str(published)) as con:
        con.execute(
            "update kpi_catalogue set label_da = 'Årsbørn i anbringelse' "
            "where kpi = 'placed_child_years'"
        )
    at = run_app()
    assert "Årsbørn i anbringelse" in metrics_of(at, PILOT)


def test_a_table_of_another_shape_is_explained_not_raised(lake):
    import duckdb

    db = build_published_db(lake / "warehouse" / "published.duckdb")
    with duckdb.connect(str(db)) as con:  # as if built by an older trappe
        con.execute("alter table kpi_values drop column period_type")
    at = run_app()
    assert not at.exception
    assert any("`kpi_values`" in w.value and "kunne ikke læses" in w.value for w in at.warning)
    at.switch_page("views/datakvalitet.py").run()
    assert not at.exception
    assert "Godkendt med advarsler" in texts(at)
