"""The herning-pilot stream: deterministic, valid except the intended bad records, complete."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta

from trappe.contract import EVENT_TYPES
from trappe.simulate.noise import BAD_KINDS


def test_same_seed_gives_the_same_bytes(pilot_run, tmp_path):
    """Run again in a fresh process with another hash seed: no set or dict-order randomness."""
    out = tmp_path / "again.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "trappe.app.cli",
            "simulate",
            "--scenario",
            "herning-pilot",
            "--seed",
            "1",
            "--out",
            str(out),
            "--no-progress",
        ],
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == pilot_run.path.read_bytes()
    population = (tmp_path / "population_0_22.csv").read_text().splitlines()
    assert population[0] == "municipality,year,residents_0_22"
    assert [row.split(",")[:2] for row in population[1:]] == [
        ["657", str(y)] for y in range(2012, 2017)
    ]


def test_another_seed_gives_another_stream(tmp_path):
    from trappe.simulate import build_scenario, simulate_lines

    first = [
        line
        for _, line in zip(range(2000), simulate_lines(build_scenario("herning-pilot"), seed=2))
    ]
    second = [
        line
        for _, line in zip(range(2000), simulate_lines(build_scenario("herning-pilot"), seed=3))
    ]
    assert first != second


def test_only_the_intended_bad_records_are_rejected(pilot_run):
    summary = pilot_run.summary
    assert len(pilot_run.lines) == summary.lines
    assert Counter(code for code, _ in pilot_run.rejected) == Counter(summary.bad)
    assert set(summary.bad) == set(BAD_KINDS)  # every kind of bad record occurs
    share = len(pilot_run.rejected) / summary.events
    assert 0.001 < share < 0.004  # the default --bad-share is 0.2 %


def test_every_event_type_appears(pilot_events):
    counts = Counter(e["event_type"] for e in pilot_events)
    assert set(counts) == set(EVENT_TYPES)
    assert counts["cost.booked"] > counts["ladder.moved"]


def test_duplicates_are_exact_copies_of_a_line(pilot_run):
    by_id = {}
    duplicates = 0
    for line in pilot_run.valid:
        event_id = json.loads(line)["event_id"]
        if event_id in by_id:
            assert by_id[event_id] == line
            duplicates += 1
        by_id[event_id] = line
    assert duplicates == pilot_run.summary.duplicates > 0


def test_late_and_out_of_order_events(pilot_events):
    late = [
        e
        for e in pilot_events
        if e["event_type"] != "cost.booked"
        and datetime.fromisoformat(e["recorded_at"]).date()
        - date.fromisoformat(e["occurred_at"][:10])
        >= timedelta(days=14)
    ]
    assert len(late) > 0.01 * len(pilot_events)
    recorded = [datetime.fromisoformat(e["recorded_at"]) for e in pilot_events]
    backwards = sum(1 for a, b in itertools.pairwise(recorded) if b < a)
    assert backwards > 0.002 * len(pilot_events)  # lines sent out of recorded order


def test_retractions_name_a_wrong_ladder_move_that_is_re_recorded(pilot_run):
    events = {}
    for line in pilot_run.valid:
        event = json.loads(line)
        events.setdefault(event["event_id"], event)
    retractions = [e for e in events.values() if e["event_type"] == "event.retracted"]
    assert retractions
    moves_of_measure = {}
    for e in events.values():
        if e["event_type"] == "ladder.moved":
            moves_of_measure.setdefault(e["payload"]["measure_id"], []).append(e)
    for retraction in retractions:
        wrong = events[retraction["payload"]["retracts_event_id"]]
        assert wrong["event_type"] == "ladder.moved"
        corrections = [
            e
            for e in moves_of_measure[wrong["payload"]["measure_id"]]
            if e["occurred_at"] == wrong["occurred_at"] and e["event_id"] != wrong["event_id"]
        ]
        assert len(corrections) == 1
        assert corrections[0]["recorded_at"] > retraction["recorded_at"]


def test_some_cases_send_a_cpr_number_instead_of_a_child_id(pilot_run):
    with_cpr = [json.loads(line) for line in pilot_run.valid if '"cpr":' in line]
    assert with_cpr
    assert all("child_id" not in e for e in with_cpr)


def test_costs_are_booked_monthly_at_the_daily_price(pilot_events):
    price = {
        e["payload"]["measure_id"]: (e["payload"]["daily_cost_dkk"], e["occurred_at"][:4])
        for e in pilot_events
        if e["event_type"] == "ladder.moved" and e["payload"].get("daily_cost_dkk")
    }
    bookings = [e["payload"] for e in pilot_events if e["event_type"] == "cost.booked"]
    assert bookings
    for booking in bookings:
        first, last = (
            date.fromisoformat(booking["period_start"]),
            date.fromisoformat(booking["period_end"]),
        )
        assert (first.year, first.month) == (last.year, last.month)
        daily, start_year = price[booking["measure_id"]]
        per_day = booking["amount_dkk"] / ((last - first).days + 1)
        years = last.year - int(start_year)
        # nominal prices: the contracted price indexed by 1.8 % a year
        assert abs(per_day - daily * 1.018**years) < 0.01 * daily


def test_costs_fall_within_their_measures_episode_as_the_feed_tells_it(pilot_events):
    # Episodes as a reader of the feed sees them: a measure runs from its ladder move to the
    # case's next one. A cost booked for a measure outside that span puts money on the wrong
    # category (and leaves the measure that is really running without any).
    moves: dict[str, list] = {}
    for e in pilot_events:
        if e["event_type"] == "ladder.moved":
            moves.setdefault(e["case_id"], []).append(
                (date.fromisoformat(e["occurred_at"][:10]), e["recorded_at"], e["payload"])
            )
    span: dict[str, tuple[date, date | None]] = {}
    for case_moves in moves.values():
        case_moves.sort(key=lambda m: (m[0], m[1]))
        for i, (start, _, payload) in enumerate(case_moves):
            if payload["to_step"] is not None:
                end = case_moves[i + 1][0] if i + 1 < len(case_moves) else None
                span[payload["measure_id"]] = (start, end)
    outside = []
    for e in pilot_events:
        if e["event_type"] == "cost.booked":
            booking = e["payload"]
            start, end = span[booking["measure_id"]]
            first = date.fromisoformat(booking["period_start"])
            last = date.fromisoformat(booking["period_end"])
            if first < start or (end is not None and last >= end):
                outside.append((e["case_id"], booking["measure_id"], str(first), str(last)))
    assert outside == []
