"""A small published DuckDB file with the tables of docs/architecture.md, for dashboard tests.

The figures follow the shape of the Herning evaluation (pilot placed child-years falling from
49.01 to 41.90, the other districts rising from 137.93 to 140.43) so that the screens look like
the real thing; they are made up, not computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

MUNICIPALITY = "657"  # Herning
DISTRICTS = {
    "pilot": {"Vestervang": 0.6, "Sdr. Felding": 0.4},
    "other": {"Lind": 0.5, "Gullestrup": 0.5},
}
YEARS = ["2013", "2014", "2015"]
HALVES = [f"{y}H{h}" for y in YEARS for h in (1, 2)]
MONTHS = [f"2015-{m:02d}" for m in range(1, 13)]
# Placed child-years, first and last period, by group
PLACED = {"pilot": (49.01, 41.90), "other": (137.93, 140.43)}
SHARES = {  # (first, last) share of placed child-years by category, %
    "pilot": {
        "institution": (25.0, 5.0),
        "family_foster_care": (68.0, 81.0),
        "home_based_placement": (7.0, 14.0),
    },
    "other": {
        "institution": (23.0, 24.0),
        "family_foster_care": (68.0, 69.0),
        "home_based_placement": (9.0, 7.0),
    },
}
# placed child-years in 2012, for the baseline expenditure only
BASELINE_2012 = {"pilot": 52.0, "other": 137.0}
AS_OF = datetime(2016, 1, 5, 9, 30)  # UTC: 5. januar 2016 kl. 10.30 in Copenhagen


def period_bounds(period: str) -> tuple[str, date, date]:
    if "H" in period:
        year, half = int(period[:4]), int(period[-1])
        start = date(year, 1 if half == 1 else 7, 1)
        return "half_year", start, date(year, 6 if half == 1 else 12, 30 if half == 1 else 31)
    if "-" in period:
        year, month = int(period[:4]), int(period[5:])
        end = date(year + (month == 12), month % 12 + 1, 1) - pd.Timedelta(days=1)
        return "month", date(year, month, 1), end
    return "year", date(int(period), 1, 1), date(int(period), 12, 31)


def _between(first: float, last: float, index: int, count: int) -> float:
    return first + (last - first) * (index / (count - 1) if count > 1 else 1)


def placed(group: str, index: int, count: int) -> float:
    """Placed child-years of a group in the index-th of count periods (4 decimals)."""
    return round(_between(*PLACED[group], index, count), 4)


def share(group: str, category: str, index: int, count: int) -> float:
    return round(_between(*SHARES[group][category], index, count), 4)


def _kpi_rows() -> list[dict]:
    rows: list[dict] = []

    def add(kpi, period, group, district, breakdown, value, unit, numerator=None, denominator=None):
        period_type, start, end = period_bounds(period)
        rows.append(
            {
                "kpi": kpi,
                "period": period,
                "period_type": period_type,
                "period_start": start,
                "period_end": end,
                "municipality": MUNICIPALITY,
                "district_group": group,
                "district": district,
                "breakdown": breakdown,
                "numerator": value if numerator is None else numerator,
                "denominator": denominator,
                "value": round(value, 4),
                "unit": unit,
            }
        )

    def units(group_value):
        """(group, district, value) for the groups, their districts and the whole municipality."""
        values = {g: group_value(g) for g in DISTRICTS}
        out = [("all", "all", sum(values.values()))]
        for group, districts in DISTRICTS.items():
            out.append((group, "all", values[group]))
            out += [(group, d, values[group] * w) for d, w in districts.items()]
        return out

    for periods in (YEARS, HALVES, MONTHS):
        n = len(periods)
        for i, period in enumerate(periods):
            for group, district, value in units(lambda g: placed(g, i, n)):
                add("placed_child_years", period, group, district, "all", value, "child-years")
            for measure_type, weight in (
                ("residential_institution", 0.2),
                ("foster_family", 0.7),
                ("own_room", 0.1),
            ):
                for group, district, value in units(lambda g: placed(g, i, n) * weight):
                    add(
                        "placed_child_years",
                        period,
                        group,
                        district,
                        measure_type,
                        value,
                        "child-years",
                    )
            if periods is MONTHS:
                continue
            # notifications by source: the pilot's police notifications are few (1-4: hidden)
            for source, count in (("school", 40), ("police", 3)):
                for group, district, value in units(
                    lambda g: count * (1 if g == "pilot" else 4) + i
                ):
                    add("notifications", period, group, district, source, value, "count")
            for group, district, value in units(lambda g: (43 if g == "pilot" else 172) + 2 * i):
                add("notifications", period, group, district, "all", value, "count")
            for category in SHARES["pilot"]:
                for group, district, value in units(lambda g: share(g, category, i, n)):
                    # a share of a sum is not a sum of shares: the whole uses the pilot's
                    value = share(group if group != "all" else "pilot", category, i, n)
                    add("placement_share", period, group, district, category, value, "%")
            for group, district, value in units(
                lambda g: {"pilot": 2.2, "other": 5.9}[g] - i * 0.3
            ):
                add("breakdown_rate", period, group, district, "all", max(value, 0.0) / 2, "%")
            for group, district, value in units(lambda g: {"pilot": 1.4, "other": 7.3}[g]):
                add("complaint_rate", period, group, district, "all", value / 2, "%")
            for kpi, base in (
                ("followup_compliance_herning", 70.0),
                ("followup_compliance_legal", 90.0),
                ("followup_compliance_planned", 80.0),
            ):
                for group, district, value in units(
                    lambda g: base + (i * 3 if g == "pilot" else i)
                ):
                    add(kpi, period, group, district, "all", value / 2, "%")
                    add(kpi, period, group, district, "institution", value / 2 - 5, "%")
            for group, district, value in units(lambda g: {"pilot": 88.0, "other": 82.0}[g] + i):
                add("notification_24h_compliance", period, group, district, "all", value / 2, "%")
            for source, base in (("school", 96.0), ("police", 60.0)):
                for group, district, _ in units(lambda g: 0):
                    # a share of a sum is not a sum of shares: every unit alike
                    add(
                        "notification_24h_compliance",
                        period,
                        group,
                        district,
                        source,
                        base + i,
                        "%",
                    )
            # FLIS' "not placed one year after": pilot 30 % rising 2 points a period, others 20 %
            for group, district, _ in units(lambda g: 0):
                rate = {"pilot": 30.0 + 2 * i, "other": 20.0, "all": 23.0}[group]
                add("not_placed_one_year_after", period, group, district, "all", rate, "%")
            # per resident 0-22: the whole municipality only (no population per district)
            add(
                "expenditure_per_resident_0_22",
                period,
                "all",
                "all",
                "all",
                9500.0 - 100 * i,
                "DKK",
            )
            for step, count in zip(
                ["0", "1", "2", "3", "4", "5", "assessment", "none"],
                [30, 40, 60, 8, 30, 12 - i, 10, 5],
            ):
                for group, district, value in units(lambda g: count):
                    add("cases_by_step", period, group, district, step, value, "cases")
            for move, count in (
                ("5>4", 2),
                ("5>2", 3),
                ("4>2", 1),
                ("1>2", 1),
                ("entry>1", 9),
                ("2>exit", 6),
            ):
                for group, district, value in units(lambda g: count + (i if g == "pilot" else 0)):
                    add("ladder_moves", period, group, district, move, value, "moves")
            for category, cost in (
                ("institution", 900_000.0),
                ("family_foster_care", 390_000.0),
                ("home_based_placement", 250_000.0),
            ):
                for group, district, value in units(lambda g: cost * placed(g, i, n) / 10):
                    add("expenditure", period, group, district, category, value, "DKK")
                for group, district, value in units(lambda g: cost + 1000 * i):
                    add("unit_cost_per_child_year", period, group, district, category, value, "DKK")
            for group, district, value in units(lambda g: 480_000.0 - 5000 * i):
                add("unit_cost_per_child_year", period, group, district, "all", value, "DKK")
            for group, district, value in units(lambda g: {"pilot": 22.0, "other": 40.0}[g] - i):
                add("caseload_per_caseworker", period, group, district, "all", value, "cases")
            for group, district, value in units(
                lambda g: {"pilot": 11.0, "other": 12.0}[g] + i * 0.5
            ):
                add("sdq_mean", period, group, district, "teacher", value, "score")
            if periods is HALVES:
                for category in ("institution", "family_foster_care", "preventive"):
                    for group, district, value in units(
                        lambda g: 1.0 + (i * 0.2 if g == "pilot" else 0)
                    ):
                        add(
                            "followups_per_case",
                            period,
                            group,
                            district,
                            category,
                            value,
                            "follow-ups per case",
                        )
    # 2012, the year before the model: the investment plan's baseline for the savings
    for category, cost in (
        ("institution", 900_000.0),
        ("family_foster_care", 390_000.0),
        ("home_based_placement", 250_000.0),
    ):
        for group, district, value in units(lambda g: cost * BASELINE_2012[g] / 10):
            add("expenditure", "2012", group, district, category, value, "DKK")
    return rows


def _comparisons() -> pd.DataFrame:
    rows = []
    for periods in (YEARS, HALVES):
        for i, period in enumerate(periods):
            period_type = period_bounds(period)[0]
            last = i == len(periods) - 1
            # the last period: breakdowns not significant, complaints significant
            for kpi, breakdown, a, b, significant in (
                ("breakdown_rate", "all", 0.4, 2.9, not last),
                ("complaint_rate", "all", 0.7, 3.65, last),
                ("notification_24h_compliance", "all", 45.0, 44.0, False),
                ("placement_share", "institution", 5.0, 24.0, True),
                ("followup_compliance_herning", "all", 42.0, 37.0, True),
                ("followup_compliance_herning", "institution", 37.0, 32.0, False),
            ):
                rows.append(
                    {
                        "kpi": kpi,
                        "period": period,
                        "period_type": period_type,
                        "municipality": MUNICIPALITY,
                        "breakdown": breakdown,
                        "group_a": "pilot",
                        "group_b": "other",
                        "numerator_a": 2.0,
                        "denominator_a": 200.0,
                        "rate_a": a,
                        "numerator_b": 20.0,
                        "denominator_b": 600.0,
                        "rate_b": b,
                        "difference": a - b,
                        "ci_low": a - b - 2.5,
                        "ci_high": a - b + 2.5,
                        "p_value": 0.012 if significant else 0.31,
                        "test": "poisson_rate_wald" if kpi == "breakdown_rate" else "agresti_caffo",
                        "significant": significant,
                    }
                )
    return pd.DataFrame(rows)


def _diff_in_diff() -> pd.DataFrame:
    """fct_diff_in_diff's shape: yearly, baseline 2013; dbt's interval for rates only."""
    n = len(YEARS)
    rows = []
    # kpi, breakdown, value(group, year index), {comparison: (ci_low, ci_high, p, significant)}
    for kpi, breakdown, value, intervals in (
        ("placed_child_years", "all", lambda g, i: placed(g, i, n), {}),
        (
            "placement_share",
            "institution",
            lambda g, i: share(g, "institution", i, n),
            {"2014": (-17.0, -4.0, 0.0021, True), "2015": (-27.5, -14.5, 0.000104, True)},
        ),
        (
            "placement_share",
            "family_foster_care",
            lambda g, i: share(g, "family_foster_care", i, n),
            {"2014": (-1.8, 13.8, 0.13, False), "2015": (4.1, 19.9, 0.0031, True)},
        ),
        (
            "complaint_rate",
            "all",
            lambda g, i: {"pilot": 0.7, "other": 3.65}[g],
            {"2014": (-1.9, 1.9, 0.99, False), "2015": (-1.9, 1.9, 0.99, False)},
        ),
    ):
        pb, ob = value("pilot", 0), value("other", 0)
        for i, comparison in enumerate(YEARS[1:], start=1):
            pc, oc = value("pilot", i), value("other", i)
            low, high, p, significant = intervals.get(comparison, (None, None, None, None))
            rows.append(
                {
                    "kpi": kpi,
                    "municipality": MUNICIPALITY,
                    "breakdown": breakdown,
                    "baseline_period": YEARS[0],
                    "comparison_period": comparison,
                    "period_complete": True,
                    "pilot_baseline": pb,
                    "pilot_comparison": pc,
                    "other_baseline": ob,
                    "other_comparison": oc,
                    "pilot_change": round(pc - pb, 4),
                    "other_change": round(oc - ob, 4),
                    "diff_in_diff": round((pc - pb) - (oc - ob), 4),
                    "ci_low": low,
                    "ci_high": high,
                    "p_value": p,
                    "test": None if p is None else "agresti_caffo",
                    "significant": significant,
                }
            )
    return pd.DataFrame(rows)


TABLES = (
    "kpi_values",
    "fct_group_comparisons",
    "fct_diff_in_diff",
    "audit_build",
    "audit_quality_verdict",
    "audit_quality_checks",
    "kpi_catalogue",
    "kpi_targets",
    "fct_overdue_followups",
    "fct_unassessed_notifications",
    "audit_quality_quarantine",
)

# the team leaders' lists: two teams, pseudonymous keys only
OVERDUE = [  # team, caseworker, case, child, measure type, schedule, due date, days overdue
    (
        "pilot",
        "W657-PP001",
        "C657-000101",
        "K657-000101",
        "foster_family",
        "planned",
        date(2015, 11, 20),
        46,
    ),
    (
        "pilot",
        "W657-PP002",
        "C657-000102",
        "K657-000102",
        "own_room",
        "planned",
        date(2015, 12, 28),
        8,
    ),
    (
        "pilot",
        "W657-PP002",
        "C657-000102",
        "K657-000102",
        "own_room",
        "herning_2015",
        date(2015, 12, 1),
        35,
    ),
    (
        "children",
        "W657-OC001",
        "C657-000201",
        "K657-000201",
        "residential_institution",
        "planned",
        date(2015, 10, 2),
        95,
    ),
]
UNASSESSED = [  # team, caseworker, case, child, notification, source, received, assessed
    (
        "pilot",
        "W657-PP001",
        "C657-000101",
        "K657-000101",
        "N657-0000901",
        "school",
        datetime(2016, 1, 3, 8, 0),
        None,
    ),
    (
        "pilot",
        "W657-PP002",
        "C657-000102",
        "K657-000102",
        "N657-0000902",
        "police",
        datetime(2015, 12, 1, 8, 0),
        datetime(2015, 12, 3, 9, 0),
    ),
    (
        "children",
        "W657-OC001",
        "C657-000201",
        "K657-000201",
        "N657-0000903",
        "daycare",
        datetime(2016, 1, 2, 8, 0),
        None,
    ),
]


def _overdue() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "municipality": MUNICIPALITY,
                "district_group": "pilot" if team == "pilot" else "other",
                "district": "Vestervang" if team == "pilot" else "Lind",
                "team": team,
                "caseworker_id": worker,
                "case_id": case,
                "child_id": child,
                "measure_episode_id": f"E-{case}-{schedule}",
                "measure_id": f"M-{case}",
                "measure_type": measure,
                "step": 2,
                "schedule": schedule,
                "due_date": due,
                "missed_due_dates": 1,
                "last_followup_date": date(2015, 9, 1),
                "days_overdue": days,
                "as_of_date": date(2016, 1, 5),
            }
            for team, worker, case, child, measure, schedule, due, days in OVERDUE
        ]
    )


def _unassessed() -> pd.DataFrame:
    as_of = AS_OF
    return pd.DataFrame(
        [
            {
                "municipality": MUNICIPALITY,
                "district_group": "pilot" if team == "pilot" else "other",
                "district": "Vestervang" if team == "pilot" else "Lind",
                "team": team,
                "caseworker_id": worker,
                "case_id": case,
                "child_id": child,
                "notification_id": notification,
                "event_id": f"R-{notification}",
                "source": source,
                "received_at": received,
                "assessment_due_at": received + pd.Timedelta(hours=24),
                "assessed_at": assessed,
                "status": "not_assessed" if assessed is None else "assessed_late",
                "hours_since_received": ((assessed or as_of) - received).total_seconds() / 3600,
            }
            for team, worker, case, child, notification, source, received, assessed in UNASSESSED
        ]
    )


def _checks() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "run_id": "20160105T093000Z",
                "layer": "bronze",
                "check": "no_cpr_in_bronze",
                "severity": "critical",
                "success": True,
                "violations": 0,
                "held": 0,
                "message": "OK",
            },
            {
                "run_id": "20160105T093000Z",
                "layer": "silver",
                "check": "retractions_resolve",
                "severity": "warning",
                "success": False,
                "violations": 3,
                "held": 2,
                "message": "3 tilbagekaldelser peger på ukendte hændelser",
            },
            {
                "run_id": "20160105T093000Z",
                "layer": "marts",
                "check": "shares_sum_to_100",
                "severity": "critical",
                "success": True,
                "violations": 0,
                "held": 0,
                "message": "OK",
            },
        ]
    )


def _quarantine() -> pd.DataFrame:
    """audit_quality_quarantine: two follow-ups whose case has not come in yet."""
    return pd.DataFrame(
        [
            {
                "run_id": "20160105T093000Z",
                "event_id": event_id,
                "event_type": "followup.held",
                "municipality": MUNICIPALITY,
                "case_id": "C657-000999",
                "recorded_at": recorded,
                "check": "events_reference_known_cases",
                "reason": "sagen er ikke kommet ind endnu",
                "detail": "case.opened mangler",
                "age_days": age,
            }
            for event_id, recorded, age in (
                ("E-0001", datetime(2015, 12, 20, 9, 0), 16.0),
                ("E-0002", datetime(2016, 1, 2, 9, 0), 3.0),
            )
        ]
    )


def build_published_db(
    path: Path,
    omit: Iterable[str] = (),
    verdict: str = "passed_with_warnings",
    as_of: datetime = AS_OF,
) -> Path:
    """Write the fixture marts to `path`, leaving out the tables named in `omit`."""
    from dashboards.labels import KPIS

    frames = {
        "kpi_values": pd.DataFrame(_kpi_rows()),
        "fct_group_comparisons": _comparisons(),
        "fct_diff_in_diff": _diff_in_diff(),
        "audit_build": pd.DataFrame(
            [
                {
                    "as_of": as_of,
                    "event_watermark": datetime(2016, 1, 5, 8, 59, 1),
                    "pipeline_version": "0.1.0",
                    "dbt_invocation_id": "7f3c-fixture",
                }
            ]
        ),
        "audit_quality_verdict": pd.DataFrame(
            [
                {
                    "run_id": "20160105T093000Z",
                    "verdict": verdict,
                    "critical_failures": 0,
                    "warnings": 2 if verdict == "passed_with_warnings" else 0,
                    "validated_at": datetime(2016, 1, 5, 9, 31),
                }
            ]
        ),
        "audit_quality_checks": _checks(),
        "kpi_targets": pd.DataFrame(
            [
                {
                    "kpi": "placement_share",
                    "breakdown": "institution",
                    "comparator": "<=",
                    "target": 5.0,
                    "source": "Pilot districts reached 5 % institution share in 2015",
                },
                {
                    "kpi": "followup_compliance_herning",
                    "breakdown": "all",
                    "comparator": ">=",
                    "target": 100.0,
                    "source": "Herning follow-up rules",
                },
                {
                    "kpi": "notification_24h_compliance",
                    "breakdown": "all",
                    "comparator": ">=",
                    "target": 100.0,
                    "source": "All new notifications get a 24-hour assessment",
                },
            ]
        ),
        "fct_overdue_followups": _overdue(),
        "fct_unassessed_notifications": _unassessed(),
        "audit_quality_quarantine": _quarantine(),
        # the columns of dbt_project/seeds/kpi_catalogue.csv the dashboard reads
        "kpi_catalogue": pd.DataFrame(
            [
                {
                    "kpi": code,
                    "unit": meta.unit,
                    "label_da": meta.label,
                    "description": "",
                    "lower_is_better": meta.lower_is_better,
                }
                for code, meta in KPIS.items()
            ]
        ),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        for name, frame in frames.items():
            if name in omit:
                continue
            con.register("frame", frame)
            con.execute(f"create table {name} as select * from frame")
            con.unregister("frame")
    return path
