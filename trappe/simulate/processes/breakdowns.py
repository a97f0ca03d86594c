"""Placements that break down (`placement.broke_down`), and the new placement that follows."""

from __future__ import annotations

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.processes.cases import close_later
from trappe.simulate.processes.episodes import fits, start
from trappe.simulate.processes.ladder import leave
from trappe.simulate.reference import MEASURES
from trappe.simulate.state import AreaState, Case


def schedule_month(sim: Kernel, st: AreaState, first: int, last: int, year: int) -> None:
    """The month's breakdowns, at the area's yearly rate per placed child."""
    placed = sum(len(st.active[t]) for t, m in MEASURES.items() if m.category)
    expected = st.area.breakdown_rate(year) * placed * (last - first + 1) / 365.25
    for _ in range(st.quota("breakdown", expected)):
        case = sim.random_open(
            st,
            lambda c: c.mtype is not None and MEASURES[c.mtype].step >= 3 and not c.exit_pending,
            tries=80,
        )
        if case is not None:
            sim.schedule(sim.random_minute(first, last), _breakdown, case, case.token)


def _breakdown(sim: Kernel, case: Case, token: int) -> None:
    if case.token != token or case.closed:
        return
    rng, minute = sim.rng, sim.now
    sim.emit(
        "placement.broke_down",
        minute,
        case,
        {
            "measure_id": case.measure_id,
            "initiated_by": "child" if rng.random() < 0.4 else "placement_site",
        },
    )
    case.exit_pending = True
    sim.schedule(minute + rng.randint(1, 10) * MINUTES_PER_DAY, _replace_placement, case, token)


def _replace_placement(sim: Kernel, case: Case, token: int) -> None:
    if case.token != token or case.closed:
        return
    day = sim.now // MINUTES_PER_DAY
    assert case.mtype is not None, "a current token means a running measure (finish bumps it)"
    m = MEASURES[case.mtype]
    same_category = [
        t for t, o in MEASURES.items() if o.category == m.category and fits(case, o, day)
    ]
    if not same_category:
        leave(sim, case, sim.now, "breakdown")
        sim.schedule(sim.business_minute(day + 10), close_later, case, case.token, "goal_reached")
        return
    if case.mtype in same_category and sim.rng.random() < 0.7:
        mtype = case.mtype
    else:
        mtype = sim.rng.choice(same_category)
    start(sim, case, mtype, sim.now, "breakdown")
