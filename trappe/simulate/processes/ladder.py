"""Moves on the ladder (`ladder.moved`), now and then first recorded wrongly, retracted and
re-recorded; and a measure ending, with its last costs booked."""

from __future__ import annotations

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.processes.costs import book
from trappe.simulate.processes.decisions import decision
from trappe.simulate.reference import MEASURES
from trappe.simulate.state import Case


def move(sim: Kernel, case: Case, minute: int, payload: dict) -> None:
    """A ladder move; now and then first recorded wrongly, retracted and re-recorded."""
    rng = sim.rng
    if payload["to_step"] is None or rng.random() >= sim.rates.retraction:
        sim.emit("ladder.moved", minute, case, payload)
        return
    wrong_type = rng.choice([t for t in MEASURES if t != payload["measure_type"]])
    wrong = {**payload, "measure_type": wrong_type, "to_step": MEASURES[wrong_type].step}
    first = sim.recorded(minute, False)
    wrong_id = sim.emit("ladder.moved", minute, case, wrong, recorded=first)
    retracted = sim.business_minute(first // MINUTES_PER_DAY + rng.randint(2, 30))
    sim.emit(
        "event.retracted",
        retracted,
        case,
        {"retracts_event_id": wrong_id, "reason": "Forkert foranstaltningstype registreret"},
        timed=True,
        recorded=retracted + rng.randint(1, 20),
    )
    sim.emit("ladder.moved", minute, case, payload, recorded=retracted + rng.randint(25, 120))
    sim.summary.retractions += 1


def finish(sim: Kernel, case: Case, end_day: int) -> None:
    """Book the episode's last part month and take it out of its stock."""
    if case.m_cost is not None:
        month_first = end_day - (int(sim.clock.date(end_day)[8:10]) - 1)
        book(sim, case, max(case.m_start, month_first), end_day - 1, end_day)
    assert case.mtype is not None, "only a running measure is finished"
    del case.st.active[case.mtype][case.case_id]
    case.mtype = None
    case.token += 1


def leave(sim: Kernel, case: Case, minute: int, reason: str) -> None:
    """The case's measure ends with nothing after it: decided, booked, and a move off the ladder."""
    assert case.mtype is not None, "only a running measure ends"
    step = MEASURES[case.mtype].step
    measure_id = case.measure_id
    decision(sim, case, minute, "measure_ended", measure_id, case.mtype)
    finish(sim, case, minute // MINUTES_PER_DAY)
    move(
        sim,
        case,
        minute,
        {
            "measure_id": measure_id,
            "from_step": step,
            "to_step": None,
            "measure_type": None,
            "short_term": False,
            "reason": reason,
        },
    )
