"""Underretninger: who notifies, and is every notification assessed within 24 hours?"""

import streamlit as st

from dashboards.guards import require_selection
from dashboards.labels import SOURCES
from dashboards.sections import kpi_section

sel = require_selection()
st.header("Underretninger")
st.caption(
    "Alle nye underretninger skal have en 24-timersvurdering: er der brug for akut "
    "handling? Her ses, hvem der underretter, og hvor mange der blev vurderet i tide."
)

kpi_section(
    sel,
    "Underretninger vurderet inden for 24 timer",
    "notification_24h_compliance",
    breakdowns=["all"],
    with_significance=True,
    caption="Andel af periodens underretninger, hvor den første vurdering skete inden for "
    "24 timer efter modtagelsen. Målet er 100 %.",
)
kpi_section(
    sel,
    "Underretninger efter kilde",
    "notifications",
    breakdowns=SOURCES,
    series="kilde",
    labels=SOURCES,
    stacked=True,
    caption="Modtagne underretninger i perioden efter, hvem der underrettede.",
)
kpi_section(
    sel,
    "24-timersvurdering efter kilde",
    "notification_24h_compliance",
    breakdowns=[s for s in SOURCES if s != "all"],
    series="kilde",
    labels=SOURCES,
    caption="Andel vurderet inden for 24 timer for hver kilde.",
)
