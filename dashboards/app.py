"""Entry script of the dashboard: `trappe dashboard` runs it with Streamlit.

It signs the user in (OpenID Connect or the local users file), reads the published marts (never
staging) read-only and shows the pages the user's role allows. The lake comes from TRAPPE_HOME,
which `trappe dashboard --home` sets.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from dashboards import access, chrome, data, downloads, header, selection
from dashboards.guards import missing_table_message
from trappe.core.settings import settings

VIEWS = Path(__file__).parent / "views"

st.set_page_config(
    page_title="Herningmodellen – ledelsesoverblik",
    page_icon=":material/stairs:",
    layout="wide",
    menu_items={"Get help": None, "Report a bug": None, "About": None},
)
chrome.danish_document()
downloads.new_run()

cfg = settings()
user = access.sign_in(cfg)
access.account_box(user)

published = cfg.published_db.resolve()

try:
    marts = data.open_marts(published)
except duckdb.Error as exc:
    st.title("Ledelsesoverblik", anchor=False)
    st.error(
        f"Filen med de publicerede data ({published}) kunne ikke åbnes: "
        f"{str(exc).splitlines()[0]}. Kør `trappe build` for at publicere den igen.",
        icon=":material/error:",
    )
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


def _page(file: str, title: str, icon: str, **kwargs) -> st.Page:
    return st.Page(
        VIEWS / f"{file}.py", title=title, icon=f":material/{icon}:", url_path=file, **kwargs
    )


# (page, permission, whether the period and district filters apply to it)
PAGES = [
    (_page("overblik", "Overblik", "dashboard", default=True), access.AGGREGATES, True),
    (_page("indsatstrappen", "Indsatstrappen", "stairs"), access.AGGREGATES, True),
    (_page("opfoelgning", "Opfølgning", "event_available"), access.AGGREGATES, True),
    (_page("underretninger", "Underretninger", "notifications"), access.AGGREGATES, True),
    (_page("oekonomi", "Økonomi", "payments"), access.AGGREGATES, True),
    (_page("kvalitet", "Kvalitet", "verified"), access.AGGREGATES, True),
    (_page("effekt", "Forskel-i-forskelle", "compare_arrows"), access.AGGREGATES, True),
    (_page("team", "Teamets sager", "assignment_ind"), access.CASE_LISTS, False),
    (_page("datakvalitet", "Datakvalitet", "fact_check"), access.AGGREGATES, False),
]
allowed = [(p, filters) for p, permission, filters in PAGES if access.can(permission, user)]
page = st.navigation([p for p, _ in allowed], position="sidebar")
with_filters = {p.url_path: f for p, f in allowed}.get(page.url_path, False)

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
    sel = _read(
        lambda m: selection.sidebar(
            m,
            build.get("as_of") if build else None,
            show=with_filters,
            suppress=not access.can(access.UNSUPPRESSED, user),
        )
    )
selection.store(marts, sel)

header.render(build, verdict, sel.municipality if sel else None)
for unavailable in unreadable:
    st.warning(missing_table_message(unavailable), icon=":material/warning:")
if not marts.has("kpi_values"):
    st.info(missing_table_message(data.MartUnavailable("kpi_values")), icon=":material/info:")
elif sel is None and not unreadable:
    st.info(
        "Tabellen `kpi_values` er publiceret, men indeholder endnu ingen nøgletal.",
        icon=":material/info:",
    )

page.run()
