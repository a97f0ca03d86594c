"""Overblik: is the change theory working? Placed child-years and how children are placed."""

import streamlit as st

from dashboards import data
from dashboards.cards import kpi_card
from dashboards.guards import require_selection, section
from dashboards.labels import MEASURE_TYPES, PLACEMENT_CATEGORIES
from dashboards.privacy import NOTE
from dashboards.sections import kpi_rows, kpi_section

sel = require_selection()
st.header("Overblik")
st.caption(
    "Færre anbragte, færre på institution og flere i familiepleje: følger "
    "distrikterne forandringsteorien, halvår for halvår?"
)

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
    targets = data.targets(sel.marts)
    st.subheader(f"Nøgletal for {sel.period_text(sel.focus)}")
    previous = sel.period_text(sel.previous) if sel.previous else "–"
    st.caption(
        f"Pilene viser udviklingen siden perioden før ({previous}); grøn er en udvikling "
        "i den ønskede retning. Mål fra kommunens målsætninger står under kortet."
    )
    if sel.focus in sel.incomplete:
        st.caption(
            "Perioden er foreløbig: den er ikke slut endnu, og tallene ændrer sig, når "
            "flere hændelser kommer ind."
        )
    if sel.suppress:
        st.caption(NOTE)
    units = list(sel.units)
    for start in range(0, len(units), 2):
        row = units[start : start + 2]
        for column, unit in zip(st.columns(2), row):
            with column.container(border=True):
                st.markdown(f"**{unit.label}**")
                unit_df = df[df["enhed"] == unit.label]
                grid = st.columns(2)
                for i, (kpi, breakdown, label, lower) in enumerate(CARDS):
                    with grid[i % 2]:
                        kpi_card(sel, unit_df, kpi, breakdown, label, lower, targets)

kpi_section(
    sel,
    "Anbragte årsbørn",
    "placed_child_years",
    breakdowns=["all"],
    caption="Årsbørn: summen af de dage, børnene har været anbragt i perioden, delt "
    "med periodens dage. Et barn anbragt et halvt år tæller 0,5.",
)

st.subheader("Årsbørn efter anbringelsesform og foranstaltning")
by = st.segmented_control(
    "Opdel efter", ["Anbringelsesform", "Foranstaltning"], default="Anbringelsesform", key="ov_by"
)
if by == "Foranstaltning":
    kpi_section(
        sel,
        "",
        "placed_child_years",
        breakdowns=MEASURE_TYPES,
        series="foranstaltning",
        labels=MEASURE_TYPES,
        stacked=True,
        caption="Anbragte årsbørn pr. foranstaltning (hjemmebaserede anbringelser, "
        "pleje og institution), stablet.",
    )
else:
    kpi_section(
        sel,
        "",
        "placed_child_years",
        breakdowns=PLACEMENT_CATEGORIES,
        series="kategori",
        labels=PLACEMENT_CATEGORIES,
        stacked=True,
        caption="Anbragte årsbørn pr. anbringelsesform; de tre former giver tilsammen "
        "alle anbragte årsbørn.",
    )

kpi_section(
    sel,
    "Anbringelsesformer",
    "placement_share",
    breakdowns=PLACEMENT_CATEGORIES,
    series="kategori",
    labels=PLACEMENT_CATEGORIES,
    stacked=True,
    with_significance=True,
    caption="Andel af de anbragte årsbørn på døgninstitution, i plejefamilie og i "
    "hjemmebaserede anbringelser (eget værelse, kost-/efterskole, "
    "opgangsfællesskab).",
)
