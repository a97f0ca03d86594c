"""Notifications (`notification.received`), their assessment (`notification.assessed`) within or
after 24 hours, and the investigations (børnefaglige undersøgelser) some of them open."""

from __future__ import annotations

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel, poisson
from trappe.simulate.processes.cases import close_later, open_case
from trappe.simulate.processes.decisions import decision
from trappe.simulate.state import AreaState, Case

_SOURCES = (
    "school",
    "daycare",
    "health_visitor",
    "dental_care",
    "police",
    "hospital",
    "parent",
    "anonymous",
    "other",
)
_SOURCE_WEIGHTS = (28, 12, 8, 2, 18, 7, 8, 5, 12)
_CONCERNS = (
    "Barnet kommer ofte for sent og virker træt",
    "Bekymring for omsorgssvigt i hjemmet",
    "Højt fravær fra skolen",
    "Vold i hjemmet",
    "Forældre med misbrug",
    "Barnet er udadreagerende",
    "Mistrivsel og selvskade",
    "Kriminalitet",
    "Mor har psykisk sygdom",
    "Barnet virker underernæret",
)


def notify(sim: Kernel, case: Case, minute: int, *, acute: bool = False) -> str:
    """A notification about the case's child received at `minute`; returns its id."""
    rng = sim.rng
    nid = sim.next_id("N", case.st.area.municipality, 7)
    source = "police" if acute and rng.random() < 0.5 else rng.choices(_SOURCES, _SOURCE_WEIGHTS)[0]
    payload = {"notification_id": nid, "source": source}
    if rng.random() < 0.6:
        payload["concern"] = rng.choice(_CONCERNS)
    sim.emit("notification.received", minute, case, payload, timed=True)
    return nid


def schedule_month(sim: Kernel, st: AreaState, first: int, last: int) -> None:
    """The month's notifications, at the area's yearly rate, mostly in the daytime."""
    expected = st.area.notifications_per_year.at(first) * (last - first + 1) / 365.25
    for _ in range(poisson(sim.rng, expected)):
        day = sim.rng.randint(first, last)
        if sim.rng.random() < 0.85:
            hour_minute = sim.rng.randint(420, 1020)
        else:
            hour_minute = sim.rng.randint(0, 1439)
        if 120 <= hour_minute < 180:  # nobody reports in the hour the clocks change
            hour_minute += 60
        sim.schedule(day * MINUTES_PER_DAY + hour_minute, _notification, st)


def _notification(sim: Kernel, st: AreaState) -> None:
    rng, minute = sim.rng, sim.now
    day = minute // MINUTES_PER_DAY
    existing = None
    if rng.random() < 0.45:
        existing = sim.random_open(st, lambda c: c.turns_18 > day + 30, tries=5)
    case = existing or open_case(sim, st, minute, 0, 17)
    nid = notify(sim, case, minute)
    area = st.area
    share = (
        area.assessment_24h_share_under_model if st.under_model(day) else area.assessment_24h_share
    )
    delay = rng.randint(20, 22 * 60) if rng.random() < share else rng.randint(25 * 60, 6 * 24 * 60)
    sim.schedule(minute + delay, _assess, case, nid, existing is None)


def _assess(sim: Kernel, case: Case, nid: str, new: bool) -> None:
    rng, minute = sim.rng, sim.now
    if case.closed:
        return
    r = rng.random()
    if new:
        outcome = (
            "no_action"
            if r < 0.40
            else "advice"
            if r < 0.60
            else "investigation"
            if r < 0.92
            else "preventive_measure"
        )
    else:
        outcome = (
            "no_action"
            if r < 0.45
            else "advice"
            if r < 0.75
            else "preventive_measure"
            if r < 0.9
            else "investigation"
        )
    acute = rng.random() < 0.03
    sim.emit(
        "notification.assessed",
        minute,
        case,
        {"notification_id": nid, "acute": acute, "outcome": outcome},
        timed=True,
    )
    day = minute // MINUTES_PER_DAY
    if (
        outcome in ("investigation", "preventive_measure")
        and case.mtype is None
        and not case.investigating
    ):
        decision(sim, case, minute + rng.randint(60, 3 * 1440), "investigation_opened", None)
        case.investigating = True
        case.st.investigating[case.case_id] = case
        sim.schedule(
            sim.business_minute(day + rng.randint(30, 120)), _investigation_end, case, case.token
        )
    elif new:
        sim.schedule(
            sim.business_minute(day + rng.randint(3, 30)),
            close_later,
            case,
            case.token,
            "no_action",
        )


def _investigation_end(sim: Kernel, case: Case, token: int) -> None:
    if case.token != token or not case.investigating or case.closed:
        return
    case.st.investigating.pop(case.case_id, None)
    case.investigating = False
    decision(sim, case, sim.now, "investigation_closed", None)
    sim.schedule(
        sim.now + sim.rng.randint(60, 14 * 1440), close_later, case, case.token, "investigation"
    )
