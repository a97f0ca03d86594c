"""Episodes: a case's measure starting (decided, priced, moved onto the ladder, followed up) and
ending by itself (a drawn duration, or the child turning 18), the child moving on to a measure
the area is short of, or out."""

from __future__ import annotations

from trappe.simulate.clock import DAYS_PER_MONTH, MINUTES_PER_DAY, add_years
from trappe.simulate.kernel import Kernel
from trappe.simulate.processes.cases import close_later
from trappe.simulate.processes.caseworkers import transfer
from trappe.simulate.processes.costs import price
from trappe.simulate.processes.decisions import decision
from trappe.simulate.processes.followups import first_followup, followup
from trappe.simulate.processes.ladder import finish, leave, move
from trappe.simulate.reference import MEASURES, SHORT_TERM_PROVIDERS, MeasureType
from trappe.simulate.state import AreaState, Case

# where a child can go when an episode ends (the one the area is shortest of is picked)
_NEXT_STEPS = {
    5: (
        "social_pedagogical_home",
        "residential_institution",
        "foster_family",
        "own_room",
        "supported_housing",
        "family_treatment",
    ),
    4: ("network_foster_care", "foster_family", "own_room", "family_treatment", "contact_person"),
    3: ("network_foster_care", "foster_family", "own_room", "family_treatment", "contact_person"),
    2: (
        "preventive_measure",
        "contact_person",
        "family_treatment",
        "respite_care",
        "parent_training",
        "supported_housing",
    ),
    1: ("preventive_measure", "universal_prevention", "contact_person", "family_treatment"),
    0: (),
}
# under the Herning model an institution placement ends with a move down the ladder
_DOWN_FROM_INSTITUTION = (
    ("foster_family", 0.28),
    ("network_foster_care", 0.10),
    ("own_room", 0.22),
    ("boarding_school", 0.12),
    ("supported_housing", 0.06),
    ("family_treatment", 0.22),
)


def fits(case: Case, m: MeasureType, day: int) -> bool:
    """Whether the child's age on `day` allows the measure."""
    age = day - case.birth
    if m.category is not None and case.turns_18 <= day + 30:
        return False
    return m.min_age * 365 <= age <= (m.max_age + 1) * 365 - 1


def start(
    sim: Kernel,
    case: Case,
    mtype: str,
    minute: int,
    reason: str,
    *,
    decide: bool = True,
    remaining_days: int | None = None,
    start_day: int | None = None,
) -> None:
    rng, st, m = sim.rng, case.st, MEASURES[mtype]
    day = start_day if start_day is not None else minute // MINUTES_PER_DAY
    if case.mtype is not None and day <= case.m_start:
        # The case's measure has not begun yet (a new case's first measure starts days or
        # weeks after the decision to open it): the new one follows it by a day, so that the
        # feed's order of ladder moves and the measure the costs are booked for agree.
        day = case.m_start + 1
        minute = day * MINUTES_PER_DAY + minute % MINUTES_PER_DAY
    from_step = MEASURES[case.mtype].step if case.mtype else None
    if case.mtype is not None:
        finish(sim, case, day)
    if case.investigating:
        st.investigating.pop(case.case_id, None)
        case.investigating = False
        decision(sim, case, minute, "investigation_closed", None)
    if case.team == "intake":  # a measure moves the case from intake to its lasting team
        when = max(minute, sim.now)
        if st.under_model(when // MINUTES_PER_DAY) and st.area.team_under_model:
            team = st.area.team_under_model
        else:
            team = "youth" if day - case.birth >= 14 * 365 else "children"
        transfer(sim, case, team, when)
    measure_id = sim.next_id("M", st.area.municipality, 7)
    if decide:
        if m.category is None:
            kind = "measure_granted"
        else:
            kind = "placement_involuntary" if rng.random() < 0.12 else "placement_voluntary"
        decision(sim, case, minute, kind, measure_id, mtype)
    provider = rng.choice(m.providers) if m.providers else f"P-PF-{rng.randint(1, 9999):04d}"
    short = (
        provider in SHORT_TERM_PROVIDERS
        and mtype == "residential_institution"
        and rng.random() < 0.5
    )
    year = int(sim.clock.date(day)[:4])
    cost = price(sim, m, year)
    payload: dict[str, object] = {
        "measure_id": measure_id,
        "from_step": from_step,
        "to_step": m.step,
        "measure_type": mtype,
        "provider_id": provider,
    }
    if cost is not None:
        payload["daily_cost_dkk"] = cost
    payload["short_term"] = short
    payload["reason"] = reason
    move(sim, case, minute if start_day is None else day * MINUTES_PER_DAY, payload)
    case.measure_id, case.mtype, case.m_start = measure_id, mtype, day
    case.m_cost, case.m_cost_year, case.m_short = cost, year, short
    case.exit_pending = False
    case.token += 1
    st.active[mtype][case.case_id] = case
    # the episode's end: a drawn duration, never past the 18th birthday for a placement
    now_day = max(day, sim.now // MINUTES_PER_DAY, sim.start_day)
    if remaining_days is None:
        mean = 45 if short else m.mean_months * DAYS_PER_MONTH
        remaining_days = max(7, int(rng.expovariate(1 / mean)))
    end = now_day + remaining_days
    if reason == "aftercare":
        end = min(end, add_years(case.birth, 23))
    elif end >= case.turns_18:
        end = case.turns_18
    sim.schedule(sim.business_minute(end), episode_end, case, case.token)
    if m.step >= 1:
        first = first_followup(sim, case, day)
        sim.schedule(sim.business_minute(max(first, now_day)), followup, case, case.token)


def episode_end(sim: Kernel, case: Case, token: int) -> None:
    if case.token != token or case.closed:
        return
    rng, st, minute = sim.rng, case.st, sim.now
    day = minute // MINUTES_PER_DAY
    assert case.mtype is not None, "a current token means a running measure (finish bumps it)"
    m = MEASURES[case.mtype]
    if day >= case.turns_18 and case.m_start < case.turns_18:
        if m.category is not None and rng.random() < 0.35:  # aftercare (efterværn)
            start(sim, case, "contact_person", minute, "aftercare")
            return
        leave(sim, case, minute, "turned_18")
        sim.schedule(
            sim.business_minute(day + rng.randint(0, 20)),
            close_later,
            case,
            case.token,
            "turned_18",
        )
        return
    nxt = _next_measure(sim, case, st, day)
    if nxt is not None:
        start(
            sim,
            case,
            nxt,
            minute,
            "escalation"
            if MEASURES[nxt].step > m.step
            else ("goal_reached" if rng.random() < 0.5 else "planned"),
        )
        return
    reason = "moved_municipality" if rng.random() < 0.08 else "goal_reached"
    leave(
        sim,
        case,
        minute,
        reason
        if reason == "moved_municipality"
        else ("goal_reached" if rng.random() < 0.6 else "planned"),
    )
    sim.schedule(
        sim.business_minute(day + rng.randint(0, 45)),
        close_later,
        case,
        case.token,
        "moved_municipality" if reason == "moved_municipality" else "goal_reached",
    )


def _next_measure(sim: Kernel, case: Case, st: AreaState, day: int) -> str | None:
    rng = sim.rng
    assert case.mtype is not None, "the next measure follows a running one"
    m = MEASURES[case.mtype]
    if m.category == "institution" and st.under_model(day):
        options = [(t, w) for t, w in _DOWN_FROM_INSTITUTION if fits(case, MEASURES[t], day)]
        if options:
            return rng.choices([t for t, _ in options], [w for _, w in options])[0]
    if rng.random() > (0.85 if m.category else 0.45):
        return None
    best, best_gap = None, 0.5
    for t in _NEXT_STEPS[m.step]:
        if t == case.mtype or not fits(case, MEASURES[t], day):
            continue
        gap = st.area.targets[t].at(day) - len(st.active[t])
        if gap > best_gap:
            best, best_gap = t, gap
    return best
