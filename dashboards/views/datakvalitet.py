"""Datakvalitet: can the figures be trusted? The quality gate's verdict and the data's age."""

import pandas as pd
import streamlit as st

from dashboards import access, data, selection
from dashboards.downloads import download
from dashboards.formatting import datetime_label, number
from dashboards.guards import section
from dashboards.header import verdict_text
from dashboards.labels import ERROR_CODES, EVENT_TYPES, LAYERS, SEVERITIES
from trappe.core.settings import settings


def show_verdict(verdict: dict | None) -> None:
    if verdict is None:
        st.info(
            "Tabellen `audit_quality_verdict` er ikke publiceret, så afgørelsen er ukendt. "
            "Kør `trappe build` for at validere og publicere data.",
            icon=":material/info:",
        )
        return
    code = verdict.get("verdict")
    first, second = st.columns(2), st.columns(2)
    first[0].metric("Afgørelse", verdict_text(verdict))
    first[1].metric("Valideret", datetime_label(verdict.get("validated_at")))
    second[0].metric("Kritiske fejl", number(verdict.get("critical_failures")))
    second[1].metric("Advarsler", number(verdict.get("warnings")))
    if code == "passed_with_warnings":
        st.warning(
            "Data er godkendt med advarsler: ingen kritiske fejl, men nogle kontroller "
            "gav advarsler. Kontrollerne står herunder.",
            icon=":material/warning:",
        )
    elif code == "passed":
        st.success("Alle kontroller bestået.", icon=":material/check_circle:")
    st.caption(f"Kørsel: `{verdict.get('run_id')}`")
    if access.can(access.QUALITY_DETAIL):
        report = settings().quality_dir / "data_docs" / "index.html"
        st.caption(f"Kvalitetsrapporten med alle detaljer: `{report}`")


def show_build(build: dict | None) -> None:
    if build is None:
        st.info(
            "Tabellen `audit_build` er ikke publiceret, så opgørelsestidspunktet er ukendt.",
            icon=":material/info:",
        )
        return
    cols = st.columns(2)
    cols[0].metric(
        "Data opgjort pr.",
        datetime_label(build.get("as_of")),
        help="Kun hændelser registreret til og med dette tidspunkt tæller med.",
    )
    cols[1].metric(
        "Seneste registrerede hændelse",
        datetime_label(build.get("event_watermark")),
        help="Det seneste registreringstidspunkt (recorded_at) blandt hændelserne.",
    )
    st.caption(
        f"trappe-version {build.get('pipeline_version')} · dbt-kørsel "
        f"`{build.get('dbt_invocation_id')}`"
    )


def show_tables(marts: data.PublishedMarts) -> None:
    overview = data.table_overview(marts)
    st.dataframe(
        pd.DataFrame(
            {
                "Tabel": overview["table"],
                "Indhold": overview["description"],
                "Rækker": [number(n) if pd.notna(n) else "mangler" for n in overview["rows"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )


marts = selection.current_marts()
if marts is None:
    st.stop()

st.header("Datakvalitet")
st.caption(
    "Nøgletallene publiceres kun, når kvalitetskontrollen (Great Expectations) har "
    "godkendt dem. Her ses afgørelsen, og hvor nye data er."
)

st.subheader("Kvalitetskontrollens afgørelse")
with section():
    show_verdict(data.quality_verdict(marts))


def show_live(freshness: dict | None) -> None:
    if freshness is None:
        st.caption(
            "Live-tilstand har ikke kørt her: tallene opdateres, når der bygges "
            "(`trappe build`, eller løbende med `trappe run --kafka … --follow`)."
        )
        return
    cols = st.columns(3)
    cols[0].metric("Senest publiceret (live)", datetime_label(freshness["published_at"]))
    cols[1].metric(
        "Forsinkelse, nyeste hændelse",
        seconds_label(freshness["lag_newest_s"]),
        help="Fra hændelsen nåede datasøen, til de publicerede tal med den var klar.",
    )
    cols[2].metric(
        "Forsinkelse, 95 % af hændelserne",
        seconds_label(freshness["lag_p95_s"]),
        help=f"Over de seneste {freshness['cycles']} publiceringer i live-tilstand.",
    )
    if freshness["failed_since"]:
        st.warning(
            f"{freshness['failed_since']} kørsler er fejlet siden seneste publicering; "
            "de publicerede tal er de seneste godkendte.",
            icon=":material/warning:",
        )


def seconds_label(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 120:
        return f"{number(round(seconds))} sek."
    return f"{number(seconds / 60, 1)} min."


st.subheader("Hvor nye er data?")
with section():
    show_build(data.audit_build(marts))
    show_live(data.live_freshness(settings().live_cycles_file))

st.subheader("Publicerede tabeller")
with section():
    show_tables(marts)
st.caption(f"Fil: `{marts.path}` (åbnet skrivebeskyttet)")


def show_checks(marts: data.PublishedMarts, verdict: dict | None) -> None:
    checks = data.quality_checks(marts, verdict.get("run_id") if verdict else None)
    if checks.empty:
        st.caption("Kørslen har ingen registrerede kontroller.")
        return
    failed = checks[~checks["success"].astype(bool)]
    st.caption(f"{number(len(checks))} kontroller, {number(len(failed))} ikke bestået.")
    if not access.can(access.QUALITY_DETAIL):
        # the checks' names and messages are the engineers' (English, technical): a leader
        # reads how many passed in each layer
        ok = checks["success"].astype(bool)
        critical = checks["severity"].astype(str) == "critical"
        summary = (
            pd.DataFrame(
                {
                    "Lag": [LAYERS.get(str(v), str(v)) for v in checks["layer"]],
                    "Kontroller": 1,
                    "Bestået": ok.astype(int),
                    "Advarsler": (~ok & ~critical).astype(int),
                    "Ikke bestået": (~ok & critical).astype(int),
                }
            )
            .groupby("Lag", as_index=False, sort=False)
            .sum()
        )
        st.dataframe(summary, hide_index=True, width="stretch")
        download(summary, "kvalitetskontroller")
        st.caption("Hver enkelt kontrol og dens besked vises for rollen dataansvarlig.")
        return
    table = pd.DataFrame(
        {
            "Lag": [LAYERS.get(str(v), str(v)) for v in checks["layer"]],
            "Kontrol": checks["check"],
            "Alvor": [SEVERITIES.get(str(v), str(v)) for v in checks["severity"]],
            "Resultat": [
                "bestået" if ok else ("ikke bestået" if sev == "critical" else "advarsel")
                for ok, sev in zip(checks["success"].astype(bool), checks["severity"])
            ],
            "Afvigelser": [
                number(v) if pd.notna(v) else "–"
                for v in checks.get("violations", [None] * len(checks))
            ],
            "Besked": checks.get("message", [""] * len(checks)),
        }
    )
    if "held" in checks.columns:  # events the check held in the quarantine
        table.insert(
            4, "Holdt i karantæne", [number(v) if pd.notna(v) else "–" for v in checks["held"]]
        )
    st.dataframe(table, hide_index=True, width="stretch")
    download(table, "kvalitetskontroller")


st.subheader("Kontrollerne én for én")
with section():
    show_checks(marts, data.quality_verdict(marts))


def show_quarantine(marts: data.PublishedMarts, verdict: dict | None) -> None:
    held = data.quarantine(marts, verdict.get("run_id") if verdict else None)
    if held is None:
        st.caption(
            "Denne build har ingen karantæne publiceret (`audit_quality_quarantine`); en nyere "
            "`trappe build` publicerer den."
        )
        return
    by_check, newest = held
    if by_check.empty:
        st.success("Ingen hændelser holdt i karantæne.", icon=":material/check_circle:")
        return
    events = int(by_check["events"].sum())
    cards = st.columns(2)
    cards[0].metric("Hændelser i karantæne", number(events))
    cards[1].metric("Ældste (dage)", number(by_check["oldest_days"].max(), 1))
    st.caption(
        f"{number(events)} {'hændelse er' if events == 1 else 'hændelser er'} holdt ude af "
        "nøgletallene, fordi de endnu ikke kan placeres (fx en hændelse, hvis sag ikke er "
        "kommet ind). De tælles med, når det, de venter på, kommer."
    )
    if not access.can(access.QUALITY_DETAIL):
        return  # which check held them, and why, is the data engineers' detail
    table = pd.DataFrame(
        {
            "Kontrol": by_check["check"],
            "Årsag": by_check["reason"],
            "Hændelser": by_check["events"].astype(int),
            "Ældste (dage)": [number(v, 1) for v in by_check["oldest_days"]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    download(table, "karantaene efter kontrol")
    with st.expander("De 100 ældste hændelser i karantæne"):
        st.dataframe(
            pd.DataFrame(
                {
                    "Registreret": [datetime_label(t) for t in newest["recorded_at"]],
                    "Hændelse": [EVENT_TYPES.get(str(t), str(t)) for t in newest["event_type"]],
                    "Hændelses-id": newest["event_id"],
                    "Sag": newest["case_id"],
                    "Kontrol": newest["check"],
                    "Årsag": newest["reason"],
                    "Detalje": newest["detail"],
                    "Alder (dage)": [number(v, 1) for v in newest["age_days"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )


st.subheader("Karantæne")
with section():
    show_quarantine(marts, data.quality_verdict(marts))

cfg = settings()
st.subheader("Afviste hændelser (dead letters)")
if not access.can(access.QUALITY_DETAIL):
    st.caption("Detaljerne om afviste hændelser og eksporter vises for rollen dataansvarlig.")
else:
    counts, newest = data.dead_letters(cfg.deadletter_dir)
    if counts.empty:
        st.success("Ingen afviste hændelser i søen.", icon=":material/check_circle:")
    else:
        st.caption(
            "Hændelser, der ikke overholdt hændelseskontrakten, ligger i "
            f"`{cfg.deadletter_dir}` med årsagen. CPR-lignende tal er maskeret."
        )
        reasons = pd.DataFrame(
            {
                "Fejl": [ERROR_CODES.get(str(c), str(c)) for c in counts["error_code"]],
                "Felt": counts["error_field"].fillna("–"),
                "Antal": counts["records"].astype(int),
            }
        )
        st.dataframe(reasons, hide_index=True, width="stretch")
        download(reasons, "dead letters efter fejl")
        with st.expander("De nyeste 100 afviste hændelser"):
            st.dataframe(
                newest.rename(
                    columns={
                        "ingested_at": "Indlæst",
                        "error_code": "Fejl",
                        "error_field": "Felt",
                        "reason": "Årsag",
                        "source_file": "Fil",
                        "source_line": "Linje",
                        "source_topic": "Emne",
                        "source_partition": "Partition",
                        "source_offset": "Offset",
                    }
                ),
                hide_index=True,
                width="stretch",
            )

    st.subheader("Eksportlog")
    log = data.export_log(cfg.export_log_dir)
    if log.empty:
        st.caption(f"Ingen eksporter registreret i `{cfg.export_log_dir}`.")
    else:
        st.caption(
            "Hver eksport til Socialstyrelsen: hvornår, af hvem, hvilke perioder og med hvilke "
            "data (`trappe export`)."
        )
        st.dataframe(log, hide_index=True, width="stretch")
        download(log, "eksportlog")
