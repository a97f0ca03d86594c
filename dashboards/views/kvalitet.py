"""Kvalitet: fewer children on the ladder must not mean worse care."""
import streamlit as st

from dashboards import components as c
from dashboards.labels import breakdown_label

sel = c.require_selection()
st.header("Kvalitet")
st.caption("Sammenbrud, klager og 24-timersvurderinger. Hver sammenligning af "
           "distriktsgrupperne viser, om forskellen er statistisk signifikant.")

c.rate_section(sel, "breakdown_rate", "Sammenbrud i anbringelser",
               caption="Sammenbrud (placement.broke_down) i procent af de anbragte årsbørn.")
c.rate_section(sel, "complaint_rate", "Klager over sagsbehandlingen",
               caption="Modtagne klager i procent af de sager, der var åbne i perioden.")
c.rate_section(sel, "notification_24h_compliance", "Underretninger vurderet inden for 24 timer",
               caption="Andel af underretningerne, hvor den første vurdering skete inden for "
                       "24 timer.")

with c.section():
    st.subheader("Trivsel (SDQ)")
    st.caption("Gennemsnitlig SDQ-totalscore (0–40, lavere er bedre) efter besvarer.")
    df = c.kpi_rows(sel, ("sdq_mean",))
    if df.empty:
        c.absent_notice(sel, "sdq_mean")
    else:
        df["besvarer"] = [breakdown_label(b) for b in df["breakdown"]]
        c.per_unit(sel, df, lambda part, title: c.trend_chart(
            sel, part, title, color="besvarer"))
