"""A seeded discrete-event simulation of a municipality's children's cases.

Every child has one case; a case moves between measures by `ladder.moved` events. Each area
keeps the number of children in each measure type near its scenario target (`processes.stock`);
episodes also end by themselves (`processes.episodes`). Around them run the notifications and
investigations, follow-ups, costs, breakdowns, complaints and wellbeing assessments, each in its
module under `trappe.simulate.processes`, on the kernel's clock, queues and generator
(`trappe.simulate.kernel`).

This module sets the rhythm: the first day's stock, the model's start, and what every month
brings.
"""

from __future__ import annotations

from collections.abc import Iterator

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel, Rates, Summary
from trappe.simulate.processes import breakdowns, complaints, notifications
from trappe.simulate.processes.caseworkers import adopt_model
from trappe.simulate.processes.costs import book_month, final_costs
from trappe.simulate.processes.stock import control, initial_stock
from trappe.simulate.processes.wellbeing import sdq

__all__ = ["Rates", "Simulation", "Summary"]


class Simulation(Kernel):
    def run(self) -> Iterator[list[str]]:
        """Yield the output lines (without newlines) in batches, one simulated day at a time."""
        for st in self.states:
            initial_stock(self, st)
            if st.area.model_from:
                self.schedule(st.model_day * MINUTES_PER_DAY + 480, adopt_model, st)
        for i, day in enumerate(self.months):
            self.schedule(day * MINUTES_PER_DAY, _month, i)
        self.schedule((self.end_day + 1) * MINUTES_PER_DAY, final_costs)
        yield from self.run_actions()


def _month(sim: Kernel, index: int) -> None:
    first = sim.months[index]
    if index > 0:
        book_month(sim, sim.months[index - 1], first - 1)
    last = (sim.months[index + 1] - 1) if index + 1 < len(sim.months) else sim.end_day
    year = int(sim.clock.date(first)[:4])
    for st in sim.states:
        control(sim, st, first, last)
        notifications.schedule_month(sim, st, first, last)
        complaints.schedule_month(sim, st, first, last, year)
        breakdowns.schedule_month(sim, st, first, last, year)
        if sim.clock.date(first)[5:7] == "09":
            sim.schedule(sim.business_minute(first + 14), sdq, st, year)
