"""KPI cards: one metric for the focus period, with its change and a sparkline."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards.formatting import number, period_label, points, with_unit
from dashboards.labels import KPIS, kpi_label
from dashboards.selection import Selection


def _value_at(df: pd.DataFrame, period: str | None) -> tuple[float | None, str | None]:
    row = df[df["period"] == period]
    if row.empty:
        return None, None
    return float(row["value"].iloc[0]), str(row["unit"].iloc[0])


def kpi_card(sel: Selection, df: pd.DataFrame, kpi: str, breakdown: str = "all",
             label: str | None = None, lower_is_better: bool | None = None) -> None:
    """One metric for the focus period, with the change since the baseline period."""
    rows = df[(df["kpi"] == kpi) & (df["breakdown"] == breakdown)]
    value, unit = _value_at(rows, sel.focus)
    base, _ = _value_at(rows, sel.baseline)
    title = label or kpi_label(kpi, sel.catalogue)
    if value is None:
        st.metric(title, "–", help=f"Ingen tal for {sel.period_text(sel.focus)}.")
        return
    delta = None
    unchanged = False
    if base is not None and sel.baseline != sel.focus:
        change = value - base
        delta = points(change) if unit == "%" else with_unit(change, unit, signed=True)
        unchanged = not delta.startswith(("+", "-"))  # rounds to zero
        if unit != "%" and base and not unchanged:
            delta += f" ({number(100 * change / base, 0, signed=True)} %)"
    meta = KPIS.get(kpi)
    if lower_is_better is None:
        lower_is_better = sel.lower_is_better.get(kpi, meta.lower_is_better if meta else None)
    delta_color = "off" if lower_is_better is None else ("inverse" if lower_is_better else "normal")
    # the card's sparkline: every period up to the one shown
    history = rows[rows["period"].map(lambda p: p in sel.periods[:sel.periods.index(sel.focus) + 1])]
    st.metric(
        title, with_unit(value, unit), delta=delta, delta_color=delta_color,
        delta_arrow="off" if unchanged else "auto",
        chart_data=history["value"].tolist() if len(history) > 1 else None,
        help=f"{sel.period_text(sel.focus)}, sammenlignet med basisperioden "
             f"{period_label(sel.baseline)}. Kurven viser perioderne frem til "
             f"{period_label(sel.focus)}.",
    )
