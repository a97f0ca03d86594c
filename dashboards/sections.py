"""A headed part of a page: a KPI's rows as a chart with its significance, or why there are none."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import pandas as pd
import streamlit as st

from dashboards import data, privacy
from dashboards.charts import per_unit, stacked_chart, trend_chart
from dashboards.guards import section
from dashboards.labels import BREAKDOWNS, PERIOD_TYPES, breakdown_label, kpi_label
from dashboards.selection import Selection, Unit
from dashboards.significance import significance


def kpi_rows(
    sel: Selection, kpis: Sequence[str], units: tuple[Unit, ...] | None = None
) -> pd.DataFrame:
    """Rows of some KPIs for the selected units (or `units`), with Danish period labels."""
    df = data.kpi_series(sel.marts, sel.municipality, sel.period_type, tuple(kpis))
    # suppress before restricting: the hidden cells' siblings decide what else must go
    df = privacy.suppress(df) if sel.suppress else df.assign(suppressed=False)
    df = sel.restrict(df, units)
    df["periode"] = [sel.axis_label(p) for p in df["period"]]
    return df


def absent_notice(sel: Selection, kpi: str) -> None:
    """Say why a KPI has no figures here: another period type, or nothing published yet."""
    types = data.period_types_of(sel.marts, sel.municipality, kpi)
    name = kpi_label(kpi, sel.catalogue)
    if sel.period_type in types:
        st.info(
            f"Nøgletallet »{name}« har ingen tal for de valgte distrikter.", icon=":material/info:"
        )
    elif types:
        available = ", ".join(PERIOD_TYPES.get(t, t).lower() for t in types)
        st.info(
            f"»{name}« opgøres kun pr. {available}. Skift periodetype i menuen til venstre.",
            icon=":material/calendar_month:",
        )
    else:
        st.info(
            f"Nøgletallet »{name}« har endnu ingen tal i de publicerede data.",
            icon=":material/info:",
        )


def kpi_section(
    sel: Selection,
    title: str,
    kpis: str | Sequence[str],
    *,
    caption: str | None = None,
    units: tuple[Unit, ...] | None = None,
    breakdowns: Collection[str] | None = None,
    chart_title: str | None = None,
    series: str | None = None,
    labels: Mapping[str, str] = BREAKDOWNS,
    label_of: str = "breakdown",
    stacked: bool = False,
    with_significance: bool = False,
) -> None:
    """A headed part of a page: the KPIs' rows as a chart, or why there are none.

    Without `series`, one line per unit of a single breakdown (`breakdowns`), titled with the
    first KPI's name or `chart_title`. With `series`, one chart per unit and a line per value of
    the field `series`: the `label_of` column's codes named by `labels`; `stacked` draws them as
    the parts of one whole, in the order of `labels`. The notice speaks of the first KPI.
    `with_significance` adds each KPI's group comparison on the same breakdowns.
    """
    kpis = (kpis,) if isinstance(kpis, str) else tuple(kpis)
    with section():
        if title:
            st.subheader(title)
        if caption:
            st.caption(caption)
        df = kpi_rows(sel, kpis, units)
        if breakdowns is not None:
            df = df[df["breakdown"].isin(list(breakdowns))]
        if df.empty:
            absent_notice(sel, kpis[0])
            return
        if sel.suppress and df["suppressed"].any():
            st.caption(
                "Nogle tal er skjult, fordi de er under 5 (eller ville afsløre et "
                "sådant); kurven har et hul dér."
            )
        if series is None:
            trend_chart(sel, df, chart_title or kpi_label(kpis[0], sel.catalogue))
        else:
            df = df.assign(
                **{series: [labels.get(code) or breakdown_label(code) for code in df[label_of]]}
            )
            if stacked:
                per_unit(
                    sel,
                    df,
                    lambda part, title: stacked_chart(
                        sel, part, title, series, list(labels.values())
                    ),
                )
            else:
                per_unit(sel, df, lambda part, title: trend_chart(sel, part, title, color=series))
        if with_significance:
            for kpi in kpis:
                significance(sel, kpi, None if breakdowns is None else list(breakdowns))
