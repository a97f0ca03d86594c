"""Costs: a measure's daily price, booked (`cost.booked`) month by month while it runs."""

from __future__ import annotations

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.reference import MeasureType
from trappe.simulate.state import Case

PRICE_INFLATION = 0.018  # yearly indexation of providers' daily prices


def price(sim: Kernel, m: MeasureType, year: int) -> float | None:
    """A provider's daily price for a measure starting in `year`, or None for a free one."""
    if m.daily_cost_2013 is None:
        return None
    indexed = m.daily_cost_2013 * (1 + PRICE_INFLATION) ** (year - 2013)
    return round(indexed * sim.rng.uniform(0.85, 1.15))


def book(sim: Kernel, case: Case, first: int, last: int, now_day: int) -> None:
    """Book the days first..last of the case's measure, a few business days after `now_day`."""
    if last < first:
        return
    assert case.m_cost is not None, "only a priced measure is booked (its callers check)"
    year = int(sim.clock.date(last)[:4])
    amount = case.m_cost * (1 + PRICE_INFLATION) ** (year - case.m_cost_year) * (last - first + 1)
    booked = sim.business_minute(max(last + 1, now_day) + sim.uniform_int(3, 15))
    sim.emit(
        "cost.booked",
        last * MINUTES_PER_DAY,
        case,
        {
            "measure_id": case.measure_id,
            "amount_dkk": round(amount, 2),
            "period_start": sim.clock.date(first),
            "period_end": sim.clock.date(last),
        },
        recorded=booked,
        worker=False,
    )


def book_month(sim: Kernel, first: int, last: int) -> None:
    for st in sim.states:
        for stock in st.active.values():
            for case in stock.values():
                if case.m_cost is not None:
                    book(sim, case, max(case.m_start, first), last, last + 1)


def final_costs(sim: Kernel) -> None:
    book_month(sim, sim.months[-1], sim.end_day)
