"""Forskel-i-forskelle: did the pilot districts change more than the others since the baseline?"""

import pandas as pd
import streamlit as st

from dashboards import data
from dashboards.downloads import download
from dashboards.formatting import period_label
from dashboards.guards import require_selection, section
from dashboards.labels import TESTS, breakdown_label, kpi_label
from dashboards.significance import diff_in_diff_frame

sel = require_selection()
st.header("Forskel-i-forskelle")
st.caption(
    "Ændringen fra basisperioden i pilotdistrikterne minus ændringen i de øvrige "
    "distrikter. Et negativt tal betyder, at pilotdistrikterne er faldet mere (eller steget "
    "mindre) end resten af kommunen. Andele og rater har et 95 %-konfidensinterval og en "
    "p-værdi efter samme metode som gruppesammenligningerne; årsbørn, kroner og antal er "
    "niveauer for alle børnene, ikke stikprøver, og har intet interval."
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
    # a comparison period that is still running is marked, as everywhere else
    preliminary = set(did.loc[did["period_complete"].eq(False), "comparison_period"])

    def comparison_label(period: str) -> str:
        return period_label(period) + (" (foreløbig)" if period in preliminary else "")

    # the period filter picks the comparison: the one that holds the focus period's start
    focus_year = (sel.focus or comparisons[-1])[:4]
    default = next((p for p in reversed(comparisons) if p[:4] == focus_year), comparisons[-1])
    # a new focus period moves the comparison with it; a comparison picked here stays until then
    if st.session_state.get("did_focus") != sel.focus or (
        st.session_state.get("did_period") not in comparisons
    ):
        st.session_state["did_focus"] = sel.focus
        st.session_state["did_period"] = default
    left, middle, right = st.columns([2, 3, 2])
    with left:
        comparison = st.selectbox(
            "Sammenligningsperiode",
            list(reversed(comparisons)),
            format_func=comparison_label,
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
    st.subheader(f"{baseline} → {comparison_label(comparison)}")
    shown = shown.reset_index(drop=True)
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
        test=[TESTS.get(t, t) if isinstance(t, str) else None for t in shown["test"]],
        significant=[None if pd.isna(v) else ("ja" if v else "nej") for v in shown["significant"]],
        period_complete=[
            None if pd.isna(v) else ("ja" if v else "nej (foreløbig)")
            for v in shown["period_complete"]
        ],
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
                "p_value": "p-værdi",
                "test": "Test",
                "significant": "Signifikant",
                "period_complete": "Perioden afsluttet",
            }
        ),
        f"forskel-i-forskelle {comparison}",
    )
