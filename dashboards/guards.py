"""Guards every page uses: a part of a page that explains a missing table, and the selection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from dashboards import data
from dashboards.selection import Selection, current

BUILD_HINT = "Kør `trappe build` (eller hele kæden med `trappe run`) for at bygge og publicere den."


def missing_table_message(exc: data.MartUnavailable) -> str:
    what = data.TABLES.get(exc.table, exc.table)
    if exc.detail is None:
        return (
            f"Tabellen `{exc.table}` med {what} er ikke publiceret endnu, så dette afsnit kan "
            f"ikke vises. {BUILD_HINT}"
        )
    return (
        f"Tabellen `{exc.table}` med {what} kunne ikke læses ({exc.detail}). "
        f"Den er måske bygget med en anden version af trappe. {BUILD_HINT}"
    )


@contextmanager
def section() -> Iterator[None]:
    """A part of a page that explains a missing table instead of taking the page down."""
    try:
        yield
    except data.MartUnavailable as exc:
        st.info(missing_table_message(exc), icon=":material/info:")


def require_selection() -> Selection:
    """The run's selection; a page without figures stops here (the header said why)."""
    sel = current()
    if sel is None:
        st.stop()
    return sel
