"""Administrative decisions (`decision.made`) and the paragraph of the law each rests on."""

from __future__ import annotations

from datetime import date

from trappe.simulate.clock import MINUTES_PER_DAY
from trappe.simulate.kernel import Kernel
from trappe.simulate.state import Case

BARNETS_LOV = date(2024, 1, 1).toordinal()  # Barnets Lov replaces the Social Services Act


def decision(
    sim: Kernel,
    case: Case,
    minute: int,
    kind: str,
    measure_id: str | None,
    mtype: str | None = None,
) -> None:
    payload = {
        "decision_id": sim.next_id("D", case.st.area.municipality, 7),
        "kind": kind,
        "legal_basis": legal_basis(kind, mtype, minute // MINUTES_PER_DAY),
    }
    if measure_id:
        payload["measure_id"] = measure_id
    sim.emit("decision.made", minute, case, payload)


def legal_basis(kind: str, mtype: str | None, day: int) -> str:
    if day >= BARNETS_LOV:
        return {
            "investigation_opened": "BL § 20",
            "investigation_closed": "BL § 20",
            "placement_voluntary": "BL § 46",
            "placement_involuntary": "BL § 47",
            "measure_ended": "BL § 32",
        }.get(kind, "BL § 32")
    if kind in ("investigation_opened", "investigation_closed"):
        return "SEL §50"
    if kind == "placement_involuntary":
        return "SEL §58"
    if mtype == "secure_institution":
        return "SEL §63"
    if kind == "placement_voluntary":
        return "SEL §52 stk. 3 nr. 7"
    if mtype == "contact_person":
        return "SEL §52 stk. 3 nr. 6"
    if mtype == "universal_prevention" or mtype == "preventive_measure":
        return "SEL §11"
    return "SEL §52 stk. 3 nr. 3"
