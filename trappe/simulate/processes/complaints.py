"""Complaints about a team's work (`complaint.received`, `complaint.resolved`)."""

from __future__ import annotations

from collections.abc import Callable

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.state import AreaState, Case

_SUBJECTS = (
    "Sagsbehandlingstid",
    "Afgørelse om foranstaltning",
    "Manglende inddragelse",
    "Samvær",
    "Afgørelse om anbringelse",
    "Kommunikation med rådgiver",
)


def schedule_month(sim: Kernel, st: AreaState, first: int, last: int, year: int) -> None:
    """The month's complaints, at each team's yearly rate per open case."""
    for team, rate in st.area.complaint_rate.items():
        expected = rate(year) * st.team_open.get(team, 0) * (last - first + 1) / 365.25
        for _ in range(st.quota("complaint:" + team, expected)):
            case = sim.random_open(st, _in_team(team), tries=60)
            if case is not None:
                sim.schedule(sim.random_minute(first, last), _complaint, case)


def _in_team(team: str) -> Callable[[Case], bool]:
    return lambda c: c.team == team


def _complaint(sim: Kernel, case: Case) -> None:
    rng = sim.rng
    cid = sim.next_id("Q", case.st.area.municipality, 5)
    sim.emit(
        "complaint.received",
        sim.now,
        case,
        {"complaint_id": cid, "team": case.team, "subject": rng.choice(_SUBJECTS)},
    )
    resolved = sim.business_minute(sim.now // MINUTES_PER_DAY + rng.randint(20, 120))
    sim.emit(
        "complaint.resolved", resolved, case, {"complaint_id": cid, "upheld": rng.random() < 0.2}
    )
