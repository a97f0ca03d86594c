"""Charts: one line per unit over the periods, stacked parts of a whole, one chart per unit."""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from dashboards.formatting import (
    period_label,
    period_short,
    vega_danish_number,
    with_unit,
)
from dashboards.labels import unit_label
from dashboards.selection import Selection

# Pilot and the rest must never look alike; categories keep one colour on every page.
UNIT_COLOURS = ["#00587C", "#E07B00", "#7A7A7A", "#7A4FA0", "#2A9D8F", "#B5446E"]
CATEGORY_COLOURS = {"Døgninstitution": "#C0392B", "Plejefamilie": "#2E86C1",
                    "Hjemmebaseret anbringelse": "#27AE60", "Forebyggende": "#8E6C8A",
                    "I alt": "#333333",
                    # the ladder: calm colours at the bottom, warm at the top
                    "0 · Tidlig forebyggelse": "#A8D5BA", "1 · Forebyggelse": "#5DB38A",
                    "2 · Hjemmebaserede indsatser": "#2E86AB", "3 · Netværkspleje": "#F2C14E",
                    "4 · Plejefamilie": "#F08A4B", "5 · Døgninstitution": "#C0392B",
                    "Under afklaring": "#9E9E9E", "Ingen indsats": "#D5D5D5",
                    "Ned ad trappen": "#27AE60", "Op ad trappen": "#C0392B",
                    "Herning-reglerne": "#00587C", "Lovens minimum": "#9E9E9E",
                    "Planlagt dato": "#E07B00"}


def _colour_scale(sel: Selection, df: pd.DataFrame, field: str,
                  order: Sequence[str] | None = None) -> alt.Scale:
    if field == "enhed":
        domain = [u.label for u in sel.units]
        return alt.Scale(domain=domain, range=UNIT_COLOURS[:len(domain)])
    values = list(order) if order else sorted(df[field].unique())
    if all(v in CATEGORY_COLOURS for v in values):
        return alt.Scale(domain=values, range=[CATEGORY_COLOURS[v] for v in values])
    return alt.Scale(domain=values, scheme="tableau10")


_LEGEND = alt.Legend(orient="bottom", labelLimit=0, title=None, columns=2)


def _axis_order(sel: Selection) -> list[str]:
    return [period_short(p) for p in sel.periods]


def _period_axis(sel: Selection) -> alt.X:
    angle = 0 if len(sel.periods) <= 6 else -40
    return alt.X("periode:O", sort=_axis_order(sel), title=None,
                 axis=alt.Axis(labelAngle=angle, labelOverlap="greedy"))


def _value_axis(unit: str, title: str) -> alt.Axis:
    decimals = 0 if unit in ("DKK", "cases", "moves", "children", "count") else 1
    return alt.Axis(title=title, labelExpr=vega_danish_number(f",.{decimals}f"))


def _with_tooltip(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["værdi"] = [with_unit(v, u) for v, u in zip(df["value"], df["unit"])]
    df["periode_lang"] = [period_label(p) for p in df["period"]]
    return df


def trend_chart(sel: Selection, df: pd.DataFrame, title: str, color: str = "enhed",
                height: int = 340) -> None:
    """One line per unit (or per `color`) over the periods."""
    if df.empty:
        st.caption("Ingen tal for de valgte filtre.")
        return
    unit = df["unit"].iloc[0]
    chart = (
        alt.Chart(_with_tooltip(df), title=title)
        .mark_line(point=True)
        .encode(
            x=_period_axis(sel),
            y=alt.Y("value:Q", axis=_value_axis(unit, unit_label(unit))),
            color=alt.Color(f"{color}:N", scale=_colour_scale(sel, df, color), legend=_LEGEND),
            tooltip=[alt.Tooltip(f"{color}:N", title="Serie"),
                     alt.Tooltip("periode_lang:N", title="Periode"),
                     alt.Tooltip("værdi:N", title="Værdi")],
        )
        .properties(height=height)
    )
    st.altair_chart(chart, width="stretch")


def stacked_chart(sel: Selection, df: pd.DataFrame, title: str, category: str,
                  order: Sequence[str] | None = None, height: int = 380) -> None:
    """Stacked bars per period: the parts of one whole (categories, steps)."""
    if df.empty:
        st.caption("Ingen tal for de valgte filtre.")
        return
    unit = df["unit"].iloc[0]
    df = _with_tooltip(df)
    rank = {c: i for i, c in enumerate(order or [])}
    df["sortering"] = [rank.get(c, len(rank)) for c in df[category]]
    chart = (
        alt.Chart(df, title=title)
        .mark_bar()
        .encode(
            x=_period_axis(sel),
            y=alt.Y("value:Q", stack="zero", axis=_value_axis(unit, unit_label(unit))),
            color=alt.Color(f"{category}:N", sort=list(order) if order else None,
                            scale=_colour_scale(sel, df, category, order), legend=_LEGEND),
            order=alt.Order("sortering:Q"),
            tooltip=[alt.Tooltip(f"{category}:N", title="Kategori"),
                     alt.Tooltip("periode_lang:N", title="Periode"),
                     alt.Tooltip("værdi:N", title="Værdi")],
        )
        .properties(height=height)
    )
    st.altair_chart(chart, width="stretch")


def per_unit(sel: Selection, df: pd.DataFrame, draw) -> None:
    """Draw one chart per selected unit, side by side (at most three a row)."""
    units = [u for u in sel.units if (df["enhed"] == u.label).any()]
    if not units:
        st.caption("Ingen tal for de valgte filtre.")
        return
    for start in range(0, len(units), 3):
        row = units[start:start + 3]
        for column, unit in zip(st.columns(len(row)), row):
            with column:
                draw(df[df["enhed"] == unit.label], unit.label)
