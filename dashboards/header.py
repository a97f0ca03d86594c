"""The header every page shows: as-of time and the quality gate's verdict."""

from __future__ import annotations

import streamlit as st

from dashboards.formatting import datetime_label, number
from dashboards.labels import VERDICTS
from dashboards.municipalities import municipality_name


def verdict_text(verdict: dict | None) -> str:
    if verdict is None:
        return "ukendt"
    return VERDICTS.get(str(verdict.get("verdict")), str(verdict.get("verdict")))


def render(build: dict | None, verdict: dict | None, municipality: str | None) -> None:
    where = f" – {municipality_name(municipality)}" if municipality else ""
    st.title(f"Ledelsesoverblik{where}", anchor=False)
    as_of = datetime_label(build.get("as_of")) if build else "ukendt (audit_build mangler)"
    code = verdict.get("verdict") if verdict else None
    badge = {
        "passed": ":green-badge[:material/check_circle: Kvalitet: Godkendt]",
        "passed_with_warnings": (
            ":orange-badge[:material/warning: Kvalitet: Godkendt med advarsler]"
        ),
        "failed": ":red-badge[:material/error: Kvalitet: Ikke godkendt]",
    }.get(code or "", ":gray-badge[:material/help: Kvalitet: ukendt]")
    st.markdown(f"Data opgjort pr. **{as_of}** &nbsp; {badge}")
    if code == "passed_with_warnings":
        st.warning(
            f"Kvalitetskontrollen godkendte data med {number((verdict or {}).get('warnings'))} "
            "advarsel(er). Tallene er publiceret, men se siden Datakvalitet, før du drager "
            "konklusioner.",
            icon=":material/warning:",
        )
    elif code == "failed":
        st.error(
            "Kvalitetskontrollen har ikke godkendt disse data. Se siden Datakvalitet.",
            icon=":material/error:",
        )
