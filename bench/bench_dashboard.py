"""Benchmark: how fast the dashboard pages render on a published DB of national-pilot size.

Builds a published.duckdb with the fixture's side tables and a synthetic `kpi_values` of
MUNICIPALITIES × (16 districts + groups) × (years, half-years, months) × every KPI and
breakdown, then renders each page with Streamlit's AppTest: cold (empty cache, as after a new
publish) and warm (cached, as for the next user). Writes bench/results/dashboard.json.

    .venv/bin/python bench/bench_dashboard.py [--municipalities 10] [--years 10]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "dashboards"))
from dashboard_marts import build_published_db  # noqa: E402

PAGES = ["overblik", "indsatstrappen", "opfoelgning", "oekonomi", "kvalitet", "datakvalitet"]
BREAKDOWNS = {
    "placed_child_years": ["all", "institution", "family_foster_care", "home_based_placement"],
    "placement_share": ["institution", "family_foster_care", "home_based_placement"],
    "cases_by_step": ["0", "1", "2", "3", "4", "5", "assessment", "none"],
    "ladder_moves": ["5>4", "5>2", "4>2", "1>2", "2>3", "entry>1", "2>exit"],
    "breakdown_rate": ["all"],
    "complaint_rate": ["all"],
    "followup_compliance_herning": ["all", "institution", "family_foster_care", "preventive"],
    "followup_compliance_legal": ["all"],
    "followup_compliance_planned": ["all"],
    "followups_per_case": ["institution", "family_foster_care", "preventive"],
    "expenditure": ["institution", "family_foster_care", "home_based_placement"],
    "unit_cost_per_child_year": ["all", "institution", "family_foster_care"],
    "caseload_per_caseworker": ["all"],
    "notification_24h_compliance": ["all"],
    "sdq_mean": ["teacher", "parent"],
}


def build(path: Path, municipalities: int, years: int) -> int:
    build_published_db(path, omit=("kpi_values",))
    codes = ["657", "510", "167", "101", "751", "461", "851", "561", "621", "630"][:municipalities]
    with duckdb.connect(str(path)) as con:
        con.execute("create table kpis (kpi varchar, breakdown varchar)")
        con.executemany(
            "insert into kpis values (?, ?)", [(k, b) for k, bs in BREAKDOWNS.items() for b in bs]
        )
        con.execute(
            f"""
            create table kpi_values as
            with munis as (select unnest(?) as municipality),
            units as (
                select 'all' as district_group, 'all' as district
                union all select g, 'all' from (values ('pilot'), ('other')) t(g)
                union all select case when i <= 3 then 'pilot' else 'other' end, 'Distrikt ' || i
                from range(1, 17) r(i)),
            years as (select 2016 - {years} + i as y from range({years}) r(i)),
            periods as (
                select y::varchar as period, 'year' as period_type, make_date(y, 1, 1) as s,
                       make_date(y, 12, 31) as e from years
                union all select y || 'H' || h, 'half_year', make_date(y, 6 * h - 5, 1),
                       last_day(make_date(y, 6 * h, 1)) from years, (values (1), (2)) t(h)
                union all select y || '-' || lpad(m::varchar, 2, '0'), 'month',
                       make_date(y, m, 1), last_day(make_date(y, m, 1))
                from years, range(1, 13) r(m))
            select kpi, period, period_type, s as period_start, e as period_end, municipality,
                   district_group, district, breakdown, null::double as numerator,
                   null::double as denominator, round(random() * 100, 4) as value,
                   case when kpi like '%rate' or kpi like '%share' or kpi like '%compliance%'
                        then '%' else 'count' end as unit
            from kpis, munis, units, periods
        """,
            [codes],
        )
        con.execute("drop table kpis")
        return con.execute("select count(*) from kpi_values").fetchone()[0]


def render_all(app: Path) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    seconds = {}
    at = AppTest.from_file(str(app), default_timeout=600)
    start = time.perf_counter()
    at.run()
    seconds["overblik"] = time.perf_counter() - start
    for page in PAGES[1:]:
        start = time.perf_counter()
        at.switch_page(f"views/{page}.py").run()
        seconds[page] = time.perf_counter() - start
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db = home / "warehouse" / "published.duckdb"
        start = time.perf_counter()
        rows = build(db, args.municipalities, args.years)
        built = time.perf_counter() - start
        os.environ["TRAPPE_HOME"] = str(home)
        app = ROOT / "dashboards" / "app.py"
        cold = render_all(app)
        warm = render_all(app)
        result = {
            "kpi_values_rows": rows,
            "municipalities": args.municipalities,
            "years": args.years,
            "db_megabytes": round(db.stat().st_size / 1e6, 1),
            "build_seconds": round(built, 2),
            "cold_seconds": {k: round(v, 3) for k, v in cold.items()},
            "warm_seconds": {k: round(v, 3) for k, v in warm.items()},
            "cold_total_seconds": round(sum(cold.values()), 2),
            "warm_total_seconds": round(sum(warm.values()), 2),
        }
    out = ROOT / "bench" / "results" / "dashboard.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
