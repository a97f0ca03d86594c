"""The herning-pilot scenario lands near the KORA evaluation's published figures.

Everything is measured here from the events, independently of the simulator
(tests/simulate/simmeasure.py: episodes from ladder moves, retracted and duplicate events ignored).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import pytest

from tests.support.simmeasure import CATEGORY, case_groups, child_years, episodes

H2_2013 = (date(2013, 7, 1), date(2013, 12, 31))
Y2015 = (date(2015, 1, 1), date(2015, 12, 31))


@pytest.fixture(scope="module")
def years(pilot_events):
    return {
        "2013H2": child_years(pilot_events, *H2_2013),
        "2015": child_years(pilot_events, *Y2015),
    }


def test_pilot_placed_child_years_fall_by_about_15_percent(years):
    assert years["2013H2"][("pilot", "placed")] == pytest.approx(49.01, rel=0.20)
    assert years["2015"][("pilot", "placed")] == pytest.approx(41.90, rel=0.20)
    assert years["2015"][("pilot", "placed")] < years["2013H2"][("pilot", "placed")]


def test_pilot_institution_share_falls_and_family_care_rises(years):
    def share(period, category):
        return years[period].get(("pilot", category), 0.0) / years[period][("pilot", "placed")]

    assert 0.18 <= share("2013H2", "institution") <= 0.32  # published 25 %
    assert share("2015", "institution") <= 0.10  # published 5 %
    assert share("2015", "family_foster_care") > share("2013H2", "family_foster_care")
    assert share("2015", "home_based_placement") > share("2013H2", "home_based_placement")


def test_other_districts_stay_roughly_flat(years):
    before, after = years["2013H2"][("other", "placed")], years["2015"][("other", "placed")]
    assert before == pytest.approx(137.93, rel=0.15)
    assert after == pytest.approx(140.43, rel=0.15)
    assert after == pytest.approx(before, rel=0.15)
    for category in ("institution", "family_foster_care", "home_based_placement"):
        share_before = years["2013H2"][("other", category)] / before
        share_after = years["2015"][("other", category)] / after
        assert abs(share_after - share_before) < 0.05


def _births(events):
    births = {}
    for e in events:
        if e["event_type"] == "case.opened":
            p = e["payload"]
            births[e["case_id"]] = date.fromisoformat(
                p.get("birth_date") or p["birth_month"] + "-01"
            )
    return births


def _eighteenth_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February: 18 on 1 March in a year without one
        return date(born.year + 18, 3, 1)


def test_nobody_is_placed_at_18_and_placements_end_by_18(pilot_events):
    births = _births(pilot_events)
    month = timedelta(days=31)  # a birth_month leaves the day open
    for case_id, measure_type, start, end in episodes(pilot_events):
        if CATEGORY.get(measure_type) is None:
            continue
        turns_18 = _eighteenth_birthday(births[case_id])
        assert start < turns_18 + month, (case_id, measure_type, start)
        if end is not None:
            assert end <= turns_18 + month, (case_id, measure_type, end)
    reasons = Counter(
        e["payload"]["reason"] for e in pilot_events if e["event_type"] == "ladder.moved"
    )
    assert reasons["turned_18"] > 0 and reasons["aftercare"] > 0


def test_pilot_children_move_down_from_institutions(pilot_events):
    groups = case_groups(pilot_events)
    down = [
        e
        for e in pilot_events
        if e["event_type"] == "ladder.moved"
        and groups[e["case_id"]] == "pilot"
        and e["payload"]["from_step"] == 5
        and e["payload"]["to_step"] is not None
        and e["payload"]["to_step"] < 5
        and "2013-08-01" <= e["occurred_at"][:10] <= "2015-12-31"
    ]
    assert 10 <= len(down) <= 40  # published: 16 children


def _followups_per_case(events, first, last):
    """Statutory follow-ups per placement case in a half-year, by district group."""
    groups = case_groups(events)
    measure_type = {
        e["payload"]["measure_id"]: e["payload"]["measure_type"]
        for e in events
        if e["event_type"] == "ladder.moved" and e["payload"]["measure_type"]
    }
    cases = defaultdict(set)
    for case_id, mtype, start, end in episodes(events):
        if CATEGORY.get(mtype) and start <= last and (end is None or end > first):
            cases[groups[case_id]].add(case_id)
    held = Counter()
    for e in events:
        if (
            e["event_type"] == "followup.held"
            and e["payload"]["statutory"]
            and CATEGORY.get(measure_type[e["payload"]["measure_id"]])
            and first <= date.fromisoformat(e["occurred_at"][:10]) <= last
        ):
            held[groups[e["case_id"]]] += 1
    return {g: held[g] / len(cases[g]) for g in cases}


def test_pilot_follows_up_about_twice_a_half_year_others_about_once(pilot_events):
    rate = _followups_per_case(pilot_events, date(2015, 1, 1), date(2015, 6, 30))
    assert 1.6 <= rate["pilot"] <= 3.0
    assert 0.6 <= rate["other"] <= 1.3
    planned = [
        e for e in pilot_events if e["event_type"] == "followup.held" and "next_due" in e["payload"]
    ]
    assert len(planned) > 0.5 * sum(1 for e in pilot_events if e["event_type"] == "followup.held")


def test_notifications_are_mostly_assessed_within_24_hours(pilot_events):
    groups = case_groups(pilot_events)
    received = {
        e["payload"]["notification_id"]: e
        for e in pilot_events
        if e["event_type"] == "notification.received"
    }
    within, total = Counter(), Counter()
    for e in pilot_events:
        if e["event_type"] == "notification.assessed" and e["occurred_at"][:4] == "2015":
            r = received[e["payload"]["notification_id"]]
            delay = datetime.fromisoformat(e["occurred_at"]) - datetime.fromisoformat(
                r["occurred_at"]
            )
            group = groups[e["case_id"]]
            total[group] += 1
            within[group] += delay <= timedelta(hours=24)
    assert 250 <= total["pilot"] <= 700 and 1000 <= total["other"] <= 2500
    assert 0.90 <= within["pilot"] / total["pilot"] < 1.0  # some are still late
    assert 0.70 <= within["other"] / total["other"] < within["pilot"] / total["pilot"]


def test_about_200_open_pilot_cases_with_caseloads_of_20_to_25(pilot_events):
    groups = case_groups(pilot_events)
    day = "2015-06-30"
    opened = {e["case_id"]: e for e in pilot_events if e["event_type"] == "case.opened"}
    closed = {
        e["case_id"]
        for e in pilot_events
        if e["event_type"] == "case.closed" and e["occurred_at"][:10] <= day
    }
    open_cases = [c for c, e in opened.items() if e["occurred_at"][:10] <= day and c not in closed]
    assert 160 <= sum(1 for c in open_cases if groups[c] == "pilot") <= 240
    worker = {c: e.get("caseworker_id") for c, e in opened.items()}
    for e in sorted(
        (e for e in pilot_events if e["event_type"] == "case.transferred"),
        key=lambda e: e["occurred_at"],
    ):
        if e["occurred_at"][:10] <= day:
            worker[e["case_id"]] = e["payload"]["caseworker_id"]
    load = Counter(worker[c] for c in open_cases)
    pilot_loads = [
        n
        for w, n in load.items()
        if groups[next(c for c in open_cases if worker[c] == w)] == "pilot"
    ]
    other_loads = [
        n
        for w, n in load.items()
        if groups[next(c for c in open_cases if worker[c] == w)] == "other"
    ]
    assert 18 <= sum(pilot_loads) / len(pilot_loads) <= 25
    assert max(other_loads) <= 50 and sum(other_loads) / len(other_loads) > 30


def test_breakdowns_and_complaints_at_published_rates(pilot_events):
    groups = case_groups(pilot_events)
    breakdowns = Counter(
        (groups[e["case_id"]], e["occurred_at"][:4])
        for e in pilot_events
        if e["event_type"] == "placement.broke_down"
    )
    assert breakdowns[("other", "2014")] >= 4 and breakdowns[("pilot", "2015")] <= 2
    complaints = Counter(
        (groups[e["case_id"]], e["payload"]["team"])
        for e in pilot_events
        if e["event_type"] == "complaint.received" and e["occurred_at"][:4] == "2014"
    )
    assert complaints[("pilot", "pilot")] <= 8
    assert complaints[("other", "children")] > complaints[("other", "intake")]
