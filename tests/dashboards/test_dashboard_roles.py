"""Sign-in and roles: who sees which page and list, through the dashboard's own login form."""

from __future__ import annotations

import re

import pytest

from dashboards.users import read_users
from tests.support.dashboard_app import PASSWORD, log_in, run_app

CPR = re.compile(r"\b\d{6}-?\d{4}\b")


def nav_titles(at) -> list[str]:
    """The pages the navigation offers (Streamlit keeps them in the page list it was given)."""
    return (
        [p.page_name for p in at.get("navigation")[0].proto.app_pages]
        if at.get("navigation")
        else []
    )


def test_without_signing_in_nothing_but_the_login_form_is_shown(published):
    at = run_app(user=None)
    assert not at.exception
    assert at.title[0].value == "Herningmodellen – log ind"
    assert [t.label for t in at.text_input] == ["Brugernavn", "Adgangskode"]
    assert not at.metric and not at.dataframe


def test_a_wrong_password_is_refused(published):
    at = run_app(user=None)
    log_in(at, "leder", "forkert")
    assert "Forkert brugernavn eller adgangskode." in [e.value for e in at.error]
    assert not at.metric
    log_in(at, "ukendt", PASSWORD)
    assert "Forkert brugernavn eller adgangskode." in [e.value for e in at.error]


def test_without_users_the_login_page_says_how_to_create_one(published, lake):
    (lake / "users.toml").unlink()
    at = run_app(user=None)
    assert not at.exception
    assert "trappe users add NAVN --role management" in at.info[0].value


def test_a_broken_users_file_is_named_not_raised(published, lake):
    (lake / "users.toml").write_text('[users.x]\nrole = "boss"\n', encoding="utf-8")
    at = run_app(user=None)
    assert not at.exception
    assert "field 'role' must be one of" in at.error[0].value and "user 'x'" in at.error[0].value


def test_the_account_is_shown_and_signing_out_returns_to_the_login(published):
    at = run_app()
    assert "Logget ind som **Test leder** (Ledelse)" in [c.value for c in at.sidebar.caption]
    at.sidebar.button(key="logout").click().run()
    assert at.title[0].value == "Herningmodellen – log ind"


def test_management_has_no_case_lists(published):
    at = run_app()
    assert not at.exception
    # the page is not even registered for the role: there is nothing to navigate to
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/team.py")
    assert "C657-000101" not in str(at)


def test_the_case_list_page_refuses_a_role_without_case_lists(published, lake):
    # the page guards itself too, should it ever be reached without the navigation's filter
    from streamlit.testing.v1 import AppTest

    from tests.support.dashboard_app import APP

    page = AppTest.from_file(str(APP.parent / "views" / "team.py"), default_timeout=30)
    page.session_state["trappe_user"] = read_users(lake / "users.toml")["leder"].public()
    page.run()
    assert not page.dataframe
    assert "Din rolle (ledelse) giver ikke adgang til teamets sager." in [
        e.value for e in page.error
    ]


def test_a_team_leader_sees_the_own_team_by_pseudonym_and_caseworker(published):
    at = run_app("team", user="pilot")
    assert not at.exception
    overdue, notifications = at.dataframe[0].value, at.dataframe[1].value
    # planned dates by default, longest overdue first; the children's team is not listed
    assert list(overdue["Sag"]) == ["C657-000101", "C657-000102"]
    assert list(overdue["Dage over"]) == [46, 8]
    assert list(overdue["Rådgiver"]) == ["W657-PP001", "W657-PP002"]
    assert overdue["Foranstaltning"].iloc[0] == "Almindelig plejefamilie"
    assert overdue["Forfaldt"].iloc[0] == "20. november 2015"
    assert list(notifications["Underretning"]) == ["N657-0000901"]
    assert notifications["Kilde"].iloc[0] == "Skole"
    for table in (overdue, notifications):
        assert not any(CPR.search(str(v)) for v in table.to_numpy().ravel())

    at.segmented_control(key="team_schedule").set_value("herning_2015").run()
    assert list(at.dataframe[0].value["Sag"]) == ["C657-000102"]
    at.segmented_control(key="team_status").set_value("assessed_late").run()
    assert list(at.dataframe[1].value["Underretning"]) == ["N657-0000902"]


def test_a_team_leader_filters_by_caseworker(published):
    at = run_app("team", user="pilot")
    at.multiselect(key="team_workers").set_value(["W657-PP002"]).run()
    assert list(at.dataframe[0].value["Sag"]) == ["C657-000102"]


def test_pages_without_filters_show_none_and_the_filters_survive(published):
    at = run_app()
    at.sidebar.selectbox(key="f_focus").set_value("2014H2").run()
    at.switch_page("views/datakvalitet.py").run()
    assert not at.sidebar.selectbox  # no period filter where it does nothing
    at.switch_page("views/overblik.py").run()
    assert at.sidebar.selectbox(key="f_focus").value == "2014H2"


def test_small_counts_are_hidden_from_management_not_from_the_data_engineer(published):
    # the other districts moved 5>4 twice in the last half-year (fixture): a count of 1-4
    managers = run_app("indsatstrappen")
    table = managers.dataframe[0].value.set_index("Bevægelse")
    row = "5 · Døgninstitution → 4 · Plejefamilie"
    assert table.loc[row, "Øvrige distrikter"] == "skjult"
    # secondary suppression: the municipality's 9 minus the pilot's 7 would give the 2 away
    assert table.loc[row, "Pilotdistrikter (Sverigesdistrikter)"] == "skjult"
    assert (
        table.loc["1 · Forebyggelse → 2 · Hjemmebaserede indsatser", "Øvrige distrikter"]
        == "skjult"
    )
    engineers = run_app("indsatstrappen", user="data")
    table = engineers.dataframe[0].value.set_index("Bevægelse")
    assert table.loc[row, "Øvrige distrikter"] == "2"
    assert table.loc[row, "Pilotdistrikter (Sverigesdistrikter)"] == "7"


def test_the_data_engineer_sees_dead_letters_checks_and_the_export_log(published, lake):
    import json
    from datetime import UTC, datetime

    from deltalake import write_deltalake

    from ingestion.bronze import deadletter_table

    # as ingestion stores them: a Delta table, partitioned by ingestion day
    rows = [
        {
            "reason": "events.jsonl:3: field 'payload.to_step': too big",
            "error_code": "invalid_value",
            "error_field": "payload.to_step",
            "raw": "{...}",
            "source_kind": "file",
        },
        {
            "reason": "events.jsonl:9: bad",
            "error_code": "malformed_json",
            "raw": "{",
            "source_kind": "file",
        },
    ]
    write_deltalake(
        str(lake / "deadletter" / "records"),
        deadletter_table(rows, ingested_at=datetime(2016, 1, 5, tzinfo=UTC), ingest_run_id="run-1"),
        partition_by=["ingest_date"],
    )
    (lake / "export_log").mkdir()
    # an entry as trappe/export/audit.py writes it
    (lake / "export_log" / "20160105T100000Z-0a1b2c3d.json").write_text(
        json.dumps(
            {
                "export_id": "20160105T100000Z-0a1b2c3d",
                "created_at": "2016-01-05T10:00:00+00:00",
                "user": "trappe",
                "format": "csv",
                "periods": ["2015H1", "2015H2"],
                "as_of": "2016-01-05T09:30:00+00:00",
                "data_quality": "passed_with_warnings",
                "suppressed": True,
                "threshold": 5,
                "out": "/lake/export",
                "files": {"kpis.csv": "ab12", "metadata.json": "cd34"},
                "lake_state": {"silver_version": 3},
            }
        ),
        encoding="utf-8",
    )

    at = run_app("datakvalitet", user="data")
    assert not at.exception
    checks, held, held_events, reasons, newest, log = (d.value for d in at.dataframe[1:7])
    assert list(checks["Resultat"]) == ["bestået", "advarsel", "bestået"]
    assert list(checks["Holdt i karantæne"]) == ["0", "2", "0"]
    assert held.iloc[0].to_dict() == {
        "Kontrol": "events_reference_known_cases",
        "Årsag": "sagen er ikke kommet ind endnu",
        "Hændelser": 2,
        "Ældste (dage)": "16,0",
    }
    assert list(held_events["Hændelse"]) == ["Opfølgning holdt", "Opfølgning holdt"]
    assert dict(zip(reasons["Fejl"], reasons["Antal"])) == {"Ugyldig værdi": 1, "Ugyldig JSON": 1}
    assert len(newest) == 2
    entry = log.iloc[0].to_dict()
    assert entry["Tidspunkt"] == "5. januar 2016 kl. 11.00"
    assert entry["Perioder"] == "2015H1, 2015H2"
    assert entry["Datakvalitet"] == "godkendt med advarsler"
    assert (entry["Diskretion"], entry["Filer"]) == ("ja", 2)

    managers = run_app("datakvalitet")
    # the tables and the checks per layer: no check names, messages, held events, dead letters
    # or export log
    assert len(managers.dataframe) == 2
    per_layer = managers.dataframe[1].value.set_index("Lag")
    assert per_layer.loc["Silver (renset)"].to_dict() == {
        "Kontroller": 1,
        "Bestået": 0,
        "Advarsler": 1,
        "Ikke bestået": 0,
    }
    cards = {m.label: m.value for m in managers.metric}
    assert (cards["Hændelser i karantæne"], cards["Ældste (dage)"]) == ("2", "16,0")
    assert "2 hændelser er holdt ude af nøgletallene" in " ".join(c.value for c in managers.caption)
    assert any("rollen dataansvarlig" in c.value for c in managers.caption)


def test_users_file_round_trip_and_demo_users(tmp_path):
    from dashboards.users import add_user, create_demo_users, verify_password

    path = tmp_path / "users.toml"
    add_user(path, "lene", "management", password="hemmelig", name='Lene "L" Æblø')
    logins = create_demo_users(path)
    users = read_users(path)
    assert users["lene"].name == 'Lene "L" Æblø'
    assert verify_password("hemmelig", users["lene"].password_hash)
    assert not verify_password("Hemmelig", users["lene"].password_hash)
    assert {lg.role for lg in logins} == {"management", "team_leader", "data_engineer"}
    for login in logins:
        assert verify_password(login.password, users[login.username].password_hash)
    assert "hemmelig" not in path.read_text() and (path.stat().st_mode & 0o777) == 0o600
    # a second demo run replaces the demo users' passwords and keeps the real user
    again = create_demo_users(path)
    assert verify_password("hemmelig", read_users(path)["lene"].password_hash)
    assert again[0].password != logins[0].password


@pytest.mark.parametrize(
    "entry, message",
    [
        ('role = "team_leader"', "field 'teams' is required for a team leader"),
        ('role = "management"\nteams = [1]', "field 'teams' must be a list"),
        ('role = "management"\nname = 3', "field 'name' must be a string"),
    ],
)
def test_a_malformed_user_is_one_clear_line(tmp_path, entry, message):
    from dashboards.users import UsersFileError

    path = tmp_path / "users.toml"
    path.write_text(f"[users.ole]\n{entry}\n", encoding="utf-8")
    with pytest.raises(UsersFileError, match=re.escape(message)) as error:
        read_users(path)
    assert "user 'ole'" in str(error.value) and "\n" not in str(error.value)
