"""Forskel-i-forskelle: did the pilot districts change more than the others since the baseline?"""

import streamlit as st

from dashboards import data
from dashboards.downloads import download
from dashboards.formatting import period_label
from dashboards.guards import require_selection, section
from dashboards.labels import breakdown_label, kpi_label
from dashboards.significance import diff_in_diff_frame, diff_in_diff_intervals

sel = require_selection()
st.header("Forskel-i-forskelle")
st.caption(
    "Ændringen fra basisperioden i pilotdistrikterne minus ændringen i de øvrige "
    "distrikter. Et negativt tal betyder, at pilotdistrikterne er faldet mere (eller steget "
    "mindre) end resten af kommunen. Intervallet er et 95 %-konfidensinterval "
    "(normalapproksimation) for nøgletal, der bygger på optællinger; årsbørn og kroner "
    "har intet."
)

with section():
    did = data.diff_in_diff(sel.marts, sel.municipality)
    if did.empty:
        st.info(
            "Der er ingen forskel-i-forskelle-beregninger i de publicerede data.",
            icon=":material/info:",
        )
        st.stop()
    comparisons = sorted(set(did["comparison_period"]))
    # the period filter picks the comparison: the one that holds the focus period's start
    focus_year = (sel.focus or comparisons[-1])[:4]
    default = next((p for p in reversed(comparisons) if p[:4] == focus_year), comparisons[-1])
    left, middle, right = st.columns([2, 3, 2])
    with left:
        comparison = st.selectbox(
            "Sammenligningsperiode",
            list(reversed(comparisons)),
            index=list(reversed(comparisons)).index(default),
            format_func=period_label,
            key="did_period",
        )
    codes = sorted(set(did["kpi"]), key=lambda k: kpi_label(k, sel.catalogue))
    with middle:
        chosen = st.multiselect(
            "Nøgletal",
            codes,
            default=[],
            key="did_kpis",
            format_func=lambda k: kpi_label(k, sel.catalogue),
            placeholder="Alle nøgletal",
        )
    with right:
        parts = st.toggle(
            "Vis også opdelinger",
            value=False,
            key="did_parts",
            help="Anbringelsesformer, foranstaltninger, trin, kilder og bevægelser, ud over i alt.",
        )
    shown = did[did["comparison_period"] == comparison]
    if chosen:
        shown = shown[shown["kpi"].isin(chosen)]
    if not parts:
        shown = shown[shown["breakdown"] == "all"]
    if shown.empty:
        st.caption("Ingen beregninger for de valgte filtre.")
        st.stop()
    baseline = period_label(str(shown["baseline_period"].iloc[0]))
    st.subheader(f"{baseline} → {period_label(comparison)}")
    shown = diff_in_diff_intervals(sel, shown.reset_index(drop=True))
    st.dataframe(
        diff_in_diff_frame(sel, shown),
        hide_index=True,
        width="stretch",
        column_config={
            "Nøgletal": st.column_config.TextColumn(width="medium"),
            "Opdeling": st.column_config.TextColumn(width="small"),
        },
    )
    raw = shown.assign(
        kpi=[kpi_label(k, sel.catalogue) for k in shown["kpi"]],
        breakdown=[breakdown_label(b) for b in shown["breakdown"]],
    )
    download(
        raw.rename(
            columns={
                "kpi": "Nøgletal",
                "municipality": "Kommune",
                "breakdown": "Opdeling",
                "baseline_period": "Basisperiode",
                "comparison_period": "Sammenligningsperiode",
                "pilot_baseline": "Pilot før",
                "pilot_comparison": "Pilot efter",
                "other_baseline": "Øvrige før",
                "other_comparison": "Øvrige efter",
                "pilot_change": "Ændring pilot",
                "other_change": "Ændring øvrige",
                "diff_in_diff": "Forskel-i-forskelle",
                "ci_low": "95 % interval, nedre",
                "ci_high": "95 % interval, øvre",
            }
        ),
        f"forskel-i-forskelle {comparison}",
    )
