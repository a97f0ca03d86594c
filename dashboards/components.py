"""Building blocks shared by the pages: guards, KPI sections and cards, charts, significance."""
from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager

import altair as alt
import pandas as pd
import streamlit as st

from dashboards import data
from dashboards.formatting import (
    number, p_value, period_label, period_short, points, vega_danish_number,
    with_unit,
)
from dashboards.labels import (
    BREAKDOWNS, KPIS, PERIOD_TYPES, TESTS, breakdown_label, group_label, kpi_label,
    unit_label,
)
from dashboards.selection import Selection, Unit, current

BUILD_HINT = "Kør `trappe build` (eller hele kæden med `trappe run`) for at bygge og publicere den."


def missing_table_message(exc: data.MartUnavailable) -> str:
    what = data.TABLES.get(exc.table, exc.table)
    if exc.detail is None:
        return (f"Tabellen `{exc.table}` med {what} er ikke publiceret endnu, så dette afsnit kan "
                f"ikke vises. {BUILD_HINT}")
    return (f"Tabellen `{exc.table}` med {what} kunne ikke læses ({exc.detail}). "
            f"Den er måske bygget med en anden version af trappe. {BUILD_HINT}")


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


def kpi_rows(sel: Selection, kpis: Sequence[str],
             units: tuple[Unit, ...] | None = None) -> pd.DataFrame:
    """Rows of some KPIs for the selected units (or `units`), with Danish period labels."""
    df = data.kpi_series(sel.marts, sel.municipality, sel.period_type, tuple(kpis))
    df = sel.restrict(df, units)
    df["periode"] = [period_short(p) for p in df["period"]]
    return df


def absent_notice(sel: Selection, kpi: str) -> None:
    """Say why a KPI has no figures here: another period type, or nothing published yet."""
    types = data.period_types_of(sel.marts, sel.municipality, kpi)
    name = kpi_label(kpi, sel.catalogue)
    if sel.period_type in types:
        st.info(f"Nøgletallet »{name}« har ingen tal for de valgte distrikter.",
                icon=":material/info:")
    elif types:
        available = ", ".join(PERIOD_TYPES.get(t, t).lower() for t in types)
        st.info(f"»{name}« opgøres kun pr. {available}. Skift periodetype i menuen til venstre.",
                icon=":material/calendar_month:")
    else:
        st.info(f"Nøgletallet »{name}« har endnu ingen tal i de publicerede data.",
                icon=":material/info:")


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


# --- significance of district-group comparisons ----------------------------------------------

def _comparison_text(row: pd.Series) -> str:
    verdict = "signifikant" if bool(row["significant"]) else "ikke signifikant"
    return (f"{group_label(row['group_a'])} {number(row['rate_a'], 1)} % mod "
            f"{group_label(row['group_b'])} {number(row['rate_b'], 1)} %: forskel "
            f"{points(row['difference'])} (95 % KI {number(row['ci_low'], 1)} til "
            f"{number(row['ci_high'], 1)}), p = {p_value(row['p_value'])} – **{verdict}**")


def comparison_frame(df: pd.DataFrame) -> pd.DataFrame:
    """fct_group_comparisons rows as a Danish table with formatted numbers."""
    return pd.DataFrame({
        "Periode": [period_label(p) for p in df["period"]],
        "Opdeling": [breakdown_label(b) for b in df["breakdown"]],
        "Gruppe A": [group_label(g) for g in df["group_a"]],
        "Andel A": [f"{number(v, 1)} %" for v in df["rate_a"]],
        "Gruppe B": [group_label(g) for g in df["group_b"]],
        "Andel B": [f"{number(v, 1)} %" for v in df["rate_b"]],
        "Forskel": [points(v) for v in df["difference"]],
        "95 % konfidensinterval": [f"{number(lo, 1)} til {number(hi, 1)}"
                                   for lo, hi in zip(df["ci_low"], df["ci_high"])],
        "p-værdi": [p_value(v) for v in df["p_value"]],
        "Test": [TESTS.get(t, t) for t in df["test"]],
        "Resultat": ["signifikant" if bool(s) else "ikke signifikant" for s in df["significant"]],
    })


def significance(sel: Selection, kpi: str, breakdowns: Sequence[str] | None = None) -> None:
    """The significance of every district-group comparison of a rate shown above it."""
    with section():
        name = kpi_label(kpi, sel.catalogue)
        df = data.group_comparisons(sel.marts, sel.municipality, sel.period_type, kpi)
        if breakdowns is not None:
            df = df[df["breakdown"].isin(breakdowns)]
        groups = set(sel.groups)
        if len(groups) >= 2:
            df = df[df["group_a"].isin(groups) & df["group_b"].isin(groups)]
        if df.empty:
            st.caption(f"Ingen signifikanstest af distriktsgrupperne for »{name}« med de "
                       "valgte filtre.")
            return
        focus = df[df["period"] == sel.focus]
        if focus.empty:
            st.caption(f"Ingen signifikanstest for {sel.period_text(sel.focus)}.")
        else:
            lines = [f"- {breakdown_label(r['breakdown'])}: {_comparison_text(r)}"
                     for _, r in focus.iterrows()]
            st.markdown(f"**Signifikans – {name}, {sel.period_text(sel.focus)}** "
                        "(95 %-niveau)\n" + "\n".join(lines))
        with st.expander(f"Signifikanstest for alle perioder – {name}"):
            st.dataframe(comparison_frame(df), hide_index=True, width="stretch")


def kpi_section(sel: Selection, title: str, kpis: str | Sequence[str], *,
                caption: str | None = None, units: tuple[Unit, ...] | None = None,
                breakdowns: Collection[str] | None = None, chart_title: str | None = None,
                series: str | None = None, labels: Mapping[str, str] = BREAKDOWNS,
                label_of: str = "breakdown", stacked: bool = False,
                with_significance: bool = False) -> None:
    """A headed part of a page: the KPIs' rows as a chart, or why there are none.

    Without `series`, one line per unit of a single breakdown (`breakdowns`), titled with the
    first KPI's name or `chart_title`. With `series`, one chart per unit and a line per value of
    the field `series`: the `label_of` column's codes named by `labels`; `stacked` draws them as
    the parts of one whole, in the order of `labels`. The notice speaks of the first KPI.
    `with_significance` adds each KPI's group comparison on the same breakdowns.
    """
    kpis = (kpis,) if isinstance(kpis, str) else tuple(kpis)
    with section():
        st.subheader(title)
        if caption:
            st.caption(caption)
        df = kpi_rows(sel, kpis, units)
        if breakdowns is not None:
            df = df[df["breakdown"].isin(list(breakdowns))]
        if df.empty:
            absent_notice(sel, kpis[0])
            return
        if series is None:
            trend_chart(sel, df, chart_title or kpi_label(kpis[0], sel.catalogue))
        else:
            df = df.assign(**{series: [labels.get(code, code) for code in df[label_of]]})
            if stacked:
                per_unit(sel, df, lambda part, title: stacked_chart(
                    sel, part, title, series, list(labels.values())))
            else:
                per_unit(sel, df, lambda part, title: trend_chart(sel, part, title, color=series))
        if with_significance:
            for kpi in kpis:
                significance(sel, kpi, None if breakdowns is None else list(breakdowns))


def _change(value: float | None, unit: str | None, signed: bool = False) -> str:
    if unit == "%":
        return points(value) if signed else f"{number(value, 1)} %"
    return with_unit(value, unit, signed) if unit else number(value, 2, signed)


def diff_in_diff_frame(sel: Selection, did: pd.DataFrame) -> pd.DataFrame:
    """fct_diff_in_diff as a Danish table, each figure in its KPI's unit."""
    units = {**{k: m.unit for k, m in KPIS.items()}, **data.kpi_units(sel.marts)}
    return pd.DataFrame([{
        "Nøgletal": kpi_label(r.kpi, sel.catalogue),
        "Opdeling": breakdown_label(r.breakdown),
        "Basisperiode": period_label(r.baseline_period),
        "Sammenligning": period_label(r.comparison_period),
        "Pilot før": _change(r.pilot_baseline, units.get(r.kpi)),
        "Pilot efter": _change(r.pilot_comparison, units.get(r.kpi)),
        "Øvrige før": _change(r.other_baseline, units.get(r.kpi)),
        "Øvrige efter": _change(r.other_comparison, units.get(r.kpi)),
        "Ændring pilot": _change(r.pilot_change, units.get(r.kpi), True),
        "Ændring øvrige": _change(r.other_change, units.get(r.kpi), True),
        "Forskel-i-forskelle": _change(r.diff_in_diff, units.get(r.kpi), True),
    } for r in did.itertuples()])
