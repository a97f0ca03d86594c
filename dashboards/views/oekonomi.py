"""Økonomi: what placements cost, in fixed prices, in total and per child-year."""
import streamlit as st

from dashboards.guards import require_selection
from dashboards.labels import PLACEMENT_CATEGORIES
from dashboards.sections import kpi_section
from dashboards.selection import ALL, Unit

sel = require_selection()
st.header("Økonomi")
st.caption("Udgifter til anbringelser i faste priser, fordelt på perioderne efter dage. "
           "Målet er en billigere anbringelsespraksis: lavere enhedspris pr. årsbarn.")

kpi_section(sel, "Udgifter efter anbringelsesform", "expenditure",
              breakdowns=PLACEMENT_CATEGORIES, series="kategori", labels=PLACEMENT_CATEGORIES,
              stacked=True)
kpi_section(sel, "Enhedspris pr. årsbarn", "unit_cost_per_child_year", series="kategori")
kpi_section(sel, "Udgift pr. indbygger 0–22 år", "expenditure_per_resident_0_22",
              units=(Unit(ALL),), breakdowns=["all"],
              caption="Opgøres for hele kommunen: befolkningstallet findes ikke pr. distrikt.")
