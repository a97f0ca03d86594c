"""Opfølgning: are follow-ups with a child conversation held as often as the rules ask?"""

import streamlit as st

from dashboards.formatting import with_unit
from dashboards.guards import require_selection, section
from dashboards.labels import breakdown_label, kpi_label
from dashboards.sections import kpi_rows, kpi_section
from dashboards.significance import significance

sel = require_selection()
st.header("Opfølgning")
st.caption(
    "Andel af de opfølgninger, der forfaldt i perioden, som blev holdt til tiden – efter "
    "Herning-reglerne, efter lovens minimum og efter rådgiverens egen plan."
)

RULES = {
    "followup_compliance_herning": "Herning-reglerne",
    "followup_compliance_legal": "Lovens minimum",
    "followup_compliance_planned": "Planlagt dato",
}

kpi_section(
    sel,
    "Opfølgning til tiden",
    tuple(RULES),
    breakdowns=["all"],
    series="regel",
    labels=RULES,
    label_of="kpi",
    with_significance=True,
)

with section():
    st.subheader("Opfølgning efter indsatstype")
    rule = st.radio("Regelsæt", list(RULES), format_func=RULES.get, horizontal=True, key="opf_rule")
    df = kpi_rows(sel, (rule,))
    df = df[(df["breakdown"] != "all") & (df["period"] == sel.focus)]
    if df.empty:
        st.caption(f"Ingen tal efter indsatstype for {sel.period_text(sel.focus)}.")
    else:
        df["Indsatstype"] = [breakdown_label(b) for b in df["breakdown"]]
        table = df.pivot_table(
            index="Indsatstype", columns="enhed", values="value", aggfunc="first"
        )
        st.caption(f"{kpi_label(rule, sel.catalogue)}, {sel.period_text(sel.focus)}")
        st.dataframe(table.map(lambda v: with_unit(v, "%")), width="stretch")
        significance(sel, rule, sorted(set(df["breakdown"])))

kpi_section(
    sel,
    "Opfølgninger pr. sag pr. halvår",
    "followups_per_case",
    series="indsatstype",
    caption="Lovpligtige opfølgninger holdt i halvåret pr. sag med en aktiv indsats af typen.",
)
kpi_section(sel, "Sager pr. rådgiver", "caseload_per_caseworker", breakdowns=["all"])
