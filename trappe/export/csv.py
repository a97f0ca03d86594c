"""`kpis.csv`: the long table of the export contract, in a stable row order."""

from __future__ import annotations

import csv
import io

from trappe.export.cells import COLUMNS, Cell
from trappe.export.text import neutralise


def number(x: float | None, digits: int) -> str:
    """A number as the shortest text that reads back to it, rounded to `digits` decimals."""
    if x is None:
        return ""
    r = round(float(x), digits)
    if r == 0:
        return "0"
    return str(int(r)) if r == int(r) else repr(r)


def render_csv(cells: list[Cell]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in sorted(cells, key=Cell.sort_key):
        writer.writerow(
            [
                *(
                    neutralise(t)
                    for t in (
                        c.kpi,
                        c.period,
                        c.municipality,
                        c.district_group,
                        c.district,
                        c.breakdown,
                    )
                ),
                number(c.numerator, 6),
                number(c.denominator, 6),
                number(c.value, 4),
                neutralise(c.unit or ""),
                "true" if c.suppressed else "false",
            ]
        )
    return buf.getvalue()
