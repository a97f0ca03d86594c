"""Wellbeing: a yearly SDQ sample of the children with a measure (`wellbeing.assessed`)."""

from __future__ import annotations

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.state import AreaState


def sdq(sim: Kernel, st: AreaState, year: int) -> None:
    rng, minute = sim.rng, sim.now
    day = minute // MINUTES_PER_DAY
    pilot_like = st.area.model_from is not None
    for _ in range(st.area.sdq_sample):
        case = sim.random_open(
            st, lambda c: c.mtype is not None and 4 * 365 <= day - c.birth < 17 * 365
        )
        if case is None:
            return
        if pilot_like or rng.random() < 0.5:
            informant = "teacher"
        else:
            informant = rng.choice(("parent", "self"))
        mean = st.area.sdq_teacher_mean(year) + (1.0 if informant == "parent" else 0.0)
        total = min(40, max(0, round(rng.gauss(mean, 5.0))))
        subscales = [0, 0, 0, 0]
        for _ in range(total):  # spread the total over the four difficulty subscales
            i = rng.randrange(4)
            while subscales[i] == 10:
                i = (i + 1) % 4
            subscales[i] += 1
        sim.emit(
            "wellbeing.assessed",
            minute + rng.randint(0, 20) * MINUTES_PER_DAY,
            case,
            {
                "instrument": "SDQ",
                "informant": informant,
                "total_difficulties": total,
                "emotional": subscales[0],
                "conduct": subscales[1],
                "hyperactivity": subscales[2],
                "peer": subscales[3],
                "prosocial": rng.randint(3, 10),
            },
        )
