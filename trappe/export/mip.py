"""A small mixed-integer programme, solved by HiGHS through `scipy.optimize.milp`.

SciPy (already a dependency) ships HiGHS, so disclosure control needs no solver of its own. The
same model (same columns, rows and order) always gives the same solution: HiGHS's branch and
bound runs serially here and no time limit is set (a time limit would make the answer depend on
the machine's speed).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

INF = np.inf


@contextmanager
def native_stdout_silenced() -> Iterator[None]:
    """Send file descriptor 1 to /dev/null for a while: HiGHS's C++ prints a debugging line
    ("HighsMipSolverData::transformNewIntegerFeasibleSolution ...") straight to it on some
    programmes, whatever `disp` says, and that line would land in the CLI's output."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


@dataclass
class Model:
    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=lambda: [0])
    indices: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    def column(self, lower: float, upper: float, cost: float = 0.0, integer: bool = True) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.cost) - 1

    def row(self, terms: dict[int, float], lower: float, upper: float) -> None:
        for j, c in terms.items():
            self.indices.append(j)
            self.values.append(c)
        self.starts.append(len(self.indices))
        self.row_lower.append(lower)
        self.row_upper.append(upper)


@dataclass(frozen=True)
class Solution:
    feasible: bool
    objective: float | None
    x: np.ndarray | None


def solve(model: Model, *, maximise: bool = False, exact: bool = False) -> Solution:
    """Solve `model`; `exact` closes the gap (a bound must be the bound, not near it)."""
    cost = np.asarray(model.cost, dtype=np.float64)
    if maximise:
        cost = -cost
    constraints = []
    if model.row_lower:
        matrix = csr_array(
            (
                np.asarray(model.values, dtype=np.float64),
                np.asarray(model.indices, dtype=np.int64),
                np.asarray(model.starts, dtype=np.int64),
            ),
            shape=(len(model.row_lower), len(model.cost)),
        )
        constraints.append(
            LinearConstraint(
                matrix,
                np.asarray(model.row_lower, dtype=np.float64),
                np.asarray(model.row_upper, dtype=np.float64),
            )
        )
    result = milp(
        cost,
        integrality=np.asarray(model.integer, dtype=np.int64),
        bounds=Bounds(
            np.asarray(model.lower, dtype=np.float64), np.asarray(model.upper, dtype=np.float64)
        ),
        constraints=constraints,
        options={
            "disp": False,
            "mip_rel_gap": 0.0 if exact else 0.05,
            "presolve": True,
        },
    )
    if result.status != 0 or result.x is None:
        return Solution(False, None, None)
    objective = float(result.fun) * (-1.0 if maximise else 1.0)
    return Solution(True, objective, np.asarray(result.x))
