"""A seeded discrete-event simulation of a municipality's children's cases.

Every child has one case; a case moves between measures by `ladder.moved` events. Each area
keeps the number of children in each measure type near its scenario target: at the start of
every month a controller starts episodes where a stock is short (escalating an open case, ending
an investigation with a measure, or opening a new case) and ends the oldest ones where a stock
is well above target. Episodes also end by themselves (a drawn duration, or the child turning
18), and a child leaving a measure moves on to a measure the area is short of, or out.

Output order is the order a source system would send: by `recorded_at`, except the events that
are recorded late, sent out of order, duplicated or broken on purpose. The simulation keeps
only open cases and the not-yet-sent events in memory, and yields lines day by day.

Determinism: one `random.Random(seed)`; ties in both queues are broken by a sequence number;
only lists and insertion-ordered dicts are iterated; event ids are drawn from the generator.
"""
from __future__ import annotations

import heapq
import json
import math
import random
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterator

from trappe.simulate.clock import MINUTES_PER_DAY, Clock, add_years, month_starts
from trappe.simulate.noise import corrupt
from trappe.simulate.reference import MEASURES, SHORT_TERM_PROVIDERS, MeasureType
from trappe.simulate.scenarios import Area, Scenario

try:  # the C encoder, built once: json.dumps would build it again for every event
    from json.encoder import c_make_encoder, encode_basestring

    _C_ENCODE = c_make_encoder(None, None, encode_basestring, None, ":", ",", False, False, True)

    def _ENCODE(payload: dict) -> str:
        return "".join(_C_ENCODE(payload, 0))
except ImportError:  # pragma: no cover - CPython always has it
    _ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_UUID4 = "%08x-%04x-4%03x-%x%03x-%012x"
_BARNETS_LOV = date(2024, 1, 1).toordinal()
_PRICE_INFLATION = 0.018  # yearly indexation of providers' daily prices
_DAYS_PER_MONTH = 30.44

_SOURCES = ("school", "daycare", "health_visitor", "dental_care", "police", "hospital",
            "parent", "anonymous", "other")
_SOURCE_WEIGHTS = (28, 12, 8, 2, 18, 7, 8, 5, 12)
_CONCERNS = ("Barnet kommer ofte for sent og virker træt", "Bekymring for omsorgssvigt i hjemmet",
             "Højt fravær fra skolen", "Vold i hjemmet", "Forældre med misbrug",
             "Barnet er udadreagerende", "Mistrivsel og selvskade", "Kriminalitet",
             "Mor har psykisk sygdom", "Barnet virker underernæret")
_COMPLAINT_SUBJECTS = ("Sagsbehandlingstid", "Afgørelse om foranstaltning", "Manglende inddragelse",
                       "Samvær", "Afgørelse om anbringelse", "Kommunikation med rådgiver")
_CLOSE_REASONS = {
    "no_action": "Ingen foranstaltning efter vurdering af underretning",
    "investigation": "Børnefaglig undersøgelse afsluttet uden foranstaltning",
    "goal_reached": "Mål i handleplanen nået",
    "turned_18": "Den unge er fyldt 18 år",
    "moved_municipality": "Familien er fraflyttet kommunen",
}
# where a child can go when an episode ends (the engine picks the one the area is shortest of)
_NEXT_STEPS = {
    5: ("social_pedagogical_home", "residential_institution", "foster_family", "own_room",
        "supported_housing", "family_treatment"),
    4: ("network_foster_care", "foster_family", "own_room", "family_treatment", "contact_person"),
    3: ("network_foster_care", "foster_family", "own_room", "family_treatment", "contact_person"),
    2: ("preventive_measure", "contact_person", "family_treatment", "respite_care",
        "parent_training", "supported_housing"),
    1: ("preventive_measure", "universal_prevention", "contact_person", "family_treatment"),
    0: (),
}
# under the Herning model an institution placement ends with a move down the ladder
_DOWN_FROM_INSTITUTION = (("foster_family", 0.28), ("network_foster_care", 0.10), ("own_room", 0.22),
                          ("boarding_school", 0.12), ("supported_housing", 0.06),
                          ("family_treatment", 0.22))


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


class Case:
    __slots__ = ("case_id", "st", "env", "district", "team", "worker", "birth", "turns_18",
                 "measure_id", "mtype", "m_start", "m_cost", "m_cost_year", "m_short", "token",
                 "open_idx", "investigating", "exit_pending", "closed")

    def __init__(self) -> None:
        self.mtype: str | None = None
        self.measure_id = ""
        self.token = 0
        self.investigating = False
        self.exit_pending = False
        self.closed = False
        self.m_cost: float | None = None
        self.m_short = False


class AreaState:
    def __init__(self, area: Area) -> None:
        self.area = area
        self.active: dict[str, dict[str, Case]] = {t: {} for t in MEASURES}
        self.open: list[Case] = []
        self.investigating: dict[str, Case] = {}
        self.team_open: dict[str, int] = {}
        self.carry: dict[str, float] = {}
        self.model_day = area.model_from.toordinal() if area.model_from else 10 ** 9
        self.districts = [d for d, _ in area.districts]
        weights = [w for _, w in area.districts]
        self.district_cum = [sum(weights[: i + 1]) for i in range(len(weights))]

    def under_model(self, day: int) -> bool:
        return day >= self.model_day

    def quota(self, key: str, expected: float) -> int:
        """How many of a rare event happen this month: the expected numbers summed over months,
        whole ones taken out, so yearly counts follow the rates without Poisson swings."""
        carry = self.carry.get(key, 0.0) + expected
        count = int(carry)
        self.carry[key] = carry - count
        return count


class Simulation:
    def __init__(self, scenario: Scenario, seed: int = 1, rates: Rates | None = None) -> None:
        self.scenario = scenario
        self.rng = random.Random(seed)
        self.rates = rates or Rates()
        self.clock = Clock()
        self.summary = Summary()
        self.states = [AreaState(a) for a in scenario.areas]
        self._actions: list = []
        self._out: list = []
        self._seq = 0
        self._now = 0
        self._counters: dict[str, int] = {}
        self._pools: dict[tuple[str, str, str], list[int]] = {}
        self.start_day = scenario.start.toordinal()
        self.end_day = scenario.end.toordinal()
        self.months = month_starts(scenario.start, scenario.end)

    # ---- plumbing -----------------------------------------------------------------------
    def _schedule(self, minute: int, fn: Callable, *args) -> None:
        self._seq += 1
        heapq.heappush(self._actions, (minute, self._seq, fn, args))

    def _next_id(self, prefix: str, municipality: str, width: int) -> str:
        key = prefix + municipality
        n = self._counters.get(key, 0) + 1
        self._counters[key] = n
        return f"{prefix}{municipality}-{n:0{width}d}"

    def _event_id(self) -> str:
        b = self.rng.getrandbits(122)  # a version-4 UUID drawn from the seeded generator
        return _UUID4 % (b >> 90, (b >> 74) & 0xFFFF, (b >> 62) & 0xFFF, 8 | ((b >> 60) & 3),
                         (b >> 48) & 0xFFF, b & 0xFFFFFFFFFFFF)

    def _business_minute(self, day: int) -> int:
        return day * MINUTES_PER_DAY + 450 + int(self.rng.random() * 541)

    def _uniform_int(self, low: int, high: int) -> int:
        """randint without its overhead, for the hot paths."""
        return low + int(self.rng.random() * (high - low + 1))

    def _recorded(self, occurred: int, timed: bool) -> int:
        rng = self.rng
        if rng.random() < self.rates.late:
            self.summary.late += 1
            return self._business_minute(occurred // MINUTES_PER_DAY + rng.randint(14, 70))
        if timed:
            return occurred + self._uniform_int(2, 120)
        r = rng.random()
        lag = 0 if r < 0.55 else (1 if r < 0.85 else self._uniform_int(2, 6))
        return max(occurred, self._business_minute(occurred // MINUTES_PER_DAY + lag))

    def _emit(self, event_type: str, occurred: int, case: Case, payload: dict, *,
              timed: bool = False, recorded: int | None = None, worker: bool = True,
              event_id: str | None = None) -> str:
        """Queue one event; returns its event_id. `occurred` is a local minute."""
        clock = self.clock
        eid = event_id or self._event_id()
        if occurred // MINUTES_PER_DAY > self.end_day:
            # the extract ends with the scenario: what happens later is not in the feed yet
            # (events that happened before the end may still be recorded after it)
            return eid
        if recorded is None:
            recorded = self._recorded(occurred, timed)
        occ = clock.datetime(occurred) if timed else clock.date(occurred // MINUTES_PER_DAY)
        cw = f',"caseworker_id":"{case.worker}"' if worker and case.worker else ""
        line = (f'{{"event_id":"{eid}","event_type":"{event_type}","schema_version":1,'
                f'"occurred_at":"{occ}","recorded_at":"{clock.datetime(recorded)}",{case.env}{cw},'
                f'"payload":{_ENCODE(payload)}}}')
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
            heapq.heappush(out, (recorded + self._uniform_int(60, 2880), self._seq, line))
            return
        heapq.heappush(out, (recorded, self._seq, line))
        self._seq += 1
        if r < rates.out_of_order + rates.duplicate:  # the same message re-sent later
            self.summary.duplicates += 1
            heapq.heappush(out, (recorded + self._uniform_int(30, 4320), self._seq, line))
        else:
            kind, bad_line = corrupt(line, self._event_id(), rng)
            self.summary.bad[kind] = self.summary.bad.get(kind, 0) + 1
            heapq.heappush(out, (recorded + self._uniform_int(1, 600), self._seq, bad_line))

    def _flush(self, before: int) -> list[str]:
        out, lines = self._out, []
        while out and out[0][0] < before:
            lines.append(heapq.heappop(out)[2])
        return lines

    def run(self) -> Iterator[list[str]]:
        """Yield the output lines (without newlines) in batches, one simulated day at a time."""
        for st in self.states:
            self._initial_stock(st)
            if st.area.model_from:
                self._schedule(st.model_day * MINUTES_PER_DAY + 480, self._adopt_model, st)
        for i, day in enumerate(self.months):
            self._schedule(day * MINUTES_PER_DAY, self._month, i)
        self._schedule((self.end_day + 1) * MINUTES_PER_DAY, self._final_costs)
        flush_at = 0
        actions = self._actions
        end = (self.end_day + 1) * MINUTES_PER_DAY
        while actions:
            minute, _, fn, args = heapq.heappop(actions)
            if minute > end:
                break
            if minute >= flush_at:
                day_start = minute - minute % MINUTES_PER_DAY
                batch = self._flush(day_start)
                if batch:
                    yield batch
                flush_at = day_start + MINUTES_PER_DAY
            self._now = minute
            fn(*args)
        yield self._flush(10 ** 12)

    @property
    def progress_day(self) -> int:
        return self._now // MINUTES_PER_DAY

    # ---- cases, caseworkers -------------------------------------------------------------
    def _age_days(self, case: Case, day: int) -> int:
        return day - case.birth

    def _new_case(self, st: AreaState, day: int, min_age: int, max_age: int,
                  birth: int | None = None) -> Case:
        rng = self.rng
        area = st.area
        muni = area.municipality
        case = Case()
        case.st = st
        case.case_id = self._next_id("C", muni, 6)
        case.birth = birth if birth is not None else day - rng.randint(min_age * 365, max_age * 365 + 300)
        case.turns_18 = add_years(case.birth, 18)
        if birth is None and case.turns_18 <= day + 30:  # too close to 18 for a new measure
            case.birth = day - (17 * 365 + rng.randint(0, 300))
            case.turns_18 = add_years(case.birth, 18)
        if rng.random() < self.rates.cpr_cases:
            cpr = self.clock.date(case.birth)
            identity = f'"cpr":"{cpr[8:10]}{cpr[5:7]}{cpr[2:4]}-{rng.randint(0, 9999):04d}"'
        else:
            identity = f'"child_id":"{self._next_id("K", muni, 6)}"'
        case.env = f'"municipality":"{muni}","case_id":"{case.case_id}",{identity}'
        case.district = st.districts[rng.choices(range(len(st.districts)), cum_weights=st.district_cum)[0]]
        case.team = area.team_under_model if st.under_model(day) and area.team_under_model else "intake"
        case.worker = None
        self._assign(case, st, day)
        case.open_idx = len(st.open)
        st.open.append(case)
        st.team_open[case.team] = st.team_open.get(case.team, 0) + 1
        self.summary.cases += 1
        return case

    def _open_case(self, st: AreaState, minute: int, min_age: int, max_age: int,
                   opened_day: int | None = None, birth: int | None = None) -> Case:
        day = minute // MINUTES_PER_DAY
        case = self._new_case(st, day, min_age, max_age, birth)
        bday = self.clock.date(case.birth)
        payload = {"district": case.district, "team": case.team}
        if self.rng.random() < 0.5:
            payload["birth_date"] = bday
        else:
            payload["birth_month"] = bday[:7]
        self._emit("case.opened", (opened_day or day) * MINUTES_PER_DAY, case, payload)
        return case

    def _assign(self, case: Case, st: AreaState, day: int) -> None:
        """The least-loaded caseworker of the team; a new one when all are at the cap."""
        area = st.area
        key = (area.municipality, area.group, case.team)
        loads = self._pools.setdefault(key, [])
        if case.worker is not None:
            self._release(case)
        cap = area.caseload_cap_under_model if st.under_model(day) else area.caseload_cap
        best = min(range(len(loads)), key=loads.__getitem__) if loads else -1
        if best < 0 or loads[best] >= cap:
            loads.append(0)
            best = len(loads) - 1
        loads[best] += 1
        case.worker = f"W{area.municipality}-{area.group[0].upper()}{case.team[0].upper()}{best + 1:03d}"

    def _release(self, case: Case) -> None:
        area = case.st.area
        loads = self._pools[(area.municipality, area.group, case.team)]
        loads[int(case.worker[-3:]) - 1] -= 1

    def _transfer(self, case: Case, team: str, minute: int) -> None:
        st = case.st
        st.team_open[case.team] -= 1
        self._release(case)
        case.team, case.worker = team, None
        st.team_open[team] = st.team_open.get(team, 0) + 1
        self._assign(case, st, minute // MINUTES_PER_DAY)
        self._emit("case.transferred", minute, case,
                   {"district": case.district, "team": team, "caseworker_id": case.worker})

    def _close(self, case: Case, minute: int, why: str) -> None:
        if case.closed:
            return
        if case.mtype is not None:
            self._leave(case, minute, "turned_18" if why == "turned_18" else "goal_reached")
        st = case.st
        if case.investigating:
            st.investigating.pop(case.case_id, None)
            case.investigating = False
        self._emit("case.closed", minute, case, {"reason": _CLOSE_REASONS[why]})
        case.closed = True
        case.token += 1
        last = st.open.pop()
        if last is not case:
            st.open[case.open_idx] = last
            last.open_idx = case.open_idx
        st.team_open[case.team] -= 1
        self._release(case)

    def _close_later(self, case: Case, token: int, why: str) -> None:
        if case.token == token and case.mtype is None and not case.investigating:
            self._close(case, self._now, why)

    def _random_open(self, st: AreaState, accept: Callable[[Case], bool], tries: int = 40) -> Case | None:
        if not st.open:
            return None
        rng, cases = self.rng, st.open
        for _ in range(tries):
            case = cases[rng.randrange(len(cases))]
            if accept(case):
                return case
        return None

    # ---- episodes -----------------------------------------------------------------------
    def _fits(self, case: Case, m: MeasureType, day: int) -> bool:
        age = self._age_days(case, day)
        if m.category is not None and case.turns_18 <= day + 30:
            return False
        return m.min_age * 365 <= age <= (m.max_age + 1) * 365 - 1

    def _price(self, m: MeasureType, year: int) -> float | None:
        if m.daily_cost_2013 is None:
            return None
        return round(m.daily_cost_2013 * (1 + _PRICE_INFLATION) ** (year - 2013) * self.rng.uniform(0.85, 1.15))

    def _start(self, case: Case, mtype: str, minute: int, reason: str, *, decide: bool = True,
               remaining_days: int | None = None, start_day: int | None = None) -> None:
        rng, st, m = self.rng, case.st, MEASURES[mtype]
        day = start_day if start_day is not None else minute // MINUTES_PER_DAY
        if case.mtype is not None and day <= case.m_start:
            # The case's measure has not begun yet (a new case's first measure starts days or
            # weeks after the decision to open it): the new one follows it by a day, so that the
            # feed's order of ladder moves and the measure the costs are booked for agree.
            day = case.m_start + 1
            minute = day * MINUTES_PER_DAY + minute % MINUTES_PER_DAY
        from_step = MEASURES[case.mtype].step if case.mtype else None
        if case.mtype is not None:
            self._finish(case, day)
        if case.investigating:
            st.investigating.pop(case.case_id, None)
            case.investigating = False
            self._decision(case, minute, "investigation_closed", None)
        if case.team == "intake":  # a measure moves the case from intake to its lasting team
            when = max(minute, self._now)
            if st.under_model(when // MINUTES_PER_DAY) and st.area.team_under_model:
                team = st.area.team_under_model
            else:
                team = "youth" if self._age_days(case, day) >= 14 * 365 else "children"
            self._transfer(case, team, when)
        measure_id = self._next_id("M", st.area.municipality, 7)
        if decide:
            if m.category is None:
                kind = "measure_granted"
            else:
                kind = "placement_involuntary" if rng.random() < 0.12 else "placement_voluntary"
            self._decision(case, minute, kind, measure_id, mtype)
        if m.providers:
            provider = rng.choice(m.providers)
        else:
            provider = f"P-PF-{rng.randint(1, 9999):04d}"
        short = provider in SHORT_TERM_PROVIDERS and mtype == "residential_institution" and rng.random() < 0.5
        year = int(self.clock.date(day)[:4])
        cost = self._price(m, year)
        payload = {"measure_id": measure_id, "from_step": from_step, "to_step": m.step,
                   "measure_type": mtype, "provider_id": provider}
        if cost is not None:
            payload["daily_cost_dkk"] = cost
        payload["short_term"] = short
        payload["reason"] = reason
        self._ladder(case, minute if start_day is None else day * MINUTES_PER_DAY, payload)
        case.measure_id, case.mtype, case.m_start = measure_id, mtype, day
        case.m_cost, case.m_cost_year, case.m_short = cost, year, short
        case.exit_pending = False
        case.token += 1
        st.active[mtype][case.case_id] = case
        # the episode's end: a drawn duration, never past the 18th birthday for a placement
        now_day = max(day, self._now // MINUTES_PER_DAY, self.start_day)
        if remaining_days is None:
            mean = (45 if short else m.mean_months * _DAYS_PER_MONTH)
            remaining_days = max(7, int(rng.expovariate(1 / mean)))
        end = now_day + remaining_days
        if reason == "aftercare":
            end = min(end, add_years(case.birth, 23))
        elif end >= case.turns_18:
            end = case.turns_18
        self._schedule(self._business_minute(end), self._episode_end, case, case.token)
        if m.step >= 1:
            first = self._first_followup(case, day)
            self._schedule(self._business_minute(max(first, now_day)), self._followup, case, case.token)

    def _ladder(self, case: Case, minute: int, payload: dict) -> None:
        """A ladder move; now and then first recorded wrongly, retracted and re-recorded."""
        rng = self.rng
        if payload["to_step"] is None or rng.random() >= self.rates.retraction:
            self._emit("ladder.moved", minute, case, payload)
            return
        wrong_type = rng.choice([t for t in MEASURES if t != payload["measure_type"]])
        wrong = {**payload, "measure_type": wrong_type, "to_step": MEASURES[wrong_type].step}
        first = self._recorded(minute, False)
        wrong_id = self._emit("ladder.moved", minute, case, wrong, recorded=first)
        retracted = self._business_minute(first // MINUTES_PER_DAY + rng.randint(2, 30))
        self._emit("event.retracted", retracted, case,
                   {"retracts_event_id": wrong_id, "reason": "Forkert foranstaltningstype registreret"},
                   timed=True, recorded=retracted + rng.randint(1, 20))
        self._emit("ladder.moved", minute, case, payload, recorded=retracted + rng.randint(25, 120))
        self.summary.retractions += 1

    def _decision(self, case: Case, minute: int, kind: str, measure_id: str | None,
                  mtype: str | None = None) -> None:
        payload = {"decision_id": self._next_id("D", case.st.area.municipality, 7), "kind": kind,
                   "legal_basis": self._legal_basis(kind, mtype, minute // MINUTES_PER_DAY)}
        if measure_id:
            payload["measure_id"] = measure_id
        self._emit("decision.made", minute, case, payload)

    @staticmethod
    def _legal_basis(kind: str, mtype: str | None, day: int) -> str:
        if day >= _BARNETS_LOV:
            return {"investigation_opened": "BL § 20", "investigation_closed": "BL § 20",
                    "placement_voluntary": "BL § 46", "placement_involuntary": "BL § 47",
                    "measure_ended": "BL § 32"}.get(kind, "BL § 32")
        if kind in ("investigation_opened", "investigation_closed"):
            return "SEL §50"
        if kind == "placement_involuntary":
            return "SEL §58"
        if mtype == "secure_institution":
            return "SEL §63"
        if kind == "placement_voluntary":
            return "SEL §52 stk. 3 nr. 7"
        if mtype == "contact_person":
            return "SEL §52 stk. 3 nr. 6"
        if mtype == "universal_prevention" or mtype == "preventive_measure":
            return "SEL §11"
        return "SEL §52 stk. 3 nr. 3"

    def _finish(self, case: Case, end_day: int) -> None:
        """Book the episode's last part month and take it out of its stock."""
        if case.m_cost is not None:
            month_first = end_day - (int(self.clock.date(end_day)[8:10]) - 1)
            self._book(case, max(case.m_start, month_first), end_day - 1, end_day)
        del case.st.active[case.mtype][case.case_id]
        case.mtype = None
        case.token += 1

    def _leave(self, case: Case, minute: int, reason: str) -> None:
        step = MEASURES[case.mtype].step
        measure_id = case.measure_id
        self._decision(case, minute, "measure_ended", measure_id, case.mtype)
        self._finish(case, minute // MINUTES_PER_DAY)
        self._ladder(case, minute, {"measure_id": measure_id, "from_step": step, "to_step": None,
                                    "measure_type": None, "short_term": False, "reason": reason})

    def _episode_end(self, case: Case, token: int) -> None:
        if case.token != token or case.closed:
            return
        rng, st, minute = self.rng, case.st, self._now
        day = minute // MINUTES_PER_DAY
        m = MEASURES[case.mtype]
        if day >= case.turns_18 and case.m_start < case.turns_18:
            if m.category is not None and rng.random() < 0.35:  # aftercare (efterværn)
                self._start(case, "contact_person", minute, "aftercare")
                return
            self._leave(case, minute, "turned_18")
            self._schedule(self._business_minute(day + rng.randint(0, 20)), self._close_later,
                           case, case.token, "turned_18")
            return
        nxt = self._next_measure(case, st, day)
        if nxt is not None:
            self._start(case, nxt, minute, "escalation" if MEASURES[nxt].step > m.step else
                        ("goal_reached" if rng.random() < 0.5 else "planned"))
            return
        reason = "moved_municipality" if rng.random() < 0.08 else "goal_reached"
        self._leave(case, minute, reason if reason == "moved_municipality" else
                    ("goal_reached" if rng.random() < 0.6 else "planned"))
        self._schedule(self._business_minute(day + rng.randint(0, 45)), self._close_later, case,
                       case.token, "moved_municipality" if reason == "moved_municipality" else "goal_reached")

    def _next_measure(self, case: Case, st: AreaState, day: int) -> str | None:
        rng = self.rng
        m = MEASURES[case.mtype]
        if m.category == "institution" and st.under_model(day):
            options = [(t, w) for t, w in _DOWN_FROM_INSTITUTION if self._fits(case, MEASURES[t], day)]
            if options:
                return rng.choices([t for t, _ in options], [w for _, w in options])[0]
        if rng.random() > (0.85 if m.category else 0.45):
            return None
        best, best_gap = None, 0.5
        for t in _NEXT_STEPS[m.step]:
            if t == case.mtype or not self._fits(case, MEASURES[t], day):
                continue
            gap = st.area.targets[t].at(day) - len(st.active[t])
            if gap > best_gap:
                best, best_gap = t, gap
        return best

    # ---- follow-ups ---------------------------------------------------------------------
    def _rule_interval(self, case: Case, day: int, first: bool) -> int:
        """Herning's rules (docs/kpis.md, herning_2015): the planned days to the next follow-up."""
        m = MEASURES[case.mtype]
        if case.m_short:
            return 28
        if m.category == "institution" or case.mtype == "own_room":
            return 14 if first else 42
        if m.category == "family_foster_care":
            return 14 if first else (42 if day - case.m_start < 365 else 91)
        return 28 if first else 120  # preventive: the rule says 3 months; practice lagged

    def _first_followup(self, case: Case, day: int) -> int:
        st = case.st
        if st.under_model(day):
            return day + self._rule_interval(case, day, True) + self.rng.randint(-3, 3)
        return day + self.rng.randint(45, 95)

    def _followup(self, case: Case, token: int) -> None:
        if case.token != token or case.closed:
            return
        rng, st = self.rng, case.st
        minute = self._now
        day = minute // MINUTES_PER_DAY
        m = MEASURES[case.mtype]
        if st.under_model(day):
            interval = self._rule_interval(case, day, False)
            on_time, plans, talks = (0.85 if m.category else 0.6), 0.95, 0.95
        elif day >= _BARNETS_LOV:
            interval = rng.randint(60, 100) if m.category else rng.randint(120, 182)
            on_time, plans, talks = 0.8, 1.0, 0.9
        else:  # the legal minimum: every 6 months
            interval, on_time, plans, talks = 182, 0.75, 0.4, 0.8
        due = day + interval
        r = rng.random()
        payload = {"measure_id": case.measure_id, "child_conversation": rng.random() < talks,
                   "action_plan_reviewed": rng.random() < 0.7,
                   "channel": "in_person" if r < 0.82 else ("phone" if r < 0.95 else "video"),
                   "statutory": True}
        if rng.random() < plans:
            payload["next_due"] = self.clock.date(due)
        self._emit("followup.held", day * MINUTES_PER_DAY, case, payload)
        held = due + (rng.randint(-6, 5) if rng.random() < on_time else rng.randint(10, 50))
        self._schedule(self._business_minute(max(held, day + 1)), self._followup, case, token)
        if st.under_model(day) and rng.random() < 0.2:  # an extra call between statutory ones
            self._schedule(self._business_minute(day + rng.randint(5, max(6, interval - 5))),
                           self._phone_call, case, token)

    def _phone_call(self, case: Case, token: int) -> None:
        if case.token != token or case.closed:
            return
        self._emit("followup.held", self._now - self._now % MINUTES_PER_DAY, case,
                   {"measure_id": case.measure_id, "child_conversation": self.rng.random() < 0.5,
                    "action_plan_reviewed": False, "channel": "phone", "statutory": False})

    # ---- costs --------------------------------------------------------------------------
    def _book(self, case: Case, first: int, last: int, now_day: int) -> None:
        if last < first:
            return
        year = int(self.clock.date(last)[:4])
        amount = case.m_cost * (1 + _PRICE_INFLATION) ** (year - case.m_cost_year) * (last - first + 1)
        booked = self._business_minute(max(last + 1, now_day) + self._uniform_int(3, 15))
        self._emit("cost.booked", last * MINUTES_PER_DAY, case,
                   {"measure_id": case.measure_id, "amount_dkk": round(amount, 2),
                    "period_start": self.clock.date(first), "period_end": self.clock.date(last)},
                   recorded=booked, worker=False)

    def _book_month(self, first: int, last: int) -> None:
        for st in self.states:
            for stock in st.active.values():
                for case in stock.values():
                    if case.m_cost is not None:
                        self._book(case, max(case.m_start, first), last, last + 1)

    def _final_costs(self) -> None:
        self._book_month(self.months[-1], self.end_day)

    # ---- the monthly rhythm -------------------------------------------------------------
    def _month(self, index: int) -> None:
        first = self.months[index]
        if index > 0:
            self._book_month(self.months[index - 1], first - 1)
        last = (self.months[index + 1] - 1) if index + 1 < len(self.months) else self.end_day
        year = int(self.clock.date(first)[:4])
        for st in self.states:
            self._control(st, first, last)
            self._notifications(st, first, last)
            self._complaints(st, first, last, year)
            self._breakdowns(st, first, last, year)
            if self.clock.date(first)[5:7] == "09":
                self._schedule(self._business_minute(first + 14), self._sdq, st, year)

    def _random_minute(self, first: int, last: int) -> int:
        return self._business_minute(self.rng.randint(first, last))

    def _control(self, st: AreaState, first: int, last: int) -> None:
        rng = self.rng
        mid = (first + last) // 2
        slack = 0.5 if st.under_model(first) else 1.0
        for mtype, target in st.area.targets.items():
            goal = target.at(mid)
            stock = st.active[mtype]
            gap = goal - len(stock)
            if gap > 0:  # entries come during the month while exits go on: aim a little ahead
                gap += len(stock) * 15 / (MEASURES[mtype].mean_months * _DAYS_PER_MONTH)
            if gap > 0:
                entries = int(gap) + (1 if rng.random() < gap - int(gap) else 0)
                for _ in range(entries):
                    self._schedule(self._random_minute(first, last), self._enter, st, mtype)
            elif -gap > slack:
                surplus = int(-gap - slack) + 1
                for case in list(stock.values()):
                    if surplus == 0:
                        break
                    if not case.exit_pending:
                        case.exit_pending = True
                        surplus -= 1
                        self._schedule(self._random_minute(first, last), self._episode_end, case, case.token)

    def _enter(self, st: AreaState, mtype: str) -> None:
        rng, m = self.rng, MEASURES[mtype]
        minute = self._now
        day = minute // MINUTES_PER_DAY
        area = st.area
        case = None
        if m.step >= 2 and rng.random() < (area.escalation_share_under_model if st.under_model(day)
                                           else area.escalation_share):
            case = self._random_open(st, lambda c: c.mtype is not None and not c.exit_pending
                                     and MEASURES[c.mtype].step < m.step and self._fits(c, m, day))
            if case is not None:
                self._start(case, mtype, minute, "escalation")
                return
        checked = 0
        for candidate in st.investigating.values():
            if self._fits(candidate, m, day):
                case = candidate
                break
            checked += 1
            if checked > 30:
                break
        if case is None:
            case = self._open_case(st, minute, m.min_age, m.max_age)
            acute = m.category is not None and rng.random() < 0.5
            nid = self._notify(case, minute, acute=acute)
            self._emit("notification.assessed", minute + rng.randint(20, 600), case,
                       {"notification_id": nid, "acute": acute,
                        "outcome": "acute_measure" if acute else "investigation"}, timed=True)
            minute += MINUTES_PER_DAY * (1 if acute else rng.randint(14, 60))
            self._decision(case, minute, "investigation_opened", None)
            case.investigating = True
            st.investigating[case.case_id] = case
            minute += 60
        self._start(case, mtype, minute, "escalation" if m.category else "planned")

    def _notify(self, case: Case, minute: int, *, acute: bool = False) -> str:
        rng = self.rng
        nid = self._next_id("N", case.st.area.municipality, 7)
        source = "police" if acute and rng.random() < 0.5 else rng.choices(_SOURCES, _SOURCE_WEIGHTS)[0]
        payload = {"notification_id": nid, "source": source}
        if rng.random() < 0.6:
            payload["concern"] = rng.choice(_CONCERNS)
        self._emit("notification.received", minute, case, payload, timed=True)
        return nid

    def _notifications(self, st: AreaState, first: int, last: int) -> None:
        expected = st.area.notifications_per_year.at(first) * (last - first + 1) / 365.25
        for _ in range(_poisson(self.rng, expected)):
            day = self.rng.randint(first, last)
            hour_minute = self.rng.randint(420, 1020) if self.rng.random() < 0.85 else self.rng.randint(0, 1439)
            if 120 <= hour_minute < 180:  # nobody reports in the hour the clocks change
                hour_minute += 60
            self._schedule(day * MINUTES_PER_DAY + hour_minute, self._notification, st)

    def _notification(self, st: AreaState) -> None:
        rng, minute = self.rng, self._now
        day = minute // MINUTES_PER_DAY
        existing = None
        if rng.random() < 0.45:
            existing = self._random_open(st, lambda c: c.turns_18 > day + 30, tries=5)
        case = existing or self._open_case(st, minute, 0, 17)
        nid = self._notify(case, minute)
        share = st.area.assessment_24h_share_under_model if st.under_model(day) else st.area.assessment_24h_share
        delay = rng.randint(20, 22 * 60) if rng.random() < share else rng.randint(25 * 60, 6 * 24 * 60)
        self._schedule(minute + delay, self._assess, case, nid, existing is None)

    def _assess(self, case: Case, nid: str, new: bool) -> None:
        rng, minute = self.rng, self._now
        if case.closed:
            return
        r = rng.random()
        if new:
            outcome = ("no_action" if r < 0.40 else "advice" if r < 0.60 else "investigation" if r < 0.92
                       else "preventive_measure")
        else:
            outcome = "no_action" if r < 0.45 else "advice" if r < 0.75 else "preventive_measure" if r < 0.9 else "investigation"
        acute = rng.random() < 0.03
        self._emit("notification.assessed", minute, case,
                   {"notification_id": nid, "acute": acute, "outcome": outcome}, timed=True)
        day = minute // MINUTES_PER_DAY
        if outcome in ("investigation", "preventive_measure") and case.mtype is None and not case.investigating:
            self._decision(case, minute + rng.randint(60, 3 * 1440), "investigation_opened", None)
            case.investigating = True
            case.st.investigating[case.case_id] = case
            self._schedule(self._business_minute(day + rng.randint(30, 120)), self._investigation_end,
                           case, case.token)
        elif new:
            self._schedule(self._business_minute(day + rng.randint(3, 30)), self._close_later, case,
                           case.token, "no_action")

    def _investigation_end(self, case: Case, token: int) -> None:
        if case.token != token or not case.investigating or case.closed:
            return
        case.st.investigating.pop(case.case_id, None)
        case.investigating = False
        self._decision(case, self._now, "investigation_closed", None)
        self._schedule(self._now + self.rng.randint(60, 14 * 1440), self._close_later, case, case.token,
                       "investigation")

    def _complaints(self, st: AreaState, first: int, last: int, year: int) -> None:
        for team, rate in st.area.complaint_rate.items():
            expected = rate(year) * st.team_open.get(team, 0) * (last - first + 1) / 365.25
            for _ in range(st.quota("complaint:" + team, expected)):
                case = self._random_open(st, lambda c: c.team == team, tries=60)
                if case is not None:
                    self._schedule(self._random_minute(first, last), self._complaint, case)

    def _complaint(self, case: Case) -> None:
        rng = self.rng
        cid = self._next_id("Q", case.st.area.municipality, 5)
        self._emit("complaint.received", self._now, case,
                   {"complaint_id": cid, "team": case.team, "subject": rng.choice(_COMPLAINT_SUBJECTS)})
        resolved = self._business_minute(self._now // MINUTES_PER_DAY + rng.randint(20, 120))
        self._emit("complaint.resolved", resolved, case, {"complaint_id": cid, "upheld": rng.random() < 0.2})

    def _breakdowns(self, st: AreaState, first: int, last: int, year: int) -> None:
        placed = sum(len(st.active[t]) for t, m in MEASURES.items() if m.category)
        expected = st.area.breakdown_rate(year) * placed * (last - first + 1) / 365.25
        for _ in range(st.quota("breakdown", expected)):
            case = self._random_open(st, lambda c: c.mtype is not None and MEASURES[c.mtype].step >= 3
                                     and not c.exit_pending, tries=80)
            if case is not None:
                self._schedule(self._random_minute(first, last), self._breakdown, case, case.token)

    def _breakdown(self, case: Case, token: int) -> None:
        if case.token != token or case.closed:
            return
        rng, minute = self.rng, self._now
        self._emit("placement.broke_down", minute, case,
                   {"measure_id": case.measure_id,
                    "initiated_by": "child" if rng.random() < 0.4 else "placement_site"})
        case.exit_pending = True
        self._schedule(minute + rng.randint(1, 10) * MINUTES_PER_DAY, self._replace_placement, case, token)

    def _replace_placement(self, case: Case, token: int) -> None:
        if case.token != token or case.closed:
            return
        day = self._now // MINUTES_PER_DAY
        m = MEASURES[case.mtype]
        same_category = [t for t, o in MEASURES.items() if o.category == m.category and self._fits(case, o, day)]
        if not same_category:
            self._leave(case, self._now, "breakdown")
            self._schedule(self._business_minute(day + 10), self._close_later, case, case.token, "goal_reached")
            return
        mtype = case.mtype if case.mtype in same_category and self.rng.random() < 0.7 else self.rng.choice(same_category)
        self._start(case, mtype, self._now, "breakdown")

    def _sdq(self, st: AreaState, year: int) -> None:
        rng, minute = self.rng, self._now
        day = minute // MINUTES_PER_DAY
        pilot_like = st.area.model_from is not None
        for _ in range(st.area.sdq_sample):
            case = self._random_open(st, lambda c: c.mtype is not None and 4 * 365 <= day - c.birth < 17 * 365)
            if case is None:
                return
            informant = "teacher" if pilot_like or rng.random() < 0.5 else rng.choice(("parent", "self"))
            mean = st.area.sdq_teacher_mean(year) + (1.0 if informant == "parent" else 0.0)
            total = min(40, max(0, round(rng.gauss(mean, 5.0))))
            subscales = [0, 0, 0, 0]
            for _ in range(total):  # spread the total over the four difficulty subscales
                i = rng.randrange(4)
                while subscales[i] == 10:
                    i = (i + 1) % 4
                subscales[i] += 1
            self._emit("wellbeing.assessed", minute + rng.randint(0, 20) * MINUTES_PER_DAY, case,
                       {"instrument": "SDQ", "informant": informant, "total_difficulties": total,
                        "emotional": subscales[0], "conduct": subscales[1], "hyperactivity": subscales[2],
                        "peer": subscales[3], "prosocial": rng.randint(3, 10)})

    def _adopt_model(self, st: AreaState) -> None:
        """The model starts: every open case moves to the model's team and its smaller caseloads."""
        for case in list(st.open):
            if case.team != st.area.team_under_model:
                self._transfer(case, st.area.team_under_model, self._now + self.rng.randint(0, 600))

    # ---- the stock on the first day -----------------------------------------------------
    def _initial_stock(self, st: AreaState) -> None:
        rng = self.rng
        start = self.start_day
        for mtype, target in st.area.targets.items():
            m = MEASURES[mtype]
            for _ in range(round(target.at(start))):
                mean_days = m.mean_months * _DAYS_PER_MONTH
                elapsed = int(rng.uniform(0, min(2 * mean_days, 5 * 365)))
                for _attempt in range(20):
                    ep_start = start - 1 - elapsed
                    case_age = rng.randint(m.min_age * 365, m.max_age * 365 + 300)
                    if ep_start - case_age + 18 * 365 > start + 60:
                        break
                    elapsed //= 2
                opened = max(ep_start - case_age, ep_start - rng.randint(0, 180))
                case = self._open_case(st, ep_start * MINUTES_PER_DAY, m.min_age, m.max_age,
                                       opened_day=opened, birth=ep_start - case_age)
                self._start(case, mtype, ep_start * MINUTES_PER_DAY, "planned", start_day=ep_start,
                            remaining_days=max(7, int(rng.expovariate(1 / mean_days))))


def _poisson(rng: random.Random, lam: float) -> int:
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
