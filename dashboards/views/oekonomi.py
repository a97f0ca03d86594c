"""Økonomi: what placements cost, in fixed prices, in total and per child-year, and whether the
savings the investment was to bring have come."""

import altair as alt
import streamlit as st

from dashboards import data
from dashboards.downloads import download
from dashboards.formatting import number, vega_danish_number
from dashboards.guards import require_selection, section
from dashboards.labels import PLACEMENT_CATEGORIES, group_label
from dashboards.plan import (
    PLAN_BASELINE_YEAR,
    PLAN_GROUP,
    savings_frame,
)
from dashboards.sections import kpi_section
from dashboards.selection import ALL, Unit

sel = require_selection()
st.header("Økonomi")
st.caption(
    "Udgifter til anbringelser i faste priser, fordelt på perioderne efter dage. "
    "Målet er en billigere anbringelsespraksis: lavere enhedspris pr. årsbarn."
)

kpi_section(
    sel,
    "Udgifter efter anbringelsesform",
    "expenditure",
    breakdowns=PLACEMENT_CATEGORIES,
    series="kategori",
    labels=PLACEMENT_CATEGORIES,
    stacked=True,
)
kpi_section(sel, "Enhedspris pr. årsbarn", "unit_cost_per_child_year", series="kategori")
kpi_section(
    sel,
    "Udgift pr. indbygger 0–22 år",
    "expenditure_per_resident_0_22",
    units=(Unit(ALL),),
    breakdowns=["all"],
    caption="Opgøres for hele kommunen: befolkningstallet findes ikke pr. distrikt.",
)


with section():
    st.subheader("Besparelser mod investeringsplanen")
    st.caption(
        f"{group_label(PLAN_GROUP)}: udgiften til anbringelser hvert år minus udgiften i "
        f"{PLAN_BASELINE_YEAR}, året før modellen (faste priser), mod planens forventede "
        "besparelse (−1,0, −2,0, −3,0 og −4,5 mio. kr. i 2013–2016). Investeringen er "
        "2,0 mio. kr. om året til fire ekstra rådgivere og en teamleder; netto er "
        "besparelsen plus investeringen (negativ er en gevinst)."
    )
    yearly = data.kpi_series(sel.marts, sel.municipality, "year", ("expenditure",))
    frame = savings_frame(yearly)
    if frame is None:
        st.info(
            f"Der er ingen udgifter for {group_label(PLAN_GROUP)} i "
            f"{PLAN_BASELINE_YEAR} og planårene, så besparelsen kan ikke opgøres.",
            icon=":material/info:",
        )
    else:
        latest = frame.iloc[-1]
        st.markdown(f"**{latest['År']}**")
        for column, (label, name) in zip(
            st.columns(4),
            (
                ("Udgift til anbringelser", "Udgift til anbringelser (kr.)"),
                ("Opnået besparelse", "Opnået besparelse (kr.)"),
                ("Forventet besparelse", "Forventet besparelse (kr.)"),
                ("Netto efter investering", "Netto (kr.)"),
            ),
        ):
            signed = name != "Udgift til anbringelser (kr.)"
            column.metric(label, f"{number(latest[name] / 1e6, 1, signed=signed)} mio. kr.")
        long = frame.melt(
            id_vars="År",
            value_vars=["Opnået besparelse (kr.)", "Forventet besparelse (kr.)", "Netto (kr.)"],
            var_name="Serie",
            value_name="kr",
        )
        long["mio"] = long["kr"] / 1e6
        long["tekst"] = [f"{number(v, 1)} mio. kr." for v in long["mio"]]
        chart = (
            alt.Chart(long, title="Besparelse på anbringelser, mio. kr. (faste priser)")
            .mark_bar()
            .encode(
                x=alt.X("År:O", title=None, axis=alt.Axis(labelAngle=0)),
                xOffset="Serie:N",
                y=alt.Y(
                    "mio:Q", title="mio. kr.", axis=alt.Axis(labelExpr=vega_danish_number(",.1f"))
                ),
                color=alt.Color(
                    "Serie:N",
                    title=None,
                    legend=alt.Legend(orient="bottom", labelLimit=0),
                    scale=alt.Scale(
                        domain=[
                            "Opnået besparelse (kr.)",
                            "Forventet besparelse (kr.)",
                            "Netto (kr.)",
                        ],
                        range=["#00587C", "#9E9E9E", "#27AE60"],
                    ),
                ),
                tooltip=[
                    alt.Tooltip("År:N"),
                    alt.Tooltip("Serie:N"),
                    alt.Tooltip("tekst:N", title="Beløb"),
                ],
            )
            .properties(height=340)
        )
        st.altair_chart(chart, width="stretch")
        shown = frame.copy()
        for column in shown.columns[1:]:
            signed = column != "Udgift til anbringelser (kr.)"
            shown[column] = [f"{number(v / 1e6, 1, signed=signed)} mio. kr." for v in shown[column]]
        st.dataframe(
            shown.rename(columns=lambda c: c.replace(" (kr.)", "")),
            hide_index=True,
            width="stretch",
        )
        download(frame, "besparelser mod investeringsplanen")
