"""The simulation's kernel: simulated time, the action queue, the output queue, and the one RNG.

The processes (`trappe.simulate.processes`) are functions of a `Kernel` and their own arguments;
they schedule each other with `Kernel.schedule` and write events with `Kernel.emit`.

Output order is the order a source system would send: by `recorded_at`, except the events that
are recorded late, sent out of order, duplicated or broken on purpose. The simulation keeps
only open cases and the not-yet-sent events in memory, and yields lines day by day.

Determinism: one `random.Random(seed)`, drawn from in the order the actions run (so a process
must never draw ahead or skip a draw another run would make); ties in both queues are broken by
a sequence number; only lists and insertion-ordered dicts are iterated; event ids are drawn from
the generator.
"""

from __future__ import annotations

import heapq
import json
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from trappe.simulate.clock import MINUTES_PER_DAY, Clock, month_starts
from trappe.simulate.noise import corrupt
from trappe.simulate.scenarios import Scenario
from trappe.simulate.state import AreaState, Case

_ENCODE: Callable[[dict[str, Any]], str]
try:  # the C encoder, built once: json.dumps would build it again for every event
    # _json is what json.encoder takes its C encoder from (typeshed types _json, not the alias)
    from _json import encode_basestring, make_encoder

    def _not_json(o: object) -> object:
        # JSONEncoder.default's error; the simulator's payloads hold only JSON types
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")

    _C_ENCODE = make_encoder(None, _not_json, encode_basestring, None, ":", ",", False, False, True)

    def _c_encode(payload: dict[str, Any]) -> str:
        return "".join(_C_ENCODE(payload, 0))

    _ENCODE = _c_encode
except ImportError:  # pragma: no cover - CPython always has it
    _ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_UUID4 = "%08x-%04x-4%03x-%x%03x-%012x"


@dataclass
class Rates:
    """How imperfect the feed is (shares of events)."""

    bad: float = 0.002
    late: float = 0.02
    duplicate: float = 0.004
    out_of_order: float = 0.01
    retraction: float = 0.012  # ladder moves recorded wrongly, retracted and re-recorded
    cpr_cases: float = 0.01  # cases whose events carry `cpr` instead of `child_id`


@dataclass
class Summary:
    events: int = 0  # valid lines, duplicates not counted
    duplicates: int = 0
    bad: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    late: int = 0
    retractions: int = 0
    cases: int = 0

    @property
    def lines(self) -> int:
        return self.events + self.duplicates + sum(self.bad.values())


class Kernel:
    def __init__(self, scenario: Scenario, seed: int = 1, rates: Rates | None = None) -> None:
        self.scenario = scenario
        self.rng = random.Random(seed)
        self.rates = rates or Rates()
        self.clock = Clock()
        self.summary = Summary()
        self.states = [AreaState(a) for a in scenario.areas]
        self.now = 0  # the minute of the action running
        self.pools: dict[tuple[str, str, str], list[int]] = {}  # caseworkers' caseloads
        self.start_day = scenario.start.toordinal()
        self.end_day = scenario.end.toordinal()
        self.months = month_starts(scenario.start, scenario.end)
        self._actions: list = []
        self._out: list = []
        self._seq = 0
        self._counters: dict[str, int] = {}

    # ---- time and actions ---------------------------------------------------------------
    def schedule(self, minute: int, action: Callable[..., None], *args) -> None:
        """Run `action(kernel, *args)` at `minute`; actions due at the same minute run in the
        order they were scheduled."""
        self._seq += 1
        heapq.heappush(self._actions, (minute, self._seq, action, args))

    def run_actions(self) -> Iterator[list[str]]:
        """Run the scheduled actions through the scenario's last day, yielding the lines sent
        (without newlines) in batches, one simulated day at a time."""
        flush_at = 0
        actions = self._actions
        end = (self.end_day + 1) * MINUTES_PER_DAY
        while actions:
            minute, _, action, args = heapq.heappop(actions)
            if minute > end:
                break
            if minute >= flush_at:
                day_start = minute - minute % MINUTES_PER_DAY
                batch = self._flush(day_start)
                if batch:
                    yield batch
                flush_at = day_start + MINUTES_PER_DAY
            self.now = minute
            action(self, *args)
        yield self._flush(10**12)

    @property
    def progress_day(self) -> int:
        return self.now // MINUTES_PER_DAY

    # ---- drawing ------------------------------------------------------------------------
    def next_id(self, prefix: str, municipality: str, width: int) -> str:
        key = prefix + municipality
        n = self._counters.get(key, 0) + 1
        self._counters[key] = n
        return f"{prefix}{municipality}-{n:0{width}d}"

    def event_id(self) -> str:
        b = self.rng.getrandbits(122)  # a version-4 UUID drawn from the seeded generator
        return _UUID4 % (
            b >> 90,
            (b >> 74) & 0xFFFF,
            (b >> 62) & 0xFFF,
            8 | ((b >> 60) & 3),
            (b >> 48) & 0xFFF,
            b & 0xFFFFFFFFFFFF,
        )

    def business_minute(self, day: int) -> int:
        return day * MINUTES_PER_DAY + 450 + int(self.rng.random() * 541)

    def random_minute(self, first: int, last: int) -> int:
        return self.business_minute(self.rng.randint(first, last))

    def uniform_int(self, low: int, high: int) -> int:
        """randint without its overhead, for the hot paths."""
        return low + int(self.rng.random() * (high - low + 1))

    def random_open(
        self, st: AreaState, accept: Callable[[Case], bool], tries: int = 40
    ) -> Case | None:
        """One of the area's open cases that `accept`s, from up to `tries` draws, or None."""
        if not st.open:
            return None
        rng, cases = self.rng, st.open
        for _ in range(tries):
            case = cases[rng.randrange(len(cases))]
            if accept(case):
                return case
        return None

    # ---- events -------------------------------------------------------------------------
    def recorded(self, occurred: int, timed: bool) -> int:
        """When an event that occurred at `occurred` is recorded (now and then weeks late)."""
        rng = self.rng
        if rng.random() < self.rates.late:
            self.summary.late += 1
            return self.business_minute(occurred // MINUTES_PER_DAY + rng.randint(14, 70))
        if timed:
            return occurred + self.uniform_int(2, 120)
        r = rng.random()
        lag = 0 if r < 0.55 else (1 if r < 0.85 else self.uniform_int(2, 6))
        return max(occurred, self.business_minute(occurred // MINUTES_PER_DAY + lag))

    def emit(
        self,
        event_type: str,
        occurred: int,
        case: Case,
        payload: dict,
        *,
        timed: bool = False,
        recorded: int | None = None,
        worker: bool = True,
        event_id: str | None = None,
    ) -> str:
        """Queue one event; returns its event_id. `occurred` is a local minute."""
        clock = self.clock
        eid = event_id or self.event_id()
        if occurred // MINUTES_PER_DAY > self.end_day:
            # the extract ends with the scenario: what happens later is not in the feed yet
            # (events that happened before the end may still be recorded after it)
            return eid
        if recorded is None:
            recorded = self.recorded(occurred, timed)
        occ = clock.datetime(occurred) if timed else clock.date(occurred // MINUTES_PER_DAY)
        cw = f',"caseworker_id":"{case.worker}"' if worker and case.worker else ""
        line = (
            f'{{"event_id":"{eid}","event_type":"{event_type}","schema_version":1,'
            f'"occurred_at":"{occ}","recorded_at":"{clock.datetime(recorded)}",{case.env}{cw},'
            f'"payload":{_ENCODE(payload)}}}'
        )
        self._push(recorded, line)
        summary = self.summary
        summary.events += 1
        by_type = summary.by_type
        by_type[event_type] = by_type.get(event_type, 0) + 1
        return eid

    def _push(self, recorded: int, line: str) -> None:
        rng, rates, out = self.rng, self.rates, self._out
        self._seq += 1
        # one draw decides whether this line is also sent out of order, twice, or broken
        r = rng.random()
        if r >= rates.out_of_order + rates.duplicate + rates.bad:
            heapq.heappush(out, (recorded, self._seq, line))
            return
        if r < rates.out_of_order:
            heapq.heappush(out, (recorded + self.uniform_int(60, 2880), self._seq, line))
            return
        heapq.heappush(out, (recorded, self._seq, line))
        self._seq += 1
        if r < rates.out_of_order + rates.duplicate:  # the same message re-sent later
            self.summary.duplicates += 1
            heapq.heappush(out, (recorded + self.uniform_int(30, 4320), self._seq, line))
        else:
            kind, bad_line = corrupt(line, self.event_id(), rng)
            self.summary.bad[kind] = self.summary.bad.get(kind, 0) + 1
            heapq.heappush(out, (recorded + self.uniform_int(1, 600), self._seq, bad_line))

    def _flush(self, before: int) -> list[str]:
        out, lines = self._out, []
        while out and out[0][0] < before:
            lines.append(heapq.heappop(out)[2])
        return lines


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    threshold, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= threshold:
            return k
        k += 1
