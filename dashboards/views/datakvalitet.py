"""Datakvalitet: can the figures be trusted? The quality gate's verdict and the data's age."""
import pandas as pd
import streamlit as st

from dashboards import data, selection
from dashboards.formatting import datetime_label, number
from dashboards.guards import section
from dashboards.header import verdict_text


def show_verdict(verdict: dict | None) -> None:
    if verdict is None:
        st.info("Tabellen `audit_quality_verdict` er ikke publiceret, så afgørelsen er ukendt. "
                "Kør `trappe build` for at validere og publicere data.", icon=":material/info:")
        return
    code = verdict.get("verdict")
    first, second = st.columns(2), st.columns(2)
    first[0].metric("Afgørelse", verdict_text(verdict))
    first[1].metric("Valideret", datetime_label(verdict.get("validated_at")))
    second[0].metric("Kritiske fejl", number(verdict.get("critical_failures")))
    second[1].metric("Advarsler", number(verdict.get("warnings")))
    if code == "passed_with_warnings":
        st.warning("Data er godkendt med advarsler: ingen kritiske fejl, men nogle kontroller "
                   "gav advarsler. Se kvalitetsrapporten (`quality/data_docs/`) for detaljer.",
                   icon=":material/warning:")
    elif code == "passed":
        st.success("Alle kontroller bestået.", icon=":material/check_circle:")
    st.caption(f"Kørsel: `{verdict.get('run_id')}`")


def show_build(build: dict | None) -> None:
    if build is None:
        st.info("Tabellen `audit_build` er ikke publiceret, så opgørelsestidspunktet er ukendt.",
                icon=":material/info:")
        return
    cols = st.columns(2)
    cols[0].metric("Data opgjort pr.", datetime_label(build.get("as_of")),
                   help="Kun hændelser registreret til og med dette tidspunkt tæller med.")
    cols[1].metric("Seneste registrerede hændelse", datetime_label(build.get("event_watermark")),
                   help="Det seneste registreringstidspunkt (recorded_at) blandt hændelserne.")
    st.caption(f"trappe-version {build.get('pipeline_version')} · dbt-kørsel "
               f"`{build.get('dbt_invocation_id')}`")


def show_tables(marts: data.PublishedMarts) -> None:
    overview = data.table_overview(marts)
    st.dataframe(
        pd.DataFrame({
            "Tabel": overview["table"],
            "Indhold": overview["description"],
            "Rækker": [number(n) if pd.notna(n) else "mangler" for n in overview["rows"]],
        }),
        hide_index=True, width="stretch",
    )


marts = selection.current_marts()
if marts is None:
    st.stop()

st.header("Datakvalitet")
st.caption("Nøgletallene publiceres kun, når kvalitetskontrollen (Great Expectations) har "
           "godkendt dem. Her ses afgørelsen, og hvor nye data er.")

st.subheader("Kvalitetskontrollens afgørelse")
with section():
    show_verdict(data.quality_verdict(marts))

st.subheader("Hvor nye er data?")
with section():
    show_build(data.audit_build(marts))

st.subheader("Publicerede tabeller")
with section():
    show_tables(marts)
st.caption(f"Fil: `{marts.path}` (åbnet skrivebeskyttet)")
