"""Benchmark: how fast the dashboard pages render on a published DB of national size.

Builds a published.duckdb with the test fixture's side tables and a synthetic `kpi_values` of
MUNICIPALITIES × (16 districts + groups) × (years, half-years, months) × every KPI and
breakdown, signs in as a team leader (the role offered every page, with small counts hidden),
then renders each page with Streamlit's AppTest: cold (the data cache emptied before each page,
as after a new publish) and warm (cached, as for the next user). The issue's goal: under 3 s
cold and under 1 s warm a page. Writes bench/results/dashboard.json.

    .venv/bin/python -m bench.bench_dashboard [--municipalities 10] [--years 10]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import duckdb

from tests.support.dashboard_app import PAGES as TEST_PAGES
from tests.support.dashboard_marts import build_published_db

ROOT = Path(__file__).resolve().parents[1]

# the team leader's pages: every page of the tests, and the team's case list
PAGES = [*TEST_PAGES[:-1], "team", TEST_PAGES[-1]]
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
    "notification_24h_compliance": ["all", "school", "police", "daycare", "health_visitor"],
    "notifications": ["all", "school", "police", "daycare", "health_visitor"],
    "sdq_mean": ["teacher", "parent"],
    "not_placed_one_year_after": ["all"],
    "moved_down_from_institution": ["all"],
    "expenditure_per_resident_0_22": ["all"],
}


def build(path: Path, municipalities: int, years: int) -> int:
    build_published_db(path, omit=("kpi_values",))
    named = ["657", "510", "167", "101", "751", "461", "851", "561", "621", "630"]
    # beyond ten, made-up codes: the country has 98 municipalities
    codes = (named + [str(c) for c in range(200, 300) if str(c) not in named])[:municipalities]
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


def render_all(app: Path, cold: bool) -> dict[str, float]:
    """Seconds per page for a team leader; `cold` empties the data cache before each page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.support.dashboard_app import log_in

    seconds = {}
    at = AppTest.from_file(str(app), default_timeout=600).run()
    log_in(at, "pilot")
    for page in PAGES:
        if cold:
            st.cache_data.clear()
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
        os.environ.pop("TRAPPE_USERS_FILE", None)
        from tests.support.dashboard_app import write_test_users

        write_test_users(home)
        app = ROOT / "dashboards" / "app.py"
        render_all(app, cold=False)  # imports, so that cold measures the data, not Python
        cold = render_all(app, cold=True)
        warm = render_all(app, cold=False)
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
