"""Charts: one line per unit over the periods, stacked parts of a whole, one chart per unit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import altair as alt
import pandas as pd
import streamlit as st

from dashboards.downloads import chart_frame, download
from dashboards.formatting import (
    period_label,
    vega_danish_number,
    with_unit,
)
from dashboards.labels import group_label, unit_label
from dashboards.selection import Selection

# Pilot and the rest must never look alike; categories keep one colour on every page.
UNIT_COLOURS = ["#00587C", "#E07B00", "#7A7A7A", "#7A4FA0", "#2A9D8F", "#B5446E"]
CATEGORY_COLOURS = {
    "Døgninstitution": "#C0392B",
    "Plejefamilie": "#2E86C1",
    "Hjemmebaseret anbringelse": "#27AE60",
    "Forebyggende": "#8E6C8A",
    "I alt": "#333333",
    # the ladder: calm colours at the bottom, warm at the top
    "0 · Tidlig forebyggelse": "#A8D5BA",
    "1 · Forebyggelse": "#5DB38A",
    "2 · Hjemmebaserede indsatser": "#2E86AB",
    "3 · Netværkspleje": "#F2C14E",
    "4 · Plejefamilie": "#F08A4B",
    "5 · Døgninstitution": "#C0392B",
    "Under afklaring": "#9E9E9E",
    "Ingen indsats": "#D5D5D5",
    "Ned ad trappen": "#27AE60",
    "Op ad trappen": "#C0392B",
    "Herning-reglerne": "#00587C",
    "Lovens minimum": "#9E9E9E",
    "Planlagt dato": "#E07B00",
}


def _colour_scale(
    sel: Selection, df: pd.DataFrame, field: str, order: Sequence[str] | None = None
) -> alt.Scale:
    if field == "enhed":
        # the selected units in their order, then any other drawn (the whole municipality)
        domain = list(dict.fromkeys([u.label for u in sel.units] + list(df[field].unique())))
        return alt.Scale(domain=domain, range=[unit_colour(label) for label in domain])
    values = list(order) if order else sorted(df[field].unique())
    # a series keeps its colour on every chart: a known one its own, any other by its name
    return alt.Scale(domain=values, range=[series_colour(v) for v in values])


# a group has the same colour on every chart and page, whatever else is selected
GROUP_COLOURS = {
    group_label("pilot"): "#00587C",
    group_label("other"): "#E07B00",
    group_label("all"): "#333333",
}


def unit_colour(label: str) -> str:
    return GROUP_COLOURS.get(label) or _PALETTE[sum(label.encode()) % len(_PALETTE)]


_PALETTE = [
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
    "#76B7B2",
    "#EDC948",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
    "#E15759",
    "#1B9E77",
    "#7570B3",
]


def series_colour(name: str) -> str:
    if name in CATEGORY_COLOURS:
        return CATEGORY_COLOURS[name]
    return _PALETTE[sum(name.encode()) % len(_PALETTE)]


def _legend(df: pd.DataFrame, field: str) -> alt.Legend:
    longest = max((len(str(v)) for v in df[field].unique()), default=0)
    return alt.Legend(
        orient="bottom", labelLimit=0, symbolLimit=0, title=None, columns=1 if longest > 28 else 2
    )


def _axis_order(sel: Selection) -> list[str]:
    return [sel.axis_label(p) for p in sel.periods]


def _period_axis(sel: Selection) -> alt.X:
    angle = 0 if len(sel.periods) <= 6 else -40
    # every half-year and year gets its label; months would crowd, so some are left out
    overlap: Literal["greedy"] | bool = "greedy" if len(sel.periods) > 16 else False
    return alt.X(
        "periode:O",
        sort=_axis_order(sel),
        title=None,
        axis=alt.Axis(labelAngle=angle, labelOverlap=overlap),
    )


def _value_axis(unit: str, title: str) -> alt.Axis:
    decimals = 0 if unit in ("DKK", "cases", "moves", "children", "count") else 1
    return alt.Axis(title=title, labelExpr=vega_danish_number(f",.{decimals}f"))


def _with_tooltip(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["værdi"] = [with_unit(v, u) for v, u in zip(df["value"], df["unit"])]
    df["periode_lang"] = [period_label(p) for p in df["period"]]
    return df


def trend_chart(
    sel: Selection, df: pd.DataFrame, title: str, color: str = "enhed", height: int = 340
) -> None:
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
            color=alt.Color(
                f"{color}:N", scale=_colour_scale(sel, df, color), legend=_legend(df, color)
            ),
            tooltip=[
                alt.Tooltip(f"{color}:N", title="Serie"),
                alt.Tooltip("periode_lang:N", title="Periode"),
                alt.Tooltip("værdi:N", title="Værdi"),
            ],
        )
        .properties(height=height)
    )
    st.altair_chart(chart, width="stretch")
    download(chart_frame(df, color), f"{title} {unit_label(unit)}")


def stacked_chart(
    sel: Selection,
    df: pd.DataFrame,
    title: str,
    category: str,
    order: Sequence[str] | None = None,
    height: int = 380,
) -> None:
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
            color=alt.Color(
                f"{category}:N",
                sort=list(order) if order else None,
                scale=_colour_scale(sel, df, category, order),
                legend=_legend(df, category),
            ),
            order=alt.Order("sortering:Q"),
            tooltip=[
                alt.Tooltip(f"{category}:N", title="Kategori"),
                alt.Tooltip("periode_lang:N", title="Periode"),
                alt.Tooltip("værdi:N", title="Værdi"),
            ],
        )
        .properties(height=height)
    )
    st.altair_chart(chart, width="stretch")
    download(chart_frame(df, category), f"{title} {category} {unit_label(unit)}")


def per_unit(sel: Selection, df: pd.DataFrame, draw) -> None:
    """Draw one chart per selected unit, side by side (at most three a row)."""
    units = [u for u in sel.units if (df["enhed"] == u.label).any()]
    if not units:
        st.caption("Ingen tal for de valgte filtre.")
        return
    for start in range(0, len(units), 3):
        row = units[start : start + 3]
        for column, unit in zip(st.columns(len(row)), row):
            with column:
                draw(df[df["enhed"] == unit.label], unit.label)
