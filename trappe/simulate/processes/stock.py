"""The stock controller: each area keeps the number of children in each measure type near its
scenario target. At the start of every month it starts episodes where a stock is short
(escalating an open case, ending an investigation with a measure, or opening a new case) and
ends the oldest ones where a stock is well above target. Also the stock on the first day."""

from __future__ import annotations

from trappe.simulate.clock import DAYS_PER_MONTH, MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.processes.cases import open_case
from trappe.simulate.processes.decisions import decision
from trappe.simulate.processes.episodes import episode_end, fits, start
from trappe.simulate.processes.notifications import notify
from trappe.simulate.reference import MEASURES
from trappe.simulate.state import AreaState


def control(sim: Kernel, st: AreaState, first: int, last: int) -> None:
    rng = sim.rng
    mid = (first + last) // 2
    slack = 0.5 if st.under_model(first) else 1.0
    for mtype, target in st.area.targets.items():
        goal = target.at(mid)
        stock = st.active[mtype]
        gap = goal - len(stock)
        if gap > 0:  # entries come during the month while exits go on: aim a little ahead
            gap += len(stock) * 15 / (MEASURES[mtype].mean_months * DAYS_PER_MONTH)
        if gap > 0:
            entries = int(gap) + (1 if rng.random() < gap - int(gap) else 0)
            for _ in range(entries):
                sim.schedule(sim.random_minute(first, last), _enter, st, mtype)
        elif -gap > slack:
            surplus = int(-gap - slack) + 1
            for case in list(stock.values()):
                if surplus == 0:
                    break
                if not case.exit_pending:
                    case.exit_pending = True
                    surplus -= 1
                    sim.schedule(sim.random_minute(first, last), episode_end, case, case.token)


def _enter(sim: Kernel, st: AreaState, mtype: str) -> None:
    rng, m = sim.rng, MEASURES[mtype]
    minute = sim.now
    day = minute // MINUTES_PER_DAY
    area = st.area
    case = None
    if m.step >= 2 and rng.random() < (
        area.escalation_share_under_model if st.under_model(day) else area.escalation_share
    ):
        case = sim.random_open(
            st,
            lambda c: (
                c.mtype is not None
                and not c.exit_pending
                and MEASURES[c.mtype].step < m.step
                and fits(c, m, day)
            ),
        )
        if case is not None:
            start(sim, case, mtype, minute, "escalation")
            return
    for looked, candidate in enumerate(st.investigating.values()):
        if fits(candidate, m, day):
            case = candidate
            break
        if looked >= 30:  # a look at the oldest investigations, not a search of them all
            break
    if case is None:
        case = open_case(sim, st, minute, m.min_age, m.max_age)
        acute = m.category is not None and rng.random() < 0.5
        nid = notify(sim, case, minute, acute=acute)
        sim.emit(
            "notification.assessed",
            minute + rng.randint(20, 600),
            case,
            {
                "notification_id": nid,
                "acute": acute,
                "outcome": "acute_measure" if acute else "investigation",
            },
            timed=True,
        )
        minute += MINUTES_PER_DAY * (1 if acute else rng.randint(14, 60))
        decision(sim, case, minute, "investigation_opened", None)
        case.investigating = True
        st.investigating[case.case_id] = case
        minute += 60
    start(sim, case, mtype, minute, "escalation" if m.category else "planned")


def initial_stock(sim: Kernel, st: AreaState) -> None:
    """The children in each measure on the first day, part-way through their episodes."""
    rng = sim.rng
    first_day = sim.start_day
    for mtype, target in st.area.targets.items():
        m = MEASURES[mtype]
        for _ in range(round(target.at(first_day))):
            mean_days = m.mean_months * DAYS_PER_MONTH
            elapsed = int(rng.uniform(0, min(2 * mean_days, 5 * 365)))
            for _attempt in range(20):
                ep_start = first_day - 1 - elapsed
                case_age = rng.randint(m.min_age * 365, m.max_age * 365 + 300)
                if ep_start - case_age + 18 * 365 > first_day + 60:
                    break
                elapsed //= 2
            opened = max(ep_start - case_age, ep_start - rng.randint(0, 180))
            case = open_case(
                sim,
                st,
                ep_start * MINUTES_PER_DAY,
                m.min_age,
                m.max_age,
                opened_day=opened,
                birth=ep_start - case_age,
            )
            start(
                sim,
                case,
                mtype,
                ep_start * MINUTES_PER_DAY,
                "planned",
                start_day=ep_start,
                remaining_days=max(7, int(rng.expovariate(1 / mean_days))),
            )
