"""Significance of district-group comparisons, and the difference-in-differences table."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboards import data
from dashboards.formatting import number, p_value, period_label, points, with_unit
from dashboards.guards import section
from dashboards.labels import KPIS, TESTS, breakdown_label, group_label, kpi_label
from dashboards.selection import Selection


def _level(value: float | None, unit: str) -> str:
    return f"{number(value, 1)} %" if unit == "%" else with_unit(value, unit)


def _difference(value: float | None, unit: str) -> str:
    """A difference in the rate's own unit: percentage points for a percentage."""
    return points(value) if unit == "%" else with_unit(value, unit, signed=True)


def _comparison_text(row: pd.Series, unit: str = "%") -> str:
    verdict = "signifikant" if bool(row["significant"]) else "ikke signifikant"
    return (
        f"{group_label(row['group_a'])} {_level(row['rate_a'], unit)} mod "
        f"{group_label(row['group_b'])} {_level(row['rate_b'], unit)}: forskel "
        f"{_difference(row['difference'], unit)} (95 % KI {number(row['ci_low'], 1)} til "
        f"{number(row['ci_high'], 1)}), p = {p_value(row['p_value'])} – **{verdict}**"
    )


def comparison_frame(df: pd.DataFrame, unit: str = "%") -> pd.DataFrame:
    """fct_group_comparisons rows as a Danish table with formatted numbers in the KPI's unit
    (a share in %, a rate such as breakdowns per 100 child-years in its own unit)."""
    name = "Andel" if unit == "%" else "Niveau"
    return pd.DataFrame(
        {
            "Periode": [period_label(p) for p in df["period"]],
            "Opdeling": [breakdown_label(b) for b in df["breakdown"]],
            "Gruppe A": [group_label(g) for g in df["group_a"]],
            f"{name} A": [_level(v, unit) for v in df["rate_a"]],
            "Gruppe B": [group_label(g) for g in df["group_b"]],
            f"{name} B": [_level(v, unit) for v in df["rate_b"]],
            "Forskel": [_difference(v, unit) for v in df["difference"]],
            "95 % konfidensinterval": [
                f"{number(lo, 1)} til {number(hi, 1)}"
                for lo, hi in zip(df["ci_low"], df["ci_high"])
            ],
            "p-værdi": [p_value(v) for v in df["p_value"]],
            "Test": [TESTS.get(t, t) for t in df["test"]],
            "Resultat": [
                "signifikant" if bool(s) else "ikke signifikant" for s in df["significant"]
            ],
        }
    )


def kpi_unit(sel: Selection, kpi: str) -> str:
    """The KPI's unit: the published catalogue's, else the dashboard's own labels'."""
    units = {**{k: m.unit for k, m in KPIS.items()}, **data.kpi_units(sel.marts)}
    return units.get(kpi) or "%"


def significance(sel: Selection, kpi: str, breakdowns: Sequence[str] | None = None) -> None:
    """The significance of every district-group comparison of a rate shown above it."""
    with section():
        name = kpi_label(kpi, sel.catalogue)
        unit = kpi_unit(sel, kpi)
        df = data.group_comparisons(sel.marts, sel.municipality, sel.period_type, kpi)
        if breakdowns is not None:
            df = df[df["breakdown"].isin(breakdowns)]
        groups = set(sel.groups)
        if len(groups) >= 2:
            df = df[df["group_a"].isin(groups) & df["group_b"].isin(groups)]
        if df.empty:
            st.caption(
                f"Ingen signifikanstest af distriktsgrupperne for »{name}« med de valgte filtre."
            )
            return
        focus = df[df["period"] == sel.focus]
        if focus.empty:
            st.caption(f"Ingen signifikanstest for {sel.period_text(sel.focus)}.")
        else:
            lines = [
                f"- {breakdown_label(r['breakdown'])}: {_comparison_text(r, unit)}"
                for _, r in focus.iterrows()
            ]
            st.markdown(
                f"**Signifikans – {name}, {sel.period_text(sel.focus)}** "
                "(95 %-niveau)\n" + "\n".join(lines)
            )
        with st.expander(f"Signifikanstest for alle perioder – {name}"):
            st.dataframe(comparison_frame(df, unit), hide_index=True, width="stretch")


def _change(value: float | None, unit: str | None, signed: bool = False) -> str:
    if unit == "%":
        return points(value) if signed else f"{number(value, 1)} %"
    return with_unit(value, unit, signed) if unit else number(value, 2, signed)


def diff_in_diff_frame(sel: Selection, did: pd.DataFrame) -> pd.DataFrame:
    """fct_diff_in_diff as a compact Danish table, in each KPI's unit, with dbt's interval,
    p-value and verdict (a KPI of levels, child-years or kroner, has none: "–")."""
    units = {**{k: m.unit for k, m in KPIS.items()}, **data.kpi_units(sel.marts)}

    def verdict(r) -> str:
        if pd.isna(r.significant):
            return "–"
        return "ja" if bool(r.significant) else "nej"

    return pd.DataFrame(
        [
            {
                "Nøgletal": kpi_label(r.kpi, sel.catalogue),
                "Opdeling": breakdown_label(r.breakdown),
                "Pilot": f"{_change(r.pilot_baseline, units.get(r.kpi))} → "
                f"{_change(r.pilot_comparison, units.get(r.kpi))}",
                "Øvrige": f"{_change(r.other_baseline, units.get(r.kpi))} → "
                f"{_change(r.other_comparison, units.get(r.kpi))}",
                "Forskel-i-forskelle": _change(r.diff_in_diff, units.get(r.kpi), True),
                "95 % interval": "–"
                if pd.isna(r.ci_low) or pd.isna(r.ci_high)
                else f"{number(r.ci_low, 1, True)} til {number(r.ci_high, 1, True)}",
                "p-værdi": "–" if pd.isna(r.p_value) else p_value(r.p_value),
                "Signifikant": verdict(r),
            }
            for r in did.itertuples()
        ],
        columns=[
            "Nøgletal",
            "Opdeling",
            "Pilot",
            "Øvrige",
            "Forskel-i-forskelle",
            "95 % interval",
            "p-værdi",
            "Signifikant",
        ],
    )
