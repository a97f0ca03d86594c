"""What the simulation remembers: the open cases and, per area, its stocks and counters."""

from __future__ import annotations

from trappe.simulate.reference import MEASURES
from trappe.simulate.scenarios import Area


class Case:
    __slots__ = (
        "birth",
        "case_id",
        "closed",
        "district",
        "env",
        "exit_pending",
        "investigating",
        "m_cost",
        "m_cost_year",
        "m_short",
        "m_start",
        "measure_id",
        "mtype",
        "open_idx",
        "st",
        "team",
        "token",
        "turns_18",
        "worker",
    )
    case_id: str
    st: AreaState
    env: str  # the envelope's municipality, case and child fields, as JSON
    district: str
    team: str
    worker: str | None
    birth: int  # day ordinals, as every day here
    turns_18: int
    measure_id: str
    mtype: str | None  # the running measure's type, None between measures
    m_start: int
    m_cost: float | None  # its daily price, None for a free measure
    m_cost_year: int
    m_short: bool
    token: int
    open_idx: int  # the case's place in its area's open list
    investigating: bool
    exit_pending: bool
    closed: bool

    def __init__(self) -> None:
        self.mtype = None
        self.measure_id = ""
        # bumped whenever the case's episode changes: an action scheduled with an older token is
        # stale and does nothing
        self.token = 0
        self.investigating = False
        self.exit_pending = False
        self.closed = False
        self.m_cost = None
        self.m_short = False


class AreaState:
    def __init__(self, area: Area) -> None:
        self.area = area
        self.active: dict[str, dict[str, Case]] = {t: {} for t in MEASURES}
        self.open: list[Case] = []
        self.investigating: dict[str, Case] = {}
        self.team_open: dict[str, int] = {}
        self.carry: dict[str, float] = {}
        self.model_day = area.model_from.toordinal() if area.model_from else 10**9
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
