"""Follow-ups (`followup.held`): statutory ones at the interval the rules of the day set, and,
under the Herning model, extra calls between them."""

from __future__ import annotations

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.processes.decisions import BARNETS_LOV
from trappe.simulate.reference import MEASURES
from trappe.simulate.state import Case


def rule_interval(case: Case, day: int, first: bool) -> int:
    """Herning's rules (docs/kpis.md, herning_2015): the planned days to the next follow-up."""
    assert case.mtype is not None, "follow-ups are planned for a running measure"
    m = MEASURES[case.mtype]
    if case.m_short:
        return 28
    if m.category == "institution" or case.mtype == "own_room":
        return 14 if first else 42
    if m.category == "family_foster_care":
        return 14 if first else (42 if day - case.m_start < 365 else 91)
    return 28 if first else 120  # preventive: the rule says 3 months; practice lagged


def first_followup(sim: Kernel, case: Case, day: int) -> int:
    """The day of the first follow-up of a measure starting on `day`."""
    st = case.st
    if st.under_model(day):
        return day + rule_interval(case, day, True) + sim.rng.randint(-3, 3)
    return day + sim.rng.randint(45, 95)


def followup(sim: Kernel, case: Case, token: int) -> None:
    if case.token != token or case.closed:
        return
    rng, st = sim.rng, case.st
    minute = sim.now
    day = minute // MINUTES_PER_DAY
    assert case.mtype is not None, "a current token means a running measure (finish bumps it)"
    m = MEASURES[case.mtype]
    if st.under_model(day):
        interval = rule_interval(case, day, False)
        on_time, plans, talks = (0.85 if m.category else 0.6), 0.95, 0.95
    elif day >= BARNETS_LOV:
        interval = rng.randint(60, 100) if m.category else rng.randint(120, 182)
        on_time, plans, talks = 0.8, 1.0, 0.9
    else:  # the legal minimum: every 6 months
        interval, on_time, plans, talks = 182, 0.75, 0.4, 0.8
    due = day + interval
    r = rng.random()
    payload = {
        "measure_id": case.measure_id,
        "child_conversation": rng.random() < talks,
        "action_plan_reviewed": rng.random() < 0.7,
        "channel": "in_person" if r < 0.82 else ("phone" if r < 0.95 else "video"),
        "statutory": True,
    }
    if rng.random() < plans:
        payload["next_due"] = sim.clock.date(due)
    sim.emit("followup.held", day * MINUTES_PER_DAY, case, payload)
    held = due + (rng.randint(-6, 5) if rng.random() < on_time else rng.randint(10, 50))
    sim.schedule(sim.business_minute(max(held, day + 1)), followup, case, token)
    if st.under_model(day) and rng.random() < 0.2:  # an extra call between statutory ones
        sim.schedule(
            sim.business_minute(day + rng.randint(5, max(6, interval - 5))),
            _phone_call,
            case,
            token,
        )


def _phone_call(sim: Kernel, case: Case, token: int) -> None:
    if case.token != token or case.closed:
        return
    sim.emit(
        "followup.held",
        sim.now - sim.now % MINUTES_PER_DAY,
        case,
        {
            "measure_id": case.measure_id,
            "child_conversation": sim.rng.random() < 0.5,
            "action_plan_reviewed": False,
            "channel": "phone",
            "statutory": False,
        },
    )
