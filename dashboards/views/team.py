"""Teamets sager: what a team leader acts on today — overdue follow-ups and notifications
without a 24-hour assessment, for the leader's own teams, by pseudonym and caseworker."""

import pandas as pd
import streamlit as st

from dashboards import access, data, selection
from dashboards.downloads import download
from dashboards.formatting import date_label, datetime_label, number
from dashboards.guards import section
from dashboards.labels import MEASURE_TYPES, NOTIFICATION_STATUS, SCHEDULES, SOURCES

user = access.require(access.CASE_LISTS, "teamets sager")
marts = selection.current_marts()
sel = selection.current()
if marts is None:
    st.stop()

st.header("Teamets sager")
teams = tuple(user.teams)
st.caption(
    f"Sager i {'teamet' if len(teams) == 1 else 'teamene'} {', '.join(teams)}: hvad "
    "skal der handles på nu? Børn og sager vises med deres pseudonymer, aldrig med "
    "CPR-nummer. Listerne er opgjort på tidspunktet øverst på siden."
)
municipality = sel.municipality if sel else None
if municipality is None:
    st.stop()

with section():
    st.subheader("Forfaldne opfølgninger")
    df = data.overdue_followups(marts, municipality, teams)
    schedule = (
        st.segmented_control(
            "Frist efter",
            list(SCHEDULES),
            default="planned",
            key="team_schedule",
            format_func=lambda code: SCHEDULES.get(code, code),
            help="Planlagt dato: den dato rådgiveren selv har sat (Barnets lov § 95). Herning-"
            "reglerne og lovens minimum: de faste regelsæt.",
        )
        or "planned"
    )
    df = df[df["schedule"] == schedule]
    if df.empty:
        st.success("Ingen forfaldne opfølgninger.", icon=":material/check_circle:")
    else:
        workers = sorted(df["caseworker_id"].dropna().unique())
        chosen = st.multiselect(
            "Rådgiver", workers, default=[], key="team_workers", placeholder="Alle rådgivere"
        )
        if chosen:
            df = df[df["caseworker_id"].isin(chosen)]
        noun = "sag venter" if len(df) == 1 else "sager venter"
        st.caption(f"{number(len(df))} {noun} på en opfølgning; længst ventet øverst.")
        table = pd.DataFrame(
            {
                "Sag": df["case_id"],
                "Barn (pseudonym)": df["child_id"],
                "Rådgiver": df["caseworker_id"],
                "Team": df["team"],
                "Distrikt": df["district"],
                "Foranstaltning": [MEASURE_TYPES.get(m, m) for m in df["measure_type"]],
                "Forfaldt": [date_label(d) for d in pd.to_datetime(df["due_date"]).dt.date],
                "Dage over": df["days_overdue"].astype(int),
                "Frister passeret": df["missed_due_dates"].astype(int),
                "Sidste opfølgning": [
                    date_label(d.date()) if pd.notna(d) else "ingen"
                    for d in pd.to_datetime(df["last_followup_date"])
                ],
            }
        )
        # one team needs no team column: the page says which team it is
        shown = table.drop(columns="Team") if len(teams) == 1 else table
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={"Dage over": st.column_config.NumberColumn(format="%d")},
        )
        download(
            table.assign(Forfaldt=pd.to_datetime(df["due_date"]).dt.date.to_numpy()),
            f"forfaldne opfoelgninger {schedule}",
        )

with section():
    st.subheader("Underretninger uden 24-timersvurdering")
    df = data.unassessed_notifications(marts, municipality, teams)
    status = (
        st.segmented_control(
            "Vis",
            list(NOTIFICATION_STATUS),
            default="not_assessed",
            format_func=lambda code: NOTIFICATION_STATUS.get(code, code),
            key="team_status",
        )
        or "not_assessed"
    )
    df = df[df["status"] == status]
    if df.empty:
        st.success("Ingen underretninger i listen.", icon=":material/check_circle:")
    else:
        noun = "underretning" if len(df) == 1 else "underretninger"
        st.caption(f"{number(len(df))} {noun}; nyeste øverst.")
        table = pd.DataFrame(
            {
                "Sag": df["case_id"],
                "Barn (pseudonym)": df["child_id"],
                "Rådgiver": df["caseworker_id"],
                "Team": df["team"],
                "Underretning": df["notification_id"],
                "Kilde": [SOURCES.get(s, s) for s in df["source"]],
                "Modtaget": [datetime_label(t) for t in df["received_at"]],
                "Vurderet": [
                    datetime_label(t) if pd.notna(t) else "ikke endnu" for t in df["assessed_at"]
                ],
                "Timer": [number(h, 0) for h in df["hours_since_received"]],
            }
        )
        st.dataframe(
            table.drop(columns="Team") if len(teams) == 1 else table,
            hide_index=True,
            width="stretch",
        )
        download(
            table.assign(Timer=df["hours_since_received"].round(1).to_numpy()),
            f"underretninger {status}",
        )
