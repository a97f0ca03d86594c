"""An attacker with one suppressed export: integer programmes that try to pin every blank down.

The attacker knows the export's rows (blank or not), the KPI definitions (so every linear
relation among the counts: trappe.export.relations writes them down, and the attacker uses the
same list; the structure of the table, not its hidden values) and nothing else. For every hidden
count it asks an integer-programming solver, exactly, whether any non-negative integer table
that agrees with every released number and satisfies every relation gives the count another
value (if none does, the count is recovered) and, for a count of 1-4, whether any gives it 0 or
more than 4 (if none does, it is narrowed to 1-4). The export holds when every answer is yes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from trappe.export import mip
from trappe.export.cells import FIELDS, Cell, count_kind
from trappe.export.relations import build_system, qkey


@dataclass(frozen=True)
class Finding:
    """What the attacker learns about one hidden count: whether any consistent table gives it
    another value than the true one, and (for a true value of 1-4) whether any gives it 0 or
    more than 4."""

    where: tuple
    true_value: int
    other_value_possible: bool
    outside_small_possible: bool

    @property
    def recovered(self) -> bool:
        return not self.other_value_possible

    @property
    def narrowed_to_small(self) -> bool:
        return 1 <= self.true_value <= 4 and not self.outside_small_possible


def released(csv_path: Path) -> dict[tuple, dict[str, str]]:
    """The export's rows by key, as the attacker reads them."""
    with csv_path.open(newline="", encoding="utf-8") as f:
        return {
            (r["kpi"], r["period"], r["municipality"], r["district_group"], r["district"],
             r["breakdown"]): r
            for r in csv.DictReader(f)
        }  # fmt: skip


def attack(truth: list[Cell], csv_path: Path, threshold: int = 4) -> list[Finding]:
    """Bounds for every hidden count of the export at `csv_path`; `truth` gives the structure
    (which rows exist, the context periods an attacker reasons about) and the true values the
    findings are compared with."""
    rows = released(csv_path)
    system = build_system(truth)
    fixed: dict[int, float] = {}
    hidden: set[int] = set()
    for c in truth:
        if not c.exported:
            continue
        row = rows.get(c.sort_key())
        for f in FIELDS:
            k = qkey(c, f)
            if k not in system.index or count_kind(c.kpi, f) is None:
                continue
            j = system.index[k]
            if row is None:
                # a row left out is a rate whose denominator is 0 (the export's metadata says
                # so); its counts are 0 and the attacker knows it
                assert c.value is None and getattr(c, f) == 0, (c, f)
                fixed[j] = 0.0
                continue
            text = row[f]
            if text == "":
                hidden.add(j)
            else:
                scale = c.numerator_scale if f == "numerator" else 1.0
                fixed[j] = round(float(text) * scale)
    # a variable released under any of its names is known
    hidden -= set(fixed)
    big = float(sum(v.value for v in system.variables)) + 1.0
    components = system.components()
    component_of = {j: i for i, members in enumerate(components) for j in members}
    relations_of: dict[int, list[int]] = {}
    for ri, r in enumerate(system.relations):
        for j in r.terms:
            relations_of.setdefault(j, []).append(ri)

    other: set[int] = set()  # hidden counts some consistent table gives another value
    outside: set[int] = set()  # hidden counts some consistent table gives 0 or more than 4

    def table(component: int, bounds: dict[int, tuple[float, float]], sign: float = 0.0) -> bool:
        """Is there a non-negative integer table that agrees with every released count,
        satisfies every relation and keeps the counts in `bounds`? Exact: a feasibility
        question (with `sign`, the sum of the hidden counts is minimised or maximised too, to
        find a table far from the true one). Every table found answers the questions for
        every hidden count it gives another value."""
        columns = components[component]
        position = {j: i for i, j in enumerate(columns)}
        model = mip.Model()
        for j in columns:
            if j in fixed:
                model.column(fixed[j], fixed[j])
            else:
                low, high = bounds.get(j, (0.0, big))
                model.column(low, high, cost=sign if j in hidden else 0.0)
        for ri in sorted({ri for j in columns for ri in relations_of.get(j, [])}):
            r = system.relations[ri]
            model.row(
                {position[j]: float(c) for j, c in r.terms.items()},
                0.0 if r.equal else -mip.INF,
                0.0,
            )
        solution = mip.solve(model, exact=True)
        if not solution.feasible:
            return False
        assert solution.x is not None
        for j, y in zip(columns, solution.x):
            y = round(y)
            if j in hidden and y != system.variables[j].value:
                other.add(j)
                if y == 0 or y > threshold:
                    outside.add(j)
        return True

    for ci, members in enumerate(components):
        if hidden & set(members):
            assert table(ci, {}), "the released table is inconsistent with its own relations"
            table(ci, {}, sign=1.0)
            table(ci, {}, sign=-1.0)

    findings = []
    for s in sorted(hidden):
        a = system.variables[s].value
        where = system.variables[s].members[0]
        if s not in component_of:  # in no relation: nothing bounds it
            findings.append(Finding(where, a, True, True))
            continue
        ci = component_of[s]
        if s not in other and not (a >= 1 and table(ci, {s: (0.0, a - 1.0)})):
            table(ci, {s: (a + 1.0, big)})
        if 1 <= a <= threshold and s not in outside and not table(ci, {s: (0.0, 0.0)}):
            table(ci, {s: (threshold + 1.0, big)})
        findings.append(Finding(where, a, s in other, s in outside or not 1 <= a <= threshold))
    return findings


def breaches(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.recovered or f.narrowed_to_small]
