"""The simulated worlds: who lives where, which measures they get, and how often things happen.

A scenario is a list of areas (a municipality's district group: Herning's pilot districts, its
other districts, or a whole municipality in the national scenario). Each area has a target
stock per measure type over time (children in that measure on a day, so its average over a
period is that period's child-years) and rates for notifications, complaints and breakdowns.
The engine keeps each stock near its target by starting and ending episodes.

herning-pilot is calibrated to the KORA evaluation (docs/domain.md, "Published reference
figures"): stocks at mid-2013 and in 2015 equal the published child-years per measure type.
national uses Danish per-resident rates (about 150,000 notifications, 14,000 placed and 52,000
with some measure a year on about 1.6 million residents aged 0-22).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from trappe.core.time import LOCAL_TZ
from trappe.simulate.reference import (
    HERNING,
    HERNING_OTHER_DISTRICTS,
    HERNING_PILOT_DISTRICTS,
    MEASURES,
    NATIONAL_DISTRICTS,
)

SCENARIO_NAMES = ("herning-pilot", "national")

YearRate = Callable[[int], float]  # year -> a rate or mean for that year


class Target:
    """A piecewise-linear stock over time (flat before the first and after the last anchor)."""

    __slots__ = ("days", "values")

    def __init__(self, anchors: list[tuple[date, float]]):
        anchors = sorted(anchors)
        self.days = [d.toordinal() for d, _ in anchors]
        self.values = [v for _, v in anchors]

    def at(self, day: int) -> float:
        i = bisect_right(self.days, day)
        if i == 0:
            return self.values[0]
        if i == len(self.days):
            return self.values[-1]
        d0, d1 = self.days[i - 1], self.days[i]
        v0, v1 = self.values[i - 1], self.values[i]
        return v0 + (v1 - v0) * (day - d0) / (d1 - d0)


def _by_year(rates: dict[int, float]) -> YearRate:
    """year -> the rate of the latest year given at or before it (the first one before that)."""
    years = sorted(rates)
    return lambda year: rates[years[max(0, bisect_right(years, year) - 1)]]


@dataclass
class Area:
    municipality: str
    group: str  # the district_group of the seed
    districts: tuple[tuple[str, float], ...]  # name and weight within the area
    targets: dict[str, Target]
    notifications_per_year: Target  # notifications received in the area per year
    complaint_rate: dict[str, YearRate]  # team -> year -> complaints per open case-year
    breakdown_rate: YearRate  # year -> breakdowns per placed child-year
    sdq_teacher_mean: YearRate  # year -> mean teacher-rated SDQ total
    sdq_sample: int  # children assessed with SDQ each autumn
    model_from: date | None  # the Herning model (follow-up rules, moves down the ladder)
    team_under_model: str | None  # the team that takes over when the model starts
    caseload_cap: int  # caseworkers are hired when every caseworker has this many cases
    caseload_cap_under_model: int
    assessment_24h_share: float  # notifications assessed within 24 hours
    assessment_24h_share_under_model: float
    escalation_share: float  # placements that come from a lower step of an open case
    escalation_share_under_model: float


@dataclass
class Scenario:
    name: str
    start: date
    end: date  # inclusive
    areas: list[Area]
    population: dict[str, dict[int, int]] = field(default_factory=dict)

    @property
    def now(self) -> datetime:
        """The simulated "now": the last instant of the scenario's last day in Copenhagen. A
        build of its events is made as of this time (docs/kpis.md, "As of"), so every period of
        the scenario is complete and none after it exists; events the extract records later are
        not yet known then."""
        next_midnight = datetime.combine(self.end + timedelta(days=1), time(0), LOCAL_TZ)
        return next_midnight - timedelta(microseconds=1)


def _anchors(points: dict[str, float]) -> list[tuple[date, float]]:
    return [(date.fromisoformat(d), v) for d, v in points.items()]


# Herning, pilot districts: child-years per measure type. Anchors at the model's start
# (1 Aug 2013) and mid-2015 are the published figures; the institution types fall through
# 2014 as children move down the ladder.
_PILOT_PLACEMENTS = {
    "residential_institution": {
        "2012-01-01": 7.5,
        "2013-08-01": 7.7,
        "2014-01-01": 6.6,
        "2014-07-01": 2.0,
        "2015-01-01": 0.1,
    },
    "social_pedagogical_home": {
        "2012-01-01": 4.4,
        "2013-08-01": 4.4,
        "2014-01-01": 3.9,
        "2014-07-01": 1.5,
        "2015-01-01": 0.64,
    },
    "secure_institution": {
        "2013-08-01": 0.0,
        "2014-07-01": 0.6,
        "2015-03-01": 1.5,
        "2016-06-01": 0.7,
    },
    "network_foster_care": {
        "2012-01-01": 2.0,
        "2013-08-01": 2.2,
        "2014-07-01": 3.0,
        "2015-07-01": 3.6,
        "2016-12-31": 3.8,
    },
    "foster_family": {
        "2012-01-01": 26.5,
        "2013-08-01": 26.7,
        "2015-07-01": 26.3,
        "2016-12-31": 26.0,
    },
    "special_foster_family": {"2012-01-01": 4.6, "2013-08-01": 4.6, "2015-07-01": 4.0},
    "own_room": {
        "2012-01-01": 1.0,
        "2013-08-01": 1.1,
        "2014-07-01": 2.0,
        "2015-07-01": 2.6,
        "2016-12-31": 2.8,
    },
    "boarding_school": {"2012-01-01": 1.6, "2013-08-01": 1.6, "2014-07-01": 2.2, "2015-07-01": 2.4},
    "supported_housing": {
        "2012-01-01": 0.7,
        "2013-08-01": 0.7,
        "2014-07-01": 0.9,
        "2015-07-01": 1.0,
    },
}
_PILOT_PREVENTIVE = {  # stock before the model -> from mid-2015
    "universal_prevention": (8, 12),
    "preventive_measure": (25, 30),
    "parent_training": (10, 14),
    "contact_person": (18, 20),
    "family_treatment": (40, 48),
    "respite_care": (14, 16),
    "mst": (5, 7),
    "fft": (5, 7),
}
# Other districts: roughly flat (published 137.93 -> 140.43 child-years).
_OTHER_PLACEMENTS = {  # mid-2013 -> 2015
    "residential_institution": (19.0, 20.0),
    "social_pedagogical_home": (11.5, 12.4),
    "secure_institution": (1.0, 1.2),
    "network_foster_care": (11.0, 7.0),
    "foster_family": (71.0, 77.0),
    "special_foster_family": (12.4, 12.9),
    "own_room": (4.5, 3.8),
    "boarding_school": (5.5, 4.5),
    "supported_housing": (2.0, 1.7),
}

# Complaints per open case-year: other districts by team (2014, 2015), pilot ~1.5 %.
_OTHER_COMPLAINTS = {
    "children": {2014: 0.073, 2015: 0.077},
    "youth": {2014: 0.064, 2015: 0.039},
    "intake": {2014: 0.008, 2015: 0.020},
}


def herning_pilot(population: dict[str, dict[int, int]]) -> Scenario:
    model_from = date(2013, 8, 1)
    residents = population[HERNING]

    def notifications(share: float) -> Target:
        # ~6 % of residents aged 0-22 a year around 2012, rising towards national 2016 levels
        rate = {2012: 0.056, 2013: 0.060, 2014: 0.064, 2015: 0.068, 2016: 0.072}
        return Target([(date(y, 7, 1), rate[y] * residents[y] * share) for y in rate])

    def breakdowns(rates: dict[int, float]) -> YearRate:
        return _by_year(rates)

    prevent_pilot = {
        t: Target([(date(2013, 8, 1), a), (date(2015, 7, 1), b)])
        for t, (a, b) in _PILOT_PREVENTIVE.items()
    }
    pilot = Area(
        municipality=HERNING,
        group="pilot",
        districts=HERNING_PILOT_DISTRICTS,
        targets={**{t: Target(_anchors(p)) for t, p in _PILOT_PLACEMENTS.items()}, **prevent_pilot},
        notifications_per_year=notifications(0.20),
        complaint_rate={
            "pilot": _by_year({2013: 0.015, 2014: 0.014, 2015: 0.015}),
            **{team: _by_year({2013: 0.05}) for team in _OTHER_COMPLAINTS},
        },
        breakdown_rate=breakdowns({2012: 0.04, 2013: 0.04, 2014: 0.022, 2015: 0.004, 2016: 0.01}),
        sdq_teacher_mean=_by_year({2012: 11.5, 2013: 11.3, 2014: 11.0, 2015: 12.2, 2016: 13.5}),
        sdq_sample=25,
        model_from=model_from,
        team_under_model="pilot",
        caseload_cap=50,
        caseload_cap_under_model=25,
        assessment_24h_share=0.82,
        assessment_24h_share_under_model=0.95,
        escalation_share=0.45,
        escalation_share_under_model=0.15,
    )
    other = Area(
        municipality=HERNING,
        group="other",
        districts=HERNING_OTHER_DISTRICTS,
        targets={
            **{
                t: Target([(date(2013, 8, 1), a), (date(2015, 7, 1), b)])
                for t, (a, b) in _OTHER_PLACEMENTS.items()
            },
            **{
                t: Target([(date(2013, 8, 1), 3 * a), (date(2016, 12, 31), 3 * a + 4)])
                for t, (a, _) in _PILOT_PREVENTIVE.items()
            },
        },
        notifications_per_year=notifications(0.80),
        complaint_rate={team: _by_year(r) for team, r in _OTHER_COMPLAINTS.items()},
        breakdown_rate=breakdowns({2012: 0.05, 2013: 0.05, 2014: 0.059, 2015: 0.014, 2016: 0.03}),
        sdq_teacher_mean=_by_year({2012: 12.6, 2016: 12.6}),
        sdq_sample=40,
        model_from=None,
        team_under_model=None,
        caseload_cap=50,
        caseload_cap_under_model=50,
        assessment_24h_share=0.82,
        assessment_24h_share_under_model=0.82,
        escalation_share=0.45,
        escalation_share_under_model=0.45,
    )
    return Scenario(
        "herning-pilot",
        date(2012, 1, 1),
        date(2016, 12, 31),
        [pilot, other],
        {HERNING: {y: residents[y] for y in range(2012, 2017)}},
    )


# National rates per resident aged 0-22 (stock of children in each measure type on a day).
NATIONAL_STOCK_PER_RESIDENT = {
    "residential_institution": 0.00090,
    "social_pedagogical_home": 0.00150,
    "secure_institution": 0.00006,
    "network_foster_care": 0.00070,
    "foster_family": 0.00350,
    "special_foster_family": 0.00045,
    "own_room": 0.00075,
    "boarding_school": 0.00060,
    "supported_housing": 0.00030,
    "universal_prevention": 0.0010,
    "preventive_measure": 0.0055,
    "parent_training": 0.0020,
    "contact_person": 0.0035,
    "family_treatment": 0.0070,
    "respite_care": 0.0025,
    "mst": 0.0008,
    "fft": 0.0008,
}
# Notifications per resident aged 0-22 a year: ~150,000 on ~1.6 million in 2022.
NATIONAL_NOTIFICATION_RATE = {2010: 0.050, 2013: 0.060, 2016: 0.072, 2019: 0.085, 2022: 0.094}
# Events the engine writes per resident-year at national rates (measured; used by --events).
EVENTS_PER_RESIDENT_YEAR = 1.02


def national(
    population: dict[str, dict[int, int]],
    municipalities: list[str],
    first_year: int,
    last_year: int,
    scale: float,
) -> Scenario:
    notification_rate = Target([(date(y, 7, 1), r) for y, r in NATIONAL_NOTIFICATION_RATE.items()])
    areas = []
    used: dict[str, dict[int, int]] = {}
    for municipality in municipalities:
        residents = {
            y: max(1, round(population[municipality][y] * scale))
            for y in range(first_year, last_year + 1)
        }
        used[municipality] = residents
        anchors = [(date(y, 7, 1), n) for y, n in residents.items()]
        areas.append(
            Area(
                municipality=municipality,
                group="other",
                districts=NATIONAL_DISTRICTS,
                targets={
                    t: Target([(d, n * rate) for d, n in anchors])
                    for t, rate in NATIONAL_STOCK_PER_RESIDENT.items()
                },
                notifications_per_year=Target(
                    [(d, n * notification_rate.at(d.toordinal())) for d, n in anchors]
                ),
                complaint_rate={
                    team: _by_year({2010: r})
                    for team, r in (("children", 0.05), ("youth", 0.045), ("intake", 0.012))
                },
                breakdown_rate=_by_year({2010: 0.04}),
                sdq_teacher_mean=_by_year({2010: 12.5}),
                sdq_sample=max(1, round(sum(residents.values()) / len(residents) * 0.0015)),
                model_from=None,
                team_under_model=None,
                caseload_cap=45,
                caseload_cap_under_model=45,
                assessment_24h_share=0.85,
                assessment_24h_share_under_model=0.85,
                escalation_share=0.45,
                escalation_share_under_model=0.45,
            )
        )
    return Scenario("national", date(first_year, 1, 1), date(last_year, 12, 31), areas, used)


assert all(t in MEASURES for t in NATIONAL_STOCK_PER_RESIDENT)
assert all(t in MEASURES for t in _PILOT_PLACEMENTS) and all(
    t in MEASURES for t in _OTHER_PLACEMENTS
)
