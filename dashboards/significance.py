"""Significance of district-group comparisons, and the difference-in-differences table."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboards import data
from dashboards.formatting import number, p_value, period_label, points, with_unit
from dashboards.guards import section
from dashboards.labels import KPIS, TESTS, breakdown_label, group_label, kpi_label
from dashboards.privacy import COUNT_FIELDS
from dashboards.selection import Selection


def _comparison_text(row: pd.Series) -> str:
    verdict = "signifikant" if bool(row["significant"]) else "ikke signifikant"
    return (
        f"{group_label(row['group_a'])} {number(row['rate_a'], 1)} % mod "
        f"{group_label(row['group_b'])} {number(row['rate_b'], 1)} %: forskel "
        f"{points(row['difference'])} (95 % KI {number(row['ci_low'], 1)} til "
        f"{number(row['ci_high'], 1)}), p = {p_value(row['p_value'])} – **{verdict}**"
    )


def comparison_frame(df: pd.DataFrame) -> pd.DataFrame:
    """fct_group_comparisons rows as a Danish table with formatted numbers."""
    return pd.DataFrame(
        {
            "Periode": [period_label(p) for p in df["period"]],
            "Opdeling": [breakdown_label(b) for b in df["breakdown"]],
            "Gruppe A": [group_label(g) for g in df["group_a"]],
            "Andel A": [f"{number(v, 1)} %" for v in df["rate_a"]],
            "Gruppe B": [group_label(g) for g in df["group_b"]],
            "Andel B": [f"{number(v, 1)} %" for v in df["rate_b"]],
            "Forskel": [points(v) for v in df["difference"]],
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
            st.caption(
                f"Ingen signifikanstest af distriktsgrupperne for »{name}« med de valgte filtre."
            )
            return
        focus = df[df["period"] == sel.focus]
        if focus.empty:
            st.caption(f"Ingen signifikanstest for {sel.period_text(sel.focus)}.")
        else:
            lines = [
                f"- {breakdown_label(r['breakdown'])}: {_comparison_text(r)}"
                for _, r in focus.iterrows()
            ]
            st.markdown(
                f"**Signifikans – {name}, {sel.period_text(sel.focus)}** "
                "(95 %-niveau)\n" + "\n".join(lines)
            )
        with st.expander(f"Signifikanstest for alle perioder – {name}"):
            st.dataframe(comparison_frame(df), hide_index=True, width="stretch")


def _change(value: float | None, unit: str | None, signed: bool = False) -> str:
    if unit == "%":
        return points(value) if signed else f"{number(value, 1)} %"
    return with_unit(value, unit, signed) if unit else number(value, 2, signed)


Z_95 = 1.959964
# the groups fct_diff_in_diff compares (dbt vars pilot_group, comparison_group)
PILOT, OTHER = "pilot", "other"


def _variance(row: pd.Series | None, kpi: str) -> float | None:
    """The sampling variance of one kpi_values cell, or None when the KPI is not built on counts.

    A share of counts is binomial, a count per non-count (per child-year) is Poisson in its
    numerator, a count is Poisson; child-years and kroner have no sampling error to speak of.
    """
    if row is None:
        return None
    counts = COUNT_FIELDS.get(kpi, ())
    num, den, value = row["numerator"], row["denominator"], row["value"]
    if "numerator" not in counts or pd.isna(num) or pd.isna(value):
        return None
    if pd.isna(den) or not den:
        return float(num) if num == value else None  # the value is the count itself
    scale = value / (num / den) if num else None
    if scale is None:
        return 0.0
    p = num / den
    if "denominator" in counts and 0 <= p <= 1:
        return scale**2 * p * (1 - p) / den
    return scale**2 * num / den**2


def diff_in_diff_intervals(sel: Selection, did: pd.DataFrame) -> pd.DataFrame:
    """`did` with `ci_low`, `ci_high`: a normal-approximation 95 % interval of each difference
    in differences, from the four cells' sampling variances (null where there is none)."""
    periods = set(did["baseline_period"]) | set(did["comparison_period"])
    kpis = tuple(sorted(set(did["kpi"])))
    rows = (
        pd.concat(
            [
                data.kpi_series(sel.marts, sel.municipality, period_type, kpis)
                for period_type in ("year", "half_year", "month")
            ]
        )
        if kpis
        else pd.DataFrame()
    )
    if rows.empty:
        return did.assign(ci_low=float("nan"), ci_high=float("nan"))
    rows = rows[rows["period"].isin(periods) & (rows["district"] == "all")]
    cells = {(r.kpi, r.breakdown, r.period, r.district_group): r for _, r in rows.iterrows()}
    low, high = [], []
    for r in did.itertuples():
        variances = [
            _variance(cells.get((r.kpi, r.breakdown, period, group)), r.kpi)
            for period in (r.baseline_period, r.comparison_period)
            for group in (PILOT, OTHER)
        ]
        if any(v is None for v in variances) or pd.isna(r.diff_in_diff):
            low.append(float("nan"))
            high.append(float("nan"))
            continue
        half = Z_95 * sum(variances) ** 0.5
        low.append(r.diff_in_diff - half)
        high.append(r.diff_in_diff + half)
    return did.assign(ci_low=low, ci_high=high)


def diff_in_diff_frame(sel: Selection, did: pd.DataFrame) -> pd.DataFrame:
    """fct_diff_in_diff (with intervals) as a compact Danish table, in each KPI's unit."""
    units = {**{k: m.unit for k, m in KPIS.items()}, **data.kpi_units(sel.marts)}

    def verdict(r) -> str:
        if pd.isna(r.ci_low):
            return "–"
        return "ja" if r.ci_low > 0 or r.ci_high < 0 else "nej"

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
                if pd.isna(r.ci_low)
                else f"{_change(r.ci_low, units.get(r.kpi), True)} til "
                f"{_change(r.ci_high, units.get(r.kpi), True)}",
                "Signifikant": verdict(r),
            }
            for r in did.itertuples()
        ]
    )
