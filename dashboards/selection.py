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
from dashboards.formatting import local_datetime, period_label, period_short
from dashboards.labels import PERIOD_TYPES, group_label
from dashboards.municipalities import municipality_name

_SESSION_KEY = "trappe_selection"
_KEPT = "trappe_filters"  # the filters' values, kept while a page without filters is shown
PRELIMINARY = "foreløbig"
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
    incomplete: frozenset[str] = frozenset()
    catalogue: dict[str, str] = field(default_factory=dict)
    # kpi -> True when a fall is good news, from the catalogue's higher_is_better
    lower_is_better: dict[str, bool] = field(default_factory=dict)
    # small counts hidden, as in the export (every role but the data engineer's)
    suppress: bool = True

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u.district_group for u in self.units if u.district_group != ALL))

    @property
    def previous(self) -> str | None:
        """The period before the focus period: what the cards compare with."""
        if self.focus not in self.periods:
            return None
        index = self.periods.index(self.focus)
        return self.periods[index - 1] if index > 0 else None

    def period_text(self, period: str | None) -> str:
        if period is None:
            return "–"
        suffix = f" ({PRELIMINARY})" if period in self.incomplete else ""
        return period_label(period) + suffix

    def axis_label(self, period: str) -> str:
        """A period on a chart's axis; one still running says so (its figures will grow)."""
        return period_short(period) + (" (forel.)" if period in self.incomplete else "")

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
    """Periods whose figures will still change: `period_complete` false in the marts when they
    say so, else the periods that end after the as-of date."""
    if "period_complete" in period_rows.columns:
        return frozenset(period_rows.loc[~period_rows["period_complete"].astype(bool), "period"])
    local = local_datetime(as_of)
    if local is None:
        return frozenset()
    as_of_date: date = local.date()
    ends = pd.to_datetime(period_rows["period_end"]).dt.date
    return frozenset(period_rows.loc[ends > as_of_date, "period"])


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


class _Filters:
    """Draws a filter, or, on a page where filters do nothing, gives its kept value unseen.

    Streamlit forgets a widget's value in a run that does not draw it, so every value is kept
    under a key of our own and handed back when the widget is drawn again.
    """

    def __init__(self, show: bool):
        self.show = show
        self.kept: dict = st.session_state.setdefault(_KEPT, {})

    def __call__(self, kind: str, label: str, options: list, default, key: str, **kwargs):
        options = list(options)
        valid = (
            (lambda v: all(x in options for x in v))
            if kind == "multiselect"
            else (lambda v: v in options)
        )
        kept = self.kept.get(key, default)
        if not valid(kept):
            kept = default
        if not self.show:
            return kept
        if key not in st.session_state or not valid(st.session_state[key]):
            st.session_state[key] = kept
        value = getattr(st.sidebar, kind)(label, options, key=key, **kwargs)
        self.kept[key] = value
        return value

    def checkbox(self, label: str, default: bool, key: str) -> bool:
        kept = bool(self.kept.get(key, default))
        if not self.show:
            return kept
        if key not in st.session_state:
            st.session_state[key] = kept
        value = st.sidebar.checkbox(label, key=key)
        self.kept[key] = value
        return value


def sidebar(
    marts: data.PublishedMarts, as_of: datetime | None, *, show: bool = True, suppress: bool = True
) -> Selection | None:
    """Draw the filters (when `show`); None when `kpi_values` holds no figures at all."""
    widget = _Filters(show)
    if show:
        st.sidebar.header("Filtre")

    municipalities = data.municipalities(marts)
    if not municipalities:
        return None
    municipality = municipalities[0]
    if len(municipalities) > 1:
        municipality = widget(
            "selectbox",
            "Kommune",
            municipalities,
            municipalities[0],
            "f_municipality",
            format_func=municipality_name,
        )

    period_type = widget(
        "radio",
        "Periodetype",
        list(PERIOD_TYPES),
        "half_year",
        "f_period_type",
        horizontal=True,
        format_func=PERIOD_TYPES.get,
    )

    units_df = data.district_units(marts, municipality)
    groups = sorted({g for g in units_df["district_group"] if g != ALL}, key=_group_sort_key)
    chosen_groups = widget(
        "multiselect",
        "Distriktsgrupper",
        groups,
        groups,
        "f_groups",
        format_func=group_label,
        placeholder="Vælg distriktsgrupper",
    )
    whole = widget.checkbox("Vis også hele kommunen", not groups, "f_whole")

    districts = units_df[
        units_df["district_group"].isin(chosen_groups) & (units_df["district"] != ALL)
    ]
    every = (ALL, ALL)
    district_options = [every] + [(r.district_group, r.district) for r in districts.itertuples()]
    district = widget(
        "selectbox",
        "Distrikt",
        district_options,
        every,
        "f_district",
        format_func=lambda o: (
            "Alle distrikter i grupperne" if o == every else f"{o[1]} ({group_label(o[0])})"
        ),
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
    focus = None
    if period_codes:
        complete = [p for p in period_codes if p not in incomplete]
        latest = complete[-1] if complete else period_codes[-1]
        newest_first = list(reversed(period_codes))
        focus = widget(
            "selectbox",
            "Periode",
            newest_first,
            latest,
            "f_focus",
            format_func=lambda p: (
                period_label(p) + (f" ({PRELIMINARY})" if p in incomplete else "")
            ),
            help="Den periode nøgletalskortene og sammenligningerne viser; kortene sammenligner "
            "med perioden før.",
        )

    catalogue = data.kpi_catalogue(marts)
    return Selection(
        marts=marts,
        municipality=municipality,
        period_type=period_type,
        units=tuple(units),
        periods=period_codes,
        focus=focus,
        incomplete=incomplete,
        catalogue=catalogue.labels,
        lower_is_better=catalogue.lower_is_better,
        suppress=suppress,
    )
