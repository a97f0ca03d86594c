"""KPI cards: one metric for the focus period, its change since the period before, its target."""

from __future__ import annotations

import math
from typing import Literal

import pandas as pd
import streamlit as st

from dashboards.formatting import number, period_label, points, with_unit
from dashboards.labels import KPIS, kpi_label
from dashboards.selection import Selection

HIDDEN = "skjult (< 5)"


def _value_at(df: pd.DataFrame, period: str | None) -> tuple[float | None, str | None, bool]:
    """(value, unit, hidden) of the row of `period`; hidden when suppressed."""
    row = df[df["period"] == period]
    if row.empty:
        return None, None, False
    hidden = bool(row["suppressed"].iloc[0]) if "suppressed" in row.columns else False
    value = row["value"].iloc[0]
    value = (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )
    return value, str(row["unit"].iloc[0]), hidden


def target_of(targets: pd.DataFrame, kpi: str, breakdown: str) -> tuple[str, float] | None:
    rows = targets[(targets["kpi"] == kpi) & (targets["breakdown"] == breakdown)]
    if rows.empty:
        return None
    return str(rows["comparator"].iloc[0]), float(rows["target"].iloc[0])


def target_met(value: float, comparator: str, target: float) -> bool:
    return value <= target if comparator == "<=" else value >= target


def target_text(value: float | None, unit: str, target: tuple[str, float]) -> str:
    comparator, goal = target
    sign = "højst" if comparator == "<=" else "mindst"
    text = f"Mål: {sign} {with_unit(goal, unit)}"
    if value is None:
        return text
    return text + (
        " · :green[nået]" if target_met(value, comparator, goal) else " · :orange[ikke nået]"
    )


def kpi_card(
    sel: Selection,
    df: pd.DataFrame,
    kpi: str,
    breakdown: str = "all",
    label: str | None = None,
    lower_is_better: bool | None = None,
    targets: pd.DataFrame | None = None,
) -> None:
    """One metric for the focus period, with the change since the period before and the
    KPI's target from the `kpi_targets` seed, when it has one."""
    rows = df[(df["kpi"] == kpi) & (df["breakdown"] == breakdown)]
    value, unit, hidden = _value_at(rows, sel.focus)
    previous = sel.previous
    before, _, _ = _value_at(rows, previous)
    title = label or kpi_label(kpi, sel.catalogue)
    if value is None:
        st.metric(
            title,
            HIDDEN if hidden else "–",
            help="Tallet er under 5 og vises ikke."
            if hidden
            else f"Ingen tal for {sel.period_text(sel.focus)}.",
        )
        return
    delta = None
    unchanged = False
    if before is not None:
        change = value - before
        delta = points(change) if unit == "%" else with_unit(change, unit or "", signed=True)
        unchanged = not delta.startswith(("+", "-"))  # rounds to zero
        if unit != "%" and before and not unchanged:
            delta += f" ({number(100 * change / before, 0, signed=True)} %)"
    meta = KPIS.get(kpi)
    if lower_is_better is None:
        lower_is_better = sel.lower_is_better.get(kpi, meta.lower_is_better if meta else None)
    delta_color: Literal["off", "inverse", "normal"] = (
        "off"
        if lower_is_better is None or unchanged
        else ("inverse" if lower_is_better else "normal")
    )
    # the card's sparkline: every period up to the one shown
    shown = set(sel.periods[: sel.periods.index(sel.focus) + 1])
    history = rows[rows["period"].isin(shown)].dropna(subset=["value"])
    since = (
        f"sammenlignet med perioden før, {period_label(previous)}"
        if previous
        else "der er ingen periode før"
    )
    st.metric(
        title,
        with_unit(value, unit or ""),
        delta=delta,
        delta_color=delta_color,
        delta_arrow="off" if unchanged else "auto",
        chart_data=history["value"].tolist() if len(history) > 1 else None,
        help=f"{sel.period_text(sel.focus)}, {since}. Kurven viser perioderne frem til "
        f"{period_label(sel.focus or '')}.",
    )
    target = target_of(targets, kpi, breakdown) if targets is not None else None
    if target is not None:
        st.caption(target_text(value, unit or "", target))
