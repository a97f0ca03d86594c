"""Entry script of the management dashboard: `trappe dashboard` runs it with Streamlit.

It reads the published marts (never staging) read-only. The lake comes from TRAPPE_HOME, which
`trappe dashboard --home` sets.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from dashboards import data, header, selection
from dashboards.guards import missing_table_message
from trappe.core.settings import settings

VIEWS = Path(__file__).parent / "views"

st.set_page_config(
    page_title="Herningmodellen – ledelsesoverblik",
    page_icon=":material/stairs:",
    layout="wide",
)

published = settings().published_db.resolve()

try:
    marts = data.open_marts(published)
except duckdb.Error as exc:
    st.title("Ledelsesoverblik", anchor=False)
    st.error(f"Filen med de publicerede data ({published}) kunne ikke åbnes: "
             f"{str(exc).splitlines()[0]}. Kør `trappe build` for at publicere den igen.",
             icon=":material/error:")
    st.stop()

if marts is None:
    st.title("Ledelsesoverblik", anchor=False)
    st.info(
        "Der er endnu ingen publicerede data at vise.\n\n"
        f"Dashboardet læser `{published}`, som ikke findes. Kør hele kæden med simulerede data "
        "med `trappe run`, eller byg og publicér nøgletallene med `trappe build`, hvis "
        "hændelserne allerede er indlæst. Genindlæs derefter siden.\n\n"
        "Læser du en anden datamappe? Start dashboardet med `trappe dashboard --home MAPPE`.",
        icon=":material/hourglass_empty:",
    )
    st.stop()

# A table of another shape (an older build) is explained where it is needed, not raised here.
unreadable: list[data.MartUnavailable] = []


def _read(question):
    try:
        return question(marts)
    except data.MartUnavailable as exc:
        unreadable.append(exc)
        return None


build = _read(data.audit_build)
verdict = _read(data.quality_verdict)
sel = None
if marts.has("kpi_values"):
    sel = _read(lambda m: selection.sidebar(m, build.get("as_of") if build else None))
selection.store(marts, sel)

header.render(build, verdict, sel.municipality if sel else None)
for exc in unreadable:
    st.warning(missing_table_message(exc), icon=":material/warning:")
if not marts.has("kpi_values"):
    st.info(missing_table_message(data.MartUnavailable("kpi_values")), icon=":material/info:")
elif sel is None and not unreadable:
    st.info("Tabellen `kpi_values` er publiceret, men indeholder endnu ingen nøgletal.",
            icon=":material/info:")

pages = [
    st.Page(VIEWS / "overblik.py", title="Overblik", icon=":material/dashboard:",
            url_path="overblik", default=True),
    st.Page(VIEWS / "indsatstrappen.py", title="Indsatstrappen", icon=":material/stairs:",
            url_path="indsatstrappen"),
    st.Page(VIEWS / "opfoelgning.py", title="Opfølgning", icon=":material/event_available:",
            url_path="opfoelgning"),
    st.Page(VIEWS / "oekonomi.py", title="Økonomi", icon=":material/payments:",
            url_path="oekonomi"),
    st.Page(VIEWS / "kvalitet.py", title="Kvalitet", icon=":material/verified:",
            url_path="kvalitet"),
    st.Page(VIEWS / "datakvalitet.py", title="Datakvalitet", icon=":material/fact_check:",
            url_path="datakvalitet"),
]
st.navigation(pages, position="sidebar").run()
