"""Kvalitet: fewer children on the ladder must not mean worse care."""

import streamlit as st

from dashboards.guards import require_selection
from dashboards.labels import INFORMANTS
from dashboards.sections import kpi_section

sel = require_selection()
st.header("Kvalitet")
st.caption(
    "Sammenbrud, klager og trivsel. Hver sammenligning af distriktsgrupperne viser, om "
    "forskellen er statistisk signifikant."
)

kpi_section(
    sel,
    "Sammenbrud i anbringelser",
    "breakdown_rate",
    breakdowns=["all"],
    with_significance=True,
    caption="Anbringelser, der bryder sammen, pr. 100 anbragte årsbørn.",
)
kpi_section(
    sel,
    "Klager over sagsbehandlingen",
    "complaint_rate",
    breakdowns=["all"],
    with_significance=True,
    caption="Modtagne klager i procent af de sager, der var åbne i perioden.",
)
kpi_section(
    sel,
    "Trivsel (SDQ)",
    "sdq_mean",
    series="besvarer",
    labels=INFORMANTS,
    caption="Gennemsnitlig SDQ-totalscore (0–40, lavere er bedre) efter, hvem der har "
    "besvaret skemaet.",
)
st.caption("Underretninger og 24-timersvurderinger har deres egen side, Underretninger.")
