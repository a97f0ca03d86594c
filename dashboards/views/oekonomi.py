"""Økonomi: what placements cost, in fixed prices, in total and per child-year."""
import streamlit as st

from dashboards import components as c
from dashboards.labels import PLACEMENT_CATEGORIES
from dashboards.selection import ALL, Unit

sel = c.require_selection()
st.header("Økonomi")
st.caption("Udgifter til anbringelser i faste priser, fordelt på perioderne efter dage. "
           "Målet er en billigere anbringelsespraksis: lavere enhedspris pr. årsbarn.")

c.kpi_section(sel, "Udgifter efter anbringelsesform", "expenditure",
              breakdowns=PLACEMENT_CATEGORIES, series="kategori", labels=PLACEMENT_CATEGORIES,
              stacked=True)
c.kpi_section(sel, "Enhedspris pr. årsbarn", "unit_cost_per_child_year", series="kategori")
c.kpi_section(sel, "Udgift pr. indbygger 0–22 år", "expenditure_per_resident_0_22",
              units=(Unit(ALL),), breakdowns=["all"],
              caption="Opgøres for hele kommunen: befolkningstallet findes ikke pr. distrikt.")
