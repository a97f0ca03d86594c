"""Every chart's and table's figures as files a Danish user opens: CSV and Excel.

Danish Excel opens a CSV by its list separator (`;`) and decimal mark (`,`), and needs a byte
order mark to read UTF-8 (æ, ø, å). The files hold numbers, not the formatted text on screen.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import streamlit as st


def to_csv(df: pd.DataFrame) -> bytes:
    text = df.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx(df: pd.DataFrame, sheet: str = "Data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        df.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
    return re.sub(r"[^A-Za-z0-9]+", "-", text.translate(table)).strip("-").lower() or "data"


_KEYS = "trappe_download_keys"


def new_run() -> None:
    """Forget the file names of the last run (the entry script calls this first)."""
    st.session_state[_KEYS] = set()


def _unique(stem: str) -> str:
    """A widget key unused in this run: the same chart name twice on a page gets -2, -3."""
    used: set[str] = st.session_state.setdefault(_KEYS, set())
    key, n = stem, 1
    while key in used:
        n += 1
        key = f"{stem}-{n}"
    used.add(key)
    return key


def download(df: pd.DataFrame, name: str) -> None:
    """Two small buttons under a chart or table: its figures as CSV and as Excel."""
    if df is None or df.empty:
        return
    stem = _unique(slug(name))
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "CSV",
            lambda: to_csv(df),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key=f"csv-{stem}",
            on_click="ignore",
            icon=":material/download:",
            type="tertiary",
            width="content",
            help="Semikolonsepareret med decimalkomma, som dansk Excel læser det.",
        )
        st.download_button(
            "Excel",
            lambda: to_xlsx(df),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"xlsx-{stem}",
            on_click="ignore",
            width="content",
            icon=":material/download:",
            type="tertiary",
        )


def chart_frame(df: pd.DataFrame, series: str) -> pd.DataFrame:
    """A chart's rows as a table: unit, period, series, value (a number), unit of measure."""
    from dashboards.formatting import period_label
    from dashboards.labels import unit_label

    out = pd.DataFrame(
        {
            "Enhed": df["enhed"].to_numpy() if "enhed" in df.columns else "",
            "Periode": [period_label(p) for p in df["period"]],
            "Serie": df[series].to_numpy() if series in df.columns else "",
            "Værdi": pd.to_numeric(df["value"], errors="coerce").to_numpy(),
            "Måleenhed": [unit_label(u) for u in df["unit"]],
        }
    )
    if "suppressed" in df.columns:
        out["Skjult (under 5)"] = ["ja" if s else "nej" for s in df["suppressed"]]
    return out
