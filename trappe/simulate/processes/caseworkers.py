"""Caseworkers: each case has one, from its team's pool; the Herning model caps caseloads lower."""

from __future__ import annotations

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.state import AreaState, Case


def assign(sim: Kernel, case: Case, st: AreaState, day: int) -> None:
    """The least-loaded caseworker of the team; a new one when all are at the cap."""
    area = st.area
    key = (area.municipality, area.group, case.team)
    loads = sim.pools.setdefault(key, [])
    if case.worker is not None:
        release(sim, case)
    cap = area.caseload_cap_under_model if st.under_model(day) else area.caseload_cap
    best = min(range(len(loads)), key=loads.__getitem__) if loads else -1
    if best < 0 or loads[best] >= cap:
        loads.append(0)
        best = len(loads) - 1
    loads[best] += 1
    pool = area.group[0].upper() + case.team[0].upper()
    case.worker = f"W{area.municipality}-{pool}{best + 1:03d}"


def release(sim: Kernel, case: Case) -> None:
    area = case.st.area
    loads = sim.pools[(area.municipality, area.group, case.team)]
    assert case.worker is not None, "an open case always has a caseworker (new_case assigns one)"
    loads[int(case.worker[-3:]) - 1] -= 1


def transfer(sim: Kernel, case: Case, team: str, minute: int) -> None:
    st = case.st
    st.team_open[case.team] -= 1
    release(sim, case)
    case.team, case.worker = team, None
    st.team_open[team] = st.team_open.get(team, 0) + 1
    assign(sim, case, st, minute // MINUTES_PER_DAY)
    sim.emit(
        "case.transferred",
        minute,
        case,
        {"district": case.district, "team": team, "caseworker_id": case.worker},
    )


def adopt_model(sim: Kernel, st: AreaState) -> None:
    """The model starts: every open case moves to the model's team and its smaller caseloads."""
    team = st.area.team_under_model
    if team is None:  # as in new cases and episodes: a model without its own team moves none
        return
    for case in list(st.open):
        if case.team != team:
            transfer(sim, case, team, sim.now + sim.rng.randint(0, 600))
