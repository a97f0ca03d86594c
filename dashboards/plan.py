"""The investment plan the savings on placements are measured against (the Økonomi page)."""

from __future__ import annotations

import pandas as pd

from dashboards.labels import PLACEMENT_CATEGORIES
from dashboards.selection import ALL

# Herning's investment case (KORA 2017, docs/domain.md): savings on placements expected against
# the year before the model, and what the extra caseworkers and team leader cost a year.
PLAN_GROUP = "pilot"
PLAN_BASELINE_YEAR = "2012"
PLANNED_SAVINGS_DKK = {"2013": -1.0e6, "2014": -2.0e6, "2015": -3.0e6, "2016": -4.5e6}
INVESTMENT_DKK_A_YEAR = 2.0e6


def savings_frame(expenditure: pd.DataFrame) -> pd.DataFrame | None:
    """Per plan year: the pilot's placement spending against the baseline year, and the plan."""
    rows = expenditure[
        (expenditure["district_group"] == PLAN_GROUP)
        & (expenditure["district"] == ALL)
        & expenditure["breakdown"].isin(list(PLACEMENT_CATEGORIES))
    ]
    spend = rows.groupby("period")["value"].sum()
    if PLAN_BASELINE_YEAR not in spend.index:
        return None
    years = [y for y in PLANNED_SAVINGS_DKK if y in spend.index]
    if not years:
        return None
    return pd.DataFrame(
        {
            "År": years,
            "Udgift til anbringelser (kr.)": [spend[y] for y in years],
            "Opnået besparelse (kr.)": [spend[y] - spend[PLAN_BASELINE_YEAR] for y in years],
            "Forventet besparelse (kr.)": [PLANNED_SAVINGS_DKK[y] for y in years],
            "Investering (kr.)": [INVESTMENT_DKK_A_YEAR for _ in years],
            "Netto (kr.)": [
                spend[y] - spend[PLAN_BASELINE_YEAR] + INVESTMENT_DKK_A_YEAR for y in years
            ],
        }
    )
