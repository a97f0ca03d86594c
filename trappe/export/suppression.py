"""Disclosure control: primary suppression of counts 1-4 and secondary suppression that holds
against every linear relation the export releases (relations.py), as an integer programme.

The protection rule (docs/kpis.md, "Export contract"): from the released cells and the
relations, nobody may recover a hidden count exactly or narrow a hidden small count to 1-4.
For a hidden count s with true value a_s that means a *witness*: another non-negative integer
table y that agrees with every released cell, satisfies every relation, and has y_s = 0 or
y_s >= threshold + 1 (a small count), or y_s != a_s (any other hidden count). The true table
and the witness are both consistent with the export, so the attacker's interval for s contains
a_s and y_s. Hiding more cells never invalidates a witness, so cells are protected one at a time.

For each hidden count without a witness yet, in a fixed order, a mixed-integer programme (HiGHS)
finds the cheapest set of further cells to hide such that a witness exists: y_j is free for
hidden cells and unexported unknowns, and a released cell j may differ from a_j only if it is
hidden too (binary z_j, |y_j - a_j| <= M z_j), minimising the information lost (sum of c_j z_j,
where a larger count and a municipality-wide total cost more). The solver runs on one thread
with a fixed seed and no time limit, so the same data gives the same blanks.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from trappe.export import mip
from trappe.export.cells import BLANKED_WITH_ROW, COUNT_VALUE_KPIS, FIELDS, PERCENT_KPIS, Cell
from trappe.export.relations import System, build_system, qkey

DEFAULT_THRESHOLD = 4


@dataclass
class SuppressionReport:
    threshold: int
    primary: int = 0  # count variables of 1-threshold
    secondary: int = 0  # count variables hidden to protect them
    hidden_cells: int = 0  # exported rows with a blank
    variables: int = 0
    relations: int = 0
    programmes: int = 0  # integer programmes solved
    seconds: float = 0.0
    relation_mismatches: list[str] = field(default_factory=list)

    def as_metadata(self) -> dict:
        return {
            "threshold": self.threshold,
            "primary_counts": self.primary,
            "secondary_counts": self.secondary,
            "suppressed_rows": self.hidden_cells,
            "relations": self.relations,
            "count_variables": self.variables,
            "method": "integer programme (HiGHS): a witness table per hidden count",
        }


def is_small(x: float | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    return x is not None and 1 <= x <= threshold


def withhold_out_of_range(cells: list[Cell]) -> int:
    """Blank the percentage cells outside 0-100 (the contract cannot carry them); returns how many.

    Their counts are then hidden like suppressed ones and protected the same way.
    """
    withheld = 0
    for c in cells:
        if (
            c.exported
            and c.kpi in PERCENT_KPIS
            and c.value is not None
            and not 0 <= round(c.value, 4) <= 100
        ):
            c.suppressed = True
            c.hidden_fields.add("numerator")
            withheld += 1
    return withheld


class _Protector:
    def __init__(self, system: System, threshold: int) -> None:
        self.system = system
        self.threshold = threshold
        self.values = np.array([v.value for v in system.variables], dtype=np.float64)
        self.hidden: set[int] = set()
        self.moved: set[int] = set()  # a witness gave it another value
        self.out_of_small: set[int] = set()  # a witness gave it 0 or more than the threshold
        self.programmes = 0
        self.component_of: dict[int, int] = {}
        self.components = system.components()
        for ci, members in enumerate(self.components):
            for j in members:
                self.component_of[j] = ci
        self.relations_of: list[list[int]] = [[] for _ in system.variables]
        for ri, r in enumerate(system.relations):
            for j in r.terms:
                self.relations_of[j].append(ri)

    def cost(self, j: int) -> float:
        v = self.system.variables[j]
        return max(v.exported_cells, 1) * (1.0 + math.log1p(v.value)) + (
            2.0 if v.municipality_wide else 0.0
        )

    def free(self, j: int) -> bool:
        return j in self.hidden or not self.system.variables[j].exported

    def witness(self, s: int, small: bool) -> None:
        """Hide what it takes for a witness for s to exist; mark the counts the witness moves."""
        if s not in self.component_of:  # in no relation: anything is consistent
            self.moved.add(s)
            self.out_of_small.add(s)
            return
        # Near s first: a witness that moves only cells close to s (the rest held at their true
        # values, every relation touching the moved cells kept) is a witness for the whole
        # export, and a small programme is solved in milliseconds where the whole component
        # takes seconds. No new blanks; then moves of released cells by up to 2 x (threshold+1);
        # then moves of any size.
        full = self.components[self.component_of[s]]
        attempts = [
            (None, 3),
            (2 * (self.threshold + 1), 1),
            (2 * (self.threshold + 1), 2),
            (2 * (self.threshold + 1), 4),
            (2 * (self.threshold + 1), None),
            (0, None),
        ]
        for move, depth in attempts:
            scope = full if depth is None else self._near(s, depth)
            found = self._solve(s, small, move, scope)
            if found is not None:
                for j, y in found:
                    if y != self.values[j]:
                        self.moved.add(j)
                        if y == 0 or y > self.threshold:
                            self.out_of_small.add(j)
                        if self.system.variables[j].exported:
                            self.hidden.add(j)
                return
        raise RuntimeError(f"no protection found for {self.system.variables[s].members[0]}")

    def _near(self, s: int, depth: int) -> list[int]:
        seen = {s}
        frontier = [s]
        for _ in range(depth):
            nxt = []
            for j in frontier:
                for ri in self.relations_of[j]:
                    for k in self.system.relations[ri].terms:
                        if k not in seen:
                            seen.add(k)
                            nxt.append(k)
            frontier = nxt
        return sorted(seen)

    def _solve(
        self, s: int, small: bool, move: int | None, scope: list[int]
    ) -> list[tuple[int, int]] | None:
        """A witness for s that moves only cells in `scope`: None, or (variable, value) pairs.

        `move` None: released cells stay; else a released cell may move by up to `move`
        (0: any amount) at the cost of hiding it."""
        rows = sorted({ri for j in scope for ri in self.relations_of[j]})
        inside = set(scope)
        columns = sorted(inside | {k for ri in rows for k in self.system.relations[ri].terms})
        position = {j: i for i, j in enumerate(columns)}
        a = self.values[columns]
        big = float(self.values[self.components[self.component_of[s]]].sum()) + self.threshold + 1
        m = big if move == 0 else float(move or 0)
        # Hidden cells move as far as released ones may: tight bounds keep the programme small
        # (a witness never needs to move anything further than s itself moves).
        reach = big if move in (0, None) else m
        model = mip.Model()
        for j, aj in zip(columns, a):
            if j not in inside:
                model.column(aj, aj)
            elif self.free(j) or j == s:
                model.column(max(0.0, aj - reach), aj + reach)
            elif move is None:
                model.column(aj, aj)
            else:
                model.column(max(0.0, aj - m), aj + m)
        for ri in rows:
            r = self.system.relations[ri]
            model.row(
                {position[j]: float(c) for j, c in r.terms.items()},
                0.0 if r.equal else -mip.INF,
                0.0,
            )
        if move is not None:
            for col, (j, aj) in enumerate(zip(columns, a)):
                if j not in inside or self.free(j) or j == s:
                    continue
                z = model.column(0.0, 1.0, cost=self.cost(j))
                model.row({col: 1.0, z: -m}, -mip.INF, aj)
                model.row({col: 1.0, z: m}, aj, mip.INF)
        col_s = position[s]
        a_s = float(self.values[s])
        w = model.column(0.0, 1.0)
        if small:  # y_s = 0 (w = 0) or y_s >= threshold + 1 (w = 1)
            model.row({col_s: 1.0, w: -(a_s + reach)}, -mip.INF, 0.0)
            model.row({col_s: 1.0, w: -(self.threshold + 1.0)}, 0.0, mip.INF)
        else:  # y_s <= a_s - 1 (w = 0) or y_s >= a_s + 1 (w = 1)
            model.row({col_s: 1.0, w: -(reach + 1.0)}, -mip.INF, a_s - 1.0)
            model.row({col_s: 1.0, w: -(a_s + 1.0)}, 0.0, mip.INF)
        self.programmes += 1
        solution = mip.solve(model)
        if not solution.feasible or solution.x is None:
            return None
        return [(j, round(float(y))) for j, y in zip(columns, solution.x[: len(columns)])]


def protect(
    system: System, threshold: int, forced: frozenset[int] | set[int] = frozenset()
) -> tuple[set[int], int]:
    """The count variables to hide (primary, forced and secondary) and the programmes solved."""
    p = _Protector(system, threshold)
    primary = sorted(
        j for j, v in enumerate(system.variables) if v.exported and 1 <= v.value <= threshold
    )
    p.hidden.update(primary)
    p.hidden.update(forced)
    for s in primary:
        if s not in p.out_of_small:
            p.witness(s, small=True)
    while True:
        unproven = sorted(j for j in p.hidden if j not in p.moved)
        if not unproven:
            break
        for j in unproven:
            if j not in p.moved:
                p.witness(j, small=False)
    return p.hidden, p.programmes


def suppress(cells: list[Cell], threshold: int = DEFAULT_THRESHOLD) -> SuppressionReport:
    """Blank the exported cells' small counts and what would reveal them; mark them suppressed.

    `cells` are the exported cells and the context cells of their years (read_cells)."""
    start = time.perf_counter()
    report = SuppressionReport(threshold)
    system = build_system(cells)
    report.relation_mismatches = system.mismatches
    forced = {
        system.index[qkey(c, f)]
        for c in cells
        if c.exported
        for f in c.hidden_fields
        if qkey(c, f) in system.index
    }
    with mip.native_stdout_silenced():
        hidden, report.programmes = protect(system, threshold, forced)
    report.variables = len(system.variables)
    report.relations = len(system.relations)
    report.primary = sum(
        1 for j, v in enumerate(system.variables) if v.exported and 1 <= v.value <= threshold
    )
    report.secondary = len(hidden) - report.primary
    for c in cells:
        if not c.exported:
            continue
        for f in FIELDS:
            k = qkey(c, f)
            if k in system.index and system.index[k] in hidden:
                c.hidden_fields.add(f)
        if c.hidden_fields:
            c.suppressed = True
        if c.suppressed:
            blank_row(c)
    report.hidden_cells = sum(1 for c in cells if c.exported and c.suppressed)
    report.seconds = time.perf_counter() - start
    return report


def blank_row(c: Cell) -> None:
    """A row with a hidden count shows neither that count nor its value (a rate of a hidden count
    is one division away from it), nor a non-count field that bounds the count."""
    for f in c.hidden_fields:
        setattr(c, f, None)
    c.value = None
    if c.kpi in COUNT_VALUE_KPIS:
        c.numerator = None
    for kpi, f in BLANKED_WITH_ROW:
        if c.kpi == kpi:
            setattr(c, f, None)
