"""Overblik: is the change theory working? Placed child-years and how children are placed."""
import streamlit as st

from dashboards import data
from dashboards.cards import kpi_card
from dashboards.guards import require_selection, section
from dashboards.labels import PLACEMENT_CATEGORIES
from dashboards.sections import kpi_rows, kpi_section
from dashboards.significance import diff_in_diff_frame

sel = require_selection()
st.header("Overblik")
st.caption("Færre anbragte, færre på institution og flere i familiepleje: følger "
           "distrikterne forandringsteorien, halvår for halvår?")

# (kpi, breakdown, label, lower is better) — the programme's goals, one card each
CARDS = [
    ("placed_child_years", "all", None, None),
    ("placement_share", "institution", "Andel på døgninstitution", True),
    ("placement_share", "family_foster_care", "Andel i plejefamilie", False),
    ("followup_compliance_herning", "all", None, None),
    ("breakdown_rate", "all", None, None),
    ("unit_cost_per_child_year", "all", None, None),
]

with section():
    df = kpi_rows(sel, tuple({kpi for kpi, *_ in CARDS}))
    st.subheader(f"Nøgletal for {sel.period_text(sel.focus)}")
    st.caption(f"Pilene viser udviklingen siden basisperioden {sel.period_text(sel.baseline)}; "
               "grøn er en udvikling i den ønskede retning.")
    if sel.focus in sel.incomplete:
        st.caption("Perioden er ikke slut endnu; tallene ændrer sig, når flere hændelser kommer ind.")
    units = list(sel.units)
    for start in range(0, len(units), 3):
        row = units[start:start + 3]
        for column, unit in zip(st.columns(len(row)), row):
            with column.container(border=True):
                st.markdown(f"**{unit.label}**")
                unit_df = df[df["enhed"] == unit.label]
                grid = st.columns(2)
                for i, (kpi, breakdown, label, lower) in enumerate(CARDS):
                    with grid[i % 2]:
                        kpi_card(sel, unit_df, kpi, breakdown, label, lower)

kpi_section(sel, "Anbragte årsbørn", "placed_child_years", breakdowns=["all"],
              caption="Årsbørn: summen af de dage, børnene har været anbragt i perioden, delt "
                      "med periodens dage. Et barn anbragt et halvt år tæller 0,5.")
kpi_section(sel, "Anbringelsesformer", "placement_share", breakdowns=PLACEMENT_CATEGORIES,
              series="kategori", labels=PLACEMENT_CATEGORIES, stacked=True,
              with_significance=True,
              caption="Andel af de anbragte årsbørn på døgninstitution, i plejefamilie og i "
                      "hjemmebaserede anbringelser (eget værelse, kost-/efterskole, "
                      "opgangsfællesskab).")

with section():
    st.subheader("Forskel-i-forskelle: pilotdistrikter mod øvrige distrikter")
    st.caption("Ændringen fra basisperioden i pilotdistrikterne minus ændringen i de øvrige "
               "distrikter. Et negativt tal betyder, at pilotdistrikterne er faldet mere (eller "
               "steget mindre) end resten af kommunen.")
    did = data.diff_in_diff(sel.marts, sel.municipality)
    if did.empty:
        st.caption("Ingen forskel-i-forskelle-beregninger i de publicerede data.")
    else:
        st.dataframe(diff_in_diff_frame(sel, did), hide_index=True,
                     width="stretch")
