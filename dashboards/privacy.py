"""Small counts hidden on screen, as in the partnership export (docs/kpis.md, "Export contract").

A KPI row whose count (a numerator or denominator that counts cases, children or events) is 1–4
could point at a child in a small district, so its value is hidden. Hiding one cell is not
enough when the others of a total are shown: one district of a group, one part of a breakdown
or one group of the municipality could be got back by subtraction. So when a set of cells that
add up to a shown total has exactly one hidden, the smallest other is hidden too (secondary
suppression), until no set has exactly one. Child-years, kroner and scores are not counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SMALL_MIN, SMALL_MAX = 1, 4
ALL = "all"

# kpi -> the fields of its kpi_values row that are counts (the export's count fields)
COUNT_FIELDS: dict[str, tuple[str, ...]] = {
    "cases_by_step": ("numerator",),
    "ladder_moves": ("numerator",),
    "moved_down_from_institution": ("numerator",),
    "breakdown_rate": ("numerator",),
    "complaint_rate": ("numerator", "denominator"),
    "followups_per_case": ("numerator", "denominator"),
    "followup_compliance_herning": ("numerator", "denominator"),
    "followup_compliance_legal": ("numerator", "denominator"),
    "followup_compliance_planned": ("numerator", "denominator"),
    "caseload_per_caseworker": ("numerator", "denominator"),
    "notification_24h_compliance": ("numerator", "denominator"),
    "notifications": ("numerator",),
    "sdq_mean": ("denominator",),
    "not_placed_one_year_after": ("numerator", "denominator"),
}

NOTE = "Tal under 5 vises ikke (diskretion), og heller ikke tal, de kunne regnes ud fra."


def _small(values: pd.Series) -> pd.Series:
    return values.between(SMALL_MIN, SMALL_MAX)


def suppress(df: pd.DataFrame) -> pd.DataFrame:
    """`df` (rows of kpi_values) with `suppressed` set and `value` blanked where hidden."""
    out = df.copy()
    hidden = pd.Series(False, index=out.index)
    for kpi, fields in COUNT_FIELDS.items():
        rows = out["kpi"] == kpi
        if not rows.any():
            continue
        for name in fields:
            if name in out.columns:
                hidden |= rows & _small(pd.to_numeric(out[name], errors="coerce"))
    counted = out["kpi"].isin(list(COUNT_FIELDS))
    if hidden.any():
        hidden = _secondary(out[counted], hidden)
    out["suppressed"] = hidden
    # kept for sums of several cells (which decide themselves whether they may be shown);
    # never drawn or downloaded
    out["raw_value"] = out["value"]
    out["value"] = out["value"].where(~hidden, np.nan)
    return out


def sum_parts(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sums of cells by `by`, hidden when the sum is small or exactly one part is hidden (that
    part would be the sum minus the parts shown); a sum of several hidden parts may show unless
    those parts together are small (the sum minus the parts shown gives their total)."""
    raw = df["raw_value"] if "raw_value" in df.columns else df["value"]
    flags = df["suppressed"].astype(bool)
    out = (
        df.assign(_raw=raw, _hidden=flags.astype(int), _hidden_raw=raw.where(flags, 0.0))
        .groupby(by, as_index=False)
        .agg(value=("_raw", "sum"), hidden_parts=("_hidden", "sum"), hidden=("_hidden_raw", "sum"))
    )
    hidden = (out["hidden_parts"] == 1) | _small(out["value"]) | _small(out["hidden"])
    out["suppressed"] = hidden
    out["value"] = out["value"].where(~hidden, np.nan)
    return out.drop(columns=["hidden_parts", "hidden"])


def _secondary(df: pd.DataFrame, hidden: pd.Series) -> pd.Series:
    """Hide one more cell in every set of parts of a total that has exactly one hidden."""
    key = ["kpi", "period"]
    sets = [
        # the districts of a group add up to the group
        (df["district"] != ALL, [*key, "district_group", "breakdown"]),
        # the groups add up to the municipality
        ((df["district"] == ALL) & (df["district_group"] != ALL), [*key, "breakdown"]),
        # the parts of a breakdown add up to its `all` row
        (df["breakdown"] != ALL, [*key, "district_group", "district"]),
    ]
    size = pd.to_numeric(df["numerator"], errors="coerce").abs().fillna(0)
    while True:
        added = []
        for member, by in sets:
            parts = df[member]
            flags = hidden.loc[parts.index]
            count = flags.groupby([parts[c] for c in by], sort=False).transform("sum")
            lonely = parts[(count == 1) & (~flags)]
            # per lonely set, the smallest shown part; a set of one part has nothing to add
            if len(lonely):
                smallest = (
                    size.loc[lonely.index].groupby([lonely[c] for c in by], sort=False).idxmin()
                )
                added += list(smallest)
        if not added:
            return hidden
        hidden.loc[added] = True
