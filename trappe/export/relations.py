"""Every linear relation between the counts of an export, as an attacker could write it down.

The unknowns are the count fields of the cells (`Quantity`). Two fields that are the same number
by definition are one variable (`notifications` for a source *is* the denominator of
`notification_24h_compliance` for that source; a stock count of a year *is* that of its second
half and of December). Then, all with right-hand side 0:
- districts -> district group -> municipality,
- a breakdown's parts -> its `all` row,
- half-years -> year, months -> half-year,
- across KPIs: the open cases of `caseload_per_caseworker` are the cases of `cases_by_step`
  summed over the steps, and no more than the cases open in the period (`complaint_rate`);
  children moved down from an institution are no more than the moves from step 5 down,
- bounds: numerator <= denominator where the numerator counts a subset of the denominator.
EVENT and STOCK counts give equations; DISTINCT counts give "each part <= total <= sum of parts".

Cells of periods that are not exported (the rest of a year) enter as unknowns that nobody can
read; an unknown that occurs in one relation only is eliminated (it turns an equation into a
bound, or makes the relation say nothing).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from trappe.export.cells import (
    ALL,
    DENOMINATOR_WITHIN_NUMERATOR,
    FIELDS,
    NUMERATOR_WITHIN_DENOMINATOR,
    PARTITIONED,
    Cell,
    CountKind,
    Kind,
    children_of,
    count_kind,
)

# (kpi, field, period, municipality, district_group, district, breakdown)
QKey = tuple[str, str, str, str, str, str, str]


def qkey(cell: Cell, field_name: str) -> QKey:
    return (
        cell.kpi,
        field_name,
        cell.period,
        cell.municipality,
        cell.district_group,
        cell.district,
        cell.breakdown,
    )


@dataclass
class Relation:
    """sum(coef * variable) == 0 (`equal`) or <= 0."""

    terms: dict[int, int]
    equal: bool
    origin: str

    def key(self) -> tuple:
        return (self.equal, tuple(sorted(self.terms.items())))


@dataclass
class Variable:
    value: int
    members: list[QKey]
    exported: bool
    exported_cells: int = 0
    municipality_wide: bool = False


@dataclass
class System:
    variables: list[Variable]
    relations: list[Relation]
    index: dict[QKey, int]  # every quantity -> its variable
    mismatches: list[str] = field(default_factory=list)

    def components(self) -> list[list[int]]:
        """Variables linked by relations, each list sorted; singletons left out."""
        parent = list(range(len(self.variables)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for r in self.relations:
            first, *rest = r.terms
            for j in rest:
                a, b = find(first), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        groups: dict[int, list[int]] = defaultdict(list)
        for r in self.relations:
            for j in r.terms:
                groups[find(j)].append(j)
        return [sorted(set(g)) for _, g in sorted(groups.items())]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[QKey, QKey] = {}

    def find(self, k: QKey) -> QKey:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: QKey, b: QKey) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _as_count(x: float, where: QKey) -> int:
    n = round(x)
    if abs(x - n) > 1e-3:  # a scaled count carries float error
        raise ValueError(f"{where}: a count that is not a whole number ({x})")
    return int(n)


def _kind(kpi: str, field_name: str) -> CountKind:
    kind = count_kind(kpi, field_name)
    assert kind is not None, (kpi, field_name)  # only count fields are quantities
    return kind


def build_system(cells: list[Cell]) -> System:
    """The relations among the counts of `cells` (exported cells and their periods' context)."""
    values: dict[QKey, int] = {}
    exported: dict[QKey, bool] = {}
    by_key: dict[tuple, Cell] = {}
    for c in cells:
        by_key[c.sort_key()] = c
        for f in FIELDS:
            x = getattr(c, f)
            if x is not None and count_kind(c.kpi, f) is not None:
                k = qkey(c, f)
                values[k] = _as_count(x * (c.numerator_scale if f == "numerator" else 1.0), k)
                exported[k] = c.exported

    mismatches: list[str] = []
    uf = _UnionFind()

    def same(a: QKey, b: QKey, why: str) -> None:
        if a in values and b in values:
            if values[a] == values[b]:
                uf.union(a, b)
            else:
                mismatches.append(f"{why}: {a} = {values[a]} but {b} = {values[b]}")

    # one number under two KPI codes
    for k in values:
        if k[0] == "notifications":
            same(k, ("notification_24h_compliance", "denominator", *k[2:]), "notifications")
    # a stock count of periods that share a last day
    by_day: dict[tuple, list[QKey]] = defaultdict(list)
    for c in cells:
        for f in FIELDS:
            kind = count_kind(c.kpi, f)
            k = qkey(c, f)
            if kind is not None and kind.period is Kind.STOCK and k in values:
                by_day[(c.kpi, f, c.geo(), c.breakdown, c.last_day)].append(k)
    for members in by_day.values():
        for other in members[1:]:
            same(members[0], other, "same last day")

    roots = sorted({uf.find(k) for k in values})
    index_of_root = {r: i for i, r in enumerate(roots)}
    index = {k: index_of_root[uf.find(k)] for k in values}
    variables = [Variable(value=values[r], members=[], exported=False) for r in roots]
    for k in sorted(values):
        v = variables[index[k]]
        v.members.append(k)
        if exported[k]:
            v.exported = True
            v.exported_cells += 1
            if k[4] == ALL and k[5] == ALL:
                v.municipality_wide = True

    relations: list[Relation] = []

    def add(terms: list[tuple[QKey, int]], equal: bool, origin: str) -> None:
        combined: dict[int, int] = defaultdict(int)
        for k, coef in terms:
            if k in index:
                combined[index[k]] += coef
        combined = {j: c for j, c in combined.items() if c != 0}
        if combined:
            relations.append(Relation(dict(sorted(combined.items())), equal, origin))

    def total(parent: QKey, parts: list[QKey], kind: Kind, origin: str) -> None:
        parts = [p for p in parts if p in values]
        if parent not in values and not parts:
            return
        if kind is Kind.DISTINCT:
            add([(parent, 1), *((p, -1) for p in parts)], False, origin)
            for p in parts:
                add([(p, 1), (parent, -1)], False, origin)
        else:
            add([*((p, 1) for p in parts), (parent, -1)], True, origin)

    # group the quantities by everything but one dimension
    geo_groups: dict[tuple, dict[tuple[str, str], QKey]] = defaultdict(dict)
    part_groups: dict[tuple, dict[str, QKey]] = defaultdict(dict)
    period_groups: dict[tuple, dict[str, QKey]] = defaultdict(dict)
    for k in values:
        kpi, f, period, muni, group, district, breakdown = k
        geo_groups[(kpi, f, period, muni, breakdown)][(group, district)] = k
        part_groups[(kpi, f, period, muni, group, district)][breakdown] = k
        period_groups[(kpi, f, muni, group, district, breakdown)][period] = k

    for (kpi, f, period, muni, breakdown), geo_members in sorted(geo_groups.items()):
        geo_kind = _kind(kpi, f).geography
        groups = sorted({g for g, d in geo_members if g != ALL})
        top = (kpi, f, period, muni, ALL, ALL, breakdown)
        total(top, [(kpi, f, period, muni, g, ALL, breakdown) for g in groups], geo_kind, "groups")
        for g in groups:
            districts = sorted(d for gg, d in geo_members if gg == g and d != ALL)
            total(
                (kpi, f, period, muni, g, ALL, breakdown),
                [(kpi, f, period, muni, g, d, breakdown) for d in districts],
                geo_kind,
                "districts",
            )

    for (kpi, f, period, muni, group, district), part_members in sorted(part_groups.items()):
        if kpi not in PARTITIONED:
            continue
        part_keys = [part_members[b] for b in sorted(part_members) if b != ALL]
        total(
            (kpi, f, period, muni, group, district, ALL),
            part_keys,
            _kind(kpi, f).breakdown,
            "breakdown",
        )

    loaded = {c.period for c in cells}
    for (kpi, f, muni, group, district, breakdown), period_members in sorted(period_groups.items()):
        period_kind_ = _kind(kpi, f).period
        if period_kind_ is Kind.STOCK:
            continue  # the same number, merged above
        for p in sorted(period_members):
            subs = children_of(p)
            if subs and all(s in loaded for s in subs):  # a part not read is not known to be 0
                total(
                    period_members[p],
                    [(kpi, f, s, muni, group, district, breakdown) for s in subs],
                    period_kind_,
                    "periods",
                )

    # across KPIs, per period and geography
    geos = sorted({(k[2], k[3], k[4], k[5]) for k in values})
    steps = sorted({k[6] for k in values if k[0] == "cases_by_step"})
    down_moves = [f"5>{s}" for s in range(5)]
    for geo in geos:

        def q(kpi: str, f: str, breakdown: str, geo: tuple[str, str, str, str] = geo) -> QKey:
            return (kpi, f, *geo, breakdown)

        open_cases = q("caseload_per_caseworker", "numerator", ALL)
        if open_cases in values:
            add(
                [*((q("cases_by_step", "numerator", s), 1) for s in steps), (open_cases, -1)],
                True,
                "cases by step",
            )
            if q("complaint_rate", "denominator", ALL) in values:
                add(
                    [(open_cases, 1), (q("complaint_rate", "denominator", ALL), -1)],
                    False,
                    "open on the last day <= open in the period",
                )
        moved_down = q("moved_down_from_institution", "numerator", ALL)
        if moved_down in values:
            add(
                [(moved_down, 1), *((q("ladder_moves", "numerator", m), -1) for m in down_moves)],
                False,
                "children moved down <= moves down",
            )

    for c in cells:
        num, den = qkey(c, "numerator"), qkey(c, "denominator")
        if num in values and den in values:
            if c.kpi in NUMERATOR_WITHIN_DENOMINATOR:
                add([(num, 1), (den, -1)], False, "numerator <= denominator")
            elif c.kpi in DENOMINATOR_WITHIN_NUMERATOR:
                add([(den, 1), (num, -1)], False, "denominator <= numerator")

    system = System(variables, _dedupe(relations), index, mismatches)
    _eliminate_unseen(system)
    return system


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple] = set()
    out = []
    for r in relations:
        if r.key() not in seen:
            seen.add(r.key())
            out.append(r)
    return out


def _eliminate_unseen(system: System) -> None:
    """Drop the unknowns of unexported periods that occur in one relation only.

    sum(c_i x_i) = 0 with such an x_v >= 0 free says only rest <= 0 (c_v > 0) or rest >= 0
    (c_v < 0); sum(c_i x_i) <= 0 with x_v free says nothing when c_v < 0, and with c_v > 0 the
    attacker sets x_v = 0. A relation left with no positive coefficient says nothing.
    """
    relations = system.relations
    changed = True
    while changed:
        changed = False
        occurrences: dict[int, list[int]] = defaultdict(list)
        for i, r in enumerate(relations):
            for j in r.terms:
                occurrences[j].append(i)
        dropped: set[int] = set()
        touched: set[int] = set()
        for j in sorted(occurrences):
            rows = occurrences[j]
            if system.variables[j].exported or len(rows) != 1:
                continue
            i = rows[0]
            if i in dropped or i in touched:
                continue
            r = relations[i]
            c = r.terms.pop(j)
            touched.add(i)
            changed = True
            if r.equal:
                r.equal = False
                if c < 0:
                    r.terms = {k: -v for k, v in r.terms.items()}
            elif c < 0:
                dropped.add(i)
        kept = []
        for i, r in enumerate(relations):
            if i in dropped or not r.terms:
                continue
            if not r.equal and all(v <= 0 for v in r.terms.values()):
                continue
            kept.append(r)
        relations = _dedupe(kept)
    system.relations = relations
