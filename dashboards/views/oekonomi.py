"""Økonomi: what placements cost, in fixed prices, in total and per child-year."""
import streamlit as st

from dashboards import components as c
from dashboards.labels import PLACEMENT_CATEGORIES, breakdown_label, kpi_label
from dashboards.selection import ALL, Unit

sel = c.require_selection()
st.header("Økonomi")
st.caption("Udgifter til anbringelser i faste priser, fordelt på perioderne efter dage. "
           "Målet er en billigere anbringelsespraksis: lavere enhedspris pr. årsbarn.")

with c.section():
    st.subheader("Udgifter efter anbringelsesform")
    df = c.kpi_rows(sel, ("expenditure",))
    df = df[df["breakdown"].isin(PLACEMENT_CATEGORIES)]
    if df.empty:
        c.absent_notice(sel, "expenditure")
    else:
        df["kategori"] = [breakdown_label(b) for b in df["breakdown"]]
        c.per_unit(sel, df, lambda part, title: c.stacked_chart(
            sel, part, title, "kategori", list(PLACEMENT_CATEGORIES.values())))

with c.section():
    st.subheader("Enhedspris pr. årsbarn")
    df = c.kpi_rows(sel, ("unit_cost_per_child_year",))
    if df.empty:
        c.absent_notice(sel, "unit_cost_per_child_year")
    else:
        df["kategori"] = [breakdown_label(b) for b in df["breakdown"]]
        c.per_unit(sel, df, lambda part, title: c.trend_chart(
            sel, part, title, color="kategori"))

with c.section():
    st.subheader("Udgift pr. indbygger 0–22 år")
    st.caption("Opgøres for hele kommunen: befolkningstallet findes ikke pr. distrikt.")
    df = c.kpi_rows(sel, ("expenditure_per_resident_0_22",), units=(Unit(ALL),))
    df = df[df["breakdown"] == "all"]
    if df.empty:
        c.absent_notice(sel, "expenditure_per_resident_0_22")
    else:
        c.trend_chart(sel, df, kpi_label("expenditure_per_resident_0_22", sel.catalogue))
