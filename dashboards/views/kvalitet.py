"""Kvalitet: fewer children on the ladder must not mean worse care."""
import streamlit as st

from dashboards.guards import require_selection
from dashboards.sections import kpi_section

sel = require_selection()
st.header("Kvalitet")
st.caption("Sammenbrud, klager og 24-timersvurderinger. Hver sammenligning af "
           "distriktsgrupperne viser, om forskellen er statistisk signifikant.")

kpi_section(sel, "Sammenbrud i anbringelser", "breakdown_rate", breakdowns=["all"],
              with_significance=True,
              caption="Sammenbrud (placement.broke_down) i procent af de anbragte årsbørn.")
kpi_section(sel, "Klager over sagsbehandlingen", "complaint_rate", breakdowns=["all"],
              with_significance=True,
              caption="Modtagne klager i procent af de sager, der var åbne i perioden.")
kpi_section(sel, "Underretninger vurderet inden for 24 timer", "notification_24h_compliance",
              breakdowns=["all"], with_significance=True,
              caption="Andel af underretningerne, hvor den første vurdering skete inden for "
                      "24 timer.")
kpi_section(sel, "Trivsel (SDQ)", "sdq_mean", series="besvarer",
              caption="Gennemsnitlig SDQ-totalscore (0–40, lavere er bedre) efter besvarer.")
