"""A case's life: opened (`case.opened`) for a child with a caseworker, closed (`case.closed`)."""

from __future__ import annotations

from trappe.simulate.clock import MINUTES_PER_DAY, add_years
from trappe.simulate.kernel import Kernel
from trappe.simulate.processes.caseworkers import assign, release
from trappe.simulate.processes.ladder import leave
from trappe.simulate.state import AreaState, Case

CLOSE_REASONS = {
    "no_action": "Ingen foranstaltning efter vurdering af underretning",
    "investigation": "Børnefaglig undersøgelse afsluttet uden foranstaltning",
    "goal_reached": "Mål i handleplanen nået",
    "turned_18": "Den unge er fyldt 18 år",
    "moved_municipality": "Familien er fraflyttet kommunen",
}


def new_case(
    sim: Kernel, st: AreaState, day: int, min_age: int, max_age: int, birth: int | None = None
) -> Case:
    """A case for a new child aged min_age..max_age (or born on `birth`), open in its area."""
    rng = sim.rng
    area = st.area
    muni = area.municipality
    case = Case()
    case.st = st
    case.case_id = sim.next_id("C", muni, 6)
    if birth is not None:
        case.birth = birth
    else:
        case.birth = day - rng.randint(min_age * 365, max_age * 365 + 300)
    case.turns_18 = add_years(case.birth, 18)
    if birth is None and case.turns_18 <= day + 30:  # too close to 18 for a new measure
        case.birth = day - (17 * 365 + rng.randint(0, 300))
        case.turns_18 = add_years(case.birth, 18)
    if rng.random() < sim.rates.cpr_cases:
        cpr = sim.clock.date(case.birth)
        identity = f'"cpr":"{cpr[8:10]}{cpr[5:7]}{cpr[2:4]}-{rng.randint(0, 9999):04d}"'
    else:
        identity = f'"child_id":"{sim.next_id("K", muni, 6)}"'
    case.env = f'"municipality":"{muni}","case_id":"{case.case_id}",{identity}'
    district = rng.choices(range(len(st.districts)), cum_weights=st.district_cum)[0]
    case.district = st.districts[district]
    case.team = area.team_under_model if st.under_model(day) and area.team_under_model else "intake"
    case.worker = None
    assign(sim, case, st, day)
    case.open_idx = len(st.open)
    st.open.append(case)
    st.team_open[case.team] = st.team_open.get(case.team, 0) + 1
    sim.summary.cases += 1
    return case


def open_case(
    sim: Kernel,
    st: AreaState,
    minute: int,
    min_age: int,
    max_age: int,
    opened_day: int | None = None,
    birth: int | None = None,
) -> Case:
    day = minute // MINUTES_PER_DAY
    case = new_case(sim, st, day, min_age, max_age, birth)
    bday = sim.clock.date(case.birth)
    payload = {"district": case.district, "team": case.team}
    if sim.rng.random() < 0.5:
        payload["birth_date"] = bday
    else:
        payload["birth_month"] = bday[:7]
    sim.emit("case.opened", (opened_day or day) * MINUTES_PER_DAY, case, payload)
    return case


def close(sim: Kernel, case: Case, minute: int, why: str) -> None:
    if case.closed:
        return
    if case.mtype is not None:
        leave(sim, case, minute, "turned_18" if why == "turned_18" else "goal_reached")
    st = case.st
    if case.investigating:
        st.investigating.pop(case.case_id, None)
        case.investigating = False
    sim.emit("case.closed", minute, case, {"reason": CLOSE_REASONS[why]})
    case.closed = True
    case.token += 1
    last = st.open.pop()
    if last is not case:
        st.open[case.open_idx] = last
        last.open_idx = case.open_idx
    st.team_open[case.team] -= 1
    release(sim, case)


def close_later(sim: Kernel, case: Case, token: int, why: str) -> None:
    """Close the case if its episode has not changed since this was scheduled and it has no
    measure or investigation running."""
    if case.token == token and case.mtype is None and not case.investigating:
        close(sim, case, sim.now, why)
