"""The sidebar filters, and the selection every page reads.

The entry script builds the selection once per run; pages read it from the session, so the
filters are shared by all pages and survive a page switch.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
import streamlit as st

from dashboards import data
from dashboards.formatting import local_datetime, period_label
from dashboards.labels import PERIOD_TYPES, group_label
from dashboards.municipalities import municipality_name

_SESSION_KEY = "trappe_selection"
ALL = "all"
# Pilot first: the change theory is read as "pilot against the rest".
_GROUP_ORDER = {"pilot": 0, "other": 1}


@dataclass(frozen=True)
class Unit:
    """One series on screen: a district group, or one district of it."""

    district_group: str
    district: str = ALL

    @property
    def label(self) -> str:
        return group_label(self.district_group) if self.district == ALL else self.district


@dataclass(frozen=True)
class Selection:
    marts: data.PublishedMarts
    municipality: str
    period_type: str
    units: tuple[Unit, ...]
    periods: tuple[str, ...]  # in time order
    focus: str | None
    baseline: str | None
    incomplete: frozenset[str] = frozenset()
    catalogue: dict[str, str] = field(default_factory=dict)
    # kpi -> True when a fall is good news, from the catalogue's higher_is_better
    lower_is_better: dict[str, bool] = field(default_factory=dict)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u.district_group for u in self.units if u.district_group != ALL))

    def period_text(self, period: str | None) -> str:
        if period is None:
            return "–"
        suffix = " (ufuldstændig)" if period in self.incomplete else ""
        return period_label(period) + suffix

    def restrict(self, df: pd.DataFrame, units: tuple[Unit, ...] | None = None) -> pd.DataFrame:
        """Rows of the selected units, labelled with the unit's Danish name in `enhed`."""
        labels = {(u.district_group, u.district): u.label for u in units or self.units}
        keys = zip(df["district_group"], df["district"])
        out = df[pd.Series([k in labels for k in keys], index=df.index, dtype=bool)].copy()
        out["enhed"] = [labels[k] for k in zip(out["district_group"], out["district"])]
        return out


def store(marts: data.PublishedMarts, selection: Selection | None) -> None:
    st.session_state[_SESSION_KEY] = (marts, selection)


def current() -> Selection | None:
    """This run's selection; None when there are no figures to select from."""
    return st.session_state.get(_SESSION_KEY, (None, None))[1]


def current_marts() -> data.PublishedMarts | None:
    return st.session_state.get(_SESSION_KEY, (None, None))[0]


def _group_sort_key(group: str) -> tuple[int, str]:
    return (_GROUP_ORDER.get(group, 9), group)


def _incomplete_periods(period_rows: pd.DataFrame, as_of: datetime | None) -> frozenset[str]:
    """Periods that end after the as-of date are still running: their figures will change."""
    local = local_datetime(as_of)
    if local is None:
        return frozenset()
    as_of_date: date = local.date()
    ends = pd.to_datetime(period_rows["period_end"]).dt.date
    return frozenset(period_rows.loc[ends > as_of_date, "period"])


def _default_baseline(marts: data.PublishedMarts, municipality: str,
                      period_rows: pd.DataFrame) -> str:
    """The diff-in-diff baseline when there is one (else the first period), in this period type.

    The baseline is usually a half-year; in years or months the period holding its first day
    stands in for it.
    """
    codes = list(period_rows["period"])
    if not marts.has("fct_diff_in_diff"):
        return codes[0]
    try:
        did = data.diff_in_diff(marts, municipality)
    except data.MartUnavailable:
        return codes[0]
    if did.empty:
        return codes[0]
    baseline = str(did["baseline_period"].iloc[0])
    if baseline in codes:
        return baseline
    start = period_start(baseline)
    if start is None:
        return codes[0]
    starts = pd.to_datetime(period_rows["period_start"]).dt.date
    earlier = period_rows.loc[starts <= start, "period"]
    return str(earlier.iloc[-1]) if len(earlier) else codes[0]


def period_start(period: str) -> date | None:
    """First day of a period code: `2013` → 1 Jan, `2013H2` → 1 Jul, `2013-06` → 1 Jun."""
    try:
        if len(period) == 4:
            return date(int(period), 1, 1)
        if period[4] == "H":
            return date(int(period[:4]), 1 if period[5] == "1" else 7, 1)
        return date(int(period[:4]), int(period[5:7]), 1)
    except (ValueError, IndexError):
        return None


def sidebar(marts: data.PublishedMarts, as_of: datetime | None) -> Selection | None:
    """Draw the filters; None when `kpi_values` holds no figures at all."""
    sb = st.sidebar
    sb.header("Filtre")

    municipalities = data.municipalities(marts)
    if not municipalities:
        return None
    municipality = municipalities[0]
    if len(municipalities) > 1:
        municipality = sb.selectbox("Kommune", municipalities, key="f_municipality",
                                    format_func=municipality_name)

    period_type = sb.radio(
        "Periodetype", list(PERIOD_TYPES), index=1, horizontal=True,
        format_func=PERIOD_TYPES.get, key="f_period_type",
    )

    units_df = data.district_units(marts, municipality)
    groups = sorted({g for g in units_df["district_group"] if g != ALL}, key=_group_sort_key)
    chosen_groups = sb.multiselect(
        "Distriktsgrupper", groups, default=groups, format_func=group_label, key="f_groups",
        placeholder="Vælg distriktsgrupper",
    )
    whole = sb.checkbox("Vis også hele kommunen", value=not groups, key="f_whole")

    districts = units_df[
        units_df["district_group"].isin(chosen_groups) & (units_df["district"] != ALL)
    ]
    every = (ALL, ALL)
    district_options = [every] + [(r.district_group, r.district) for r in districts.itertuples()]
    district = sb.selectbox(
        "Distrikt", district_options, key="f_district",
        format_func=lambda o: "Alle distrikter i grupperne" if o == every
        else f"{o[1]} ({group_label(o[0])})",
    )

    if district != every:
        units = [Unit(district[0], district[1]), Unit(district[0])]
    else:
        units = [Unit(g) for g in chosen_groups]
    if whole or not units:
        units.append(Unit(ALL))

    period_rows = data.periods(marts, municipality, period_type)
    period_codes = tuple(period_rows["period"])
    incomplete = _incomplete_periods(period_rows, as_of)
    focus = baseline = None
    if period_codes:
        complete = [p for p in period_codes if p not in incomplete]
        latest = complete[-1] if complete else period_codes[-1]
        newest_first = list(reversed(period_codes))
        focus = sb.selectbox(
            "Periode", newest_first, index=newest_first.index(latest), key="f_focus",
            format_func=lambda p: period_label(p) + (" (ufuldstændig)" if p in incomplete else ""),
            help="Den periode nøgletalskortene og sammenligningerne viser.",
        )
        start = _default_baseline(marts, municipality, period_rows)
        baseline = sb.selectbox(
            "Basisperiode", period_codes, index=period_codes.index(start), key="f_baseline",
            format_func=period_label,
            help="Udviklingen på nøgletalskortene regnes i forhold til denne periode.",
        )

    catalogue = data.kpi_catalogue(marts)
    return Selection(
        marts=marts, municipality=municipality, period_type=period_type, units=tuple(units),
        periods=period_codes, focus=focus, baseline=baseline, incomplete=incomplete,
        catalogue=catalogue.labels, lower_is_better=catalogue.lower_is_better,
    )
