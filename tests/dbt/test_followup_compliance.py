"""The follow-up KPIs end to end: a small silver lake → `dbt build` of fct_kpi_followups and
everything upstream (staging, episodes, the rules seed, the model's unit tests and data tests)
into a DuckDB file → the numbers, hand-computed below.

Scenario, as of 2015-07-01 12:00 local time (so 2015, 2015H2 and 2015-07 are incomplete periods):

C1 (pilot, Sdr. Felding): residential institution M1 from 2015-01-01 (E1), foster family M2
from 2015-04-01 (E2, open).
  Herning: E1 due 01-15 (met by F1 on d+7), 02-26 (F2 on d+8: missed); E1 ends 04-01 before
  04-09. E2 due 04-15 (F3 had no child conversation: missed), 05-27 (met by F4 05-30).
  Legal: E1 ends on its 3-month date (exclusive: none); E2 due 07-01 = the as-of date, met by F4.
  Planned: F1 plans 03-01, next follow-up F2 03-06: met. F2 plans 04-15, after E1 ended: not
  counted. F4 plans 06-15 and nothing followed by as-of (F5 on 06-20 was recorded after it):
  missed.
C2 (other, Brændgården): parent training M3 from 2015-02-01 (preventive).
  Herning: due 03-01 (met by G1 03-08 = d+7), 06-01 (met by G2 06-05). Legal: 05-01, met by G1.
  Statutory: G1 yes, G2 no.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from tests.support.dbt_silver_fixture import Event, write_silver
from trappe.core.settings import settings as make_settings
from trappe.warehouse import dbt_build

AS_OF = datetime(2015, 7, 1, 10, 0, tzinfo=UTC)  # 12:00 in Copenhagen


def _moved(case_id, day, measure_id, measure_type, from_step, to_step):
    return Event(
        "ladder.moved",
        case_id,
        day,
        {
            "measure_id": measure_id,
            "from_step": from_step,
            "to_step": to_step,
            "measure_type": measure_type,
            "provider_id": "P-1",
            "short_term": False,
            "reason": "planned",
        },
    )


def _followup(
    case_id,
    day,
    measure_id,
    *,
    talk=True,
    statutory=True,
    next_due=None,
    recorded=None,
    event_id=None,
):
    payload = {
        "measure_id": measure_id,
        "child_conversation": talk,
        "action_plan_reviewed": True,
        "channel": "in_person",
        "statutory": statutory,
    }
    if next_due:
        payload["next_due"] = next_due
    extra = {"event_id": event_id} if event_id else {}
    return Event(
        "followup.held", case_id, f"{day}T10:00:00", payload, recorded_at=recorded, **extra
    )


def _scenario() -> list[Event]:
    opened = {"team": "T1", "birth_month": "2008-05"}
    return [
        Event("case.opened", "C1", "2015-01-01", {"district": "Sdr. Felding", **opened}),
        Event("case.opened", "C2", "2015-01-01", {"district": "Brændgården", **opened}),
        _moved("C1", "2015-01-01", "M1", "residential_institution", None, 5),
        _moved("C1", "2015-04-01", "M2", "foster_family", 5, 4),
        _moved("C2", "2015-02-01", "M3", "parent_training", None, 1),
        _followup("C1", "2015-01-22", "M1", next_due="2015-03-01", event_id="F1"),
        _followup("C1", "2015-03-06", "M1", next_due="2015-04-15", event_id="F2"),
        _followup("C1", "2015-04-20", "M2", talk=False, event_id="F3"),
        _followup("C1", "2015-05-30", "M2", next_due="2015-06-15", event_id="F4"),
        _followup("C1", "2015-06-20", "M2", recorded="2015-07-05T09:00:00", event_id="F5"),
        _followup("C2", "2015-03-08", "M3", event_id="G1"),
        _followup("C2", "2015-06-05", "M3", statutory=False, event_id="G2"),
    ]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    settings = make_settings(tmp_path_factory.mktemp("lake"))
    write_silver(settings.silver_dir, _scenario())
    with pytest.MonkeyPatch.context() as env:
        # cautious: leave out the project's tests that also need models outside this selection
        env.setenv("DBT_INDIRECT_SELECTION", "cautious")
        result = dbt_build(
            settings, AS_OF, select="+fct_kpi_followups", threads=2, raise_on_failure=False
        )
    assert result.success, "\n".join(result.failures)
    connection = duckdb.connect(str(settings.staging_db), read_only=True)
    yield connection
    connection.close()


def _kpi(con, kpi, period, breakdown="all", district_group="all", district="all"):
    rows = con.execute(
        """select numerator, denominator, round(value, 4) from fct_kpi_followups
           where kpi = ? and period = ? and breakdown = ?
             and district_group = ? and district = ?""",
        [kpi, period, breakdown, district_group, district],
    ).fetchall()
    assert len(rows) <= 1
    return rows[0] if rows else None


def test_herning_compliance_by_category_and_district(warehouse):
    assert _kpi(warehouse, "followup_compliance_herning", "2015H1") == (4.0, 6.0, 66.6667)
    assert _kpi(warehouse, "followup_compliance_herning", "2015H1", "institution")[:3] == (
        1,
        2,
        50.0,
    )
    assert _kpi(warehouse, "followup_compliance_herning", "2015H1", "family_foster_care")[:3] == (
        1,
        2,
        50.0,
    )
    assert _kpi(warehouse, "followup_compliance_herning", "2015H1", "preventive")[:3] == (
        2,
        2,
        100.0,
    )
    assert _kpi(
        warehouse, "followup_compliance_herning", "2015-02", "all", "pilot", "Sdr. Felding"
    )[:3] == (0, 1, 0.0)
    assert _kpi(warehouse, "followup_compliance_herning", "2015", "all", "other")[:3] == (
        2,
        2,
        100.0,
    )
    # no due date falls in the second half-year by the as-of date (E2's 07-08 is after it):
    # the row is there, 0 of 0, without a value
    assert _kpi(warehouse, "followup_compliance_herning", "2015H2") == (0, 0, None)


def test_legal_minimum_counts_the_as_of_date_and_not_the_episode_end(warehouse):
    assert _kpi(warehouse, "followup_compliance_legal", "2015")[:3] == (2, 2, 100.0)
    assert _kpi(warehouse, "followup_compliance_legal", "2015-07", "family_foster_care")[:3] == (
        1,
        1,
        100.0,
    )
    assert _kpi(warehouse, "followup_compliance_legal", "2015-04") == (0, 0, None)


def test_planned_compliance_ignores_followups_recorded_after_as_of(warehouse):
    assert _kpi(warehouse, "followup_compliance_planned", "2015H1")[:3] == (1, 2, 50.0)
    assert _kpi(warehouse, "followup_compliance_planned", "2015-06", "family_foster_care")[:3] == (
        0,
        1,
        0.0,
    )
    assert _kpi(warehouse, "followup_compliance_planned", "2015-04") == (0, 0, None)


def test_followups_per_case_per_half_year(warehouse):
    assert _kpi(warehouse, "followups_per_case", "2015H1", "institution") == (2.0, 1.0, 2.0)
    assert _kpi(warehouse, "followups_per_case", "2015H1", "family_foster_care")[:3] == (2, 1, 2.0)
    assert _kpi(warehouse, "followups_per_case", "2015H1", "preventive")[:3] == (1, 1, 1.0)
    assert _kpi(warehouse, "followups_per_case", "2015H2", "family_foster_care")[:3] == (0, 1, 0.0)
    assert _kpi(warehouse, "followups_per_case", "2015H2", "institution") == (0, 0, None)
    assert _kpi(warehouse, "followups_per_case", "2015H1", "all") is None  # no 'all' breakdown
    # scaled to a half-year: April's one statutory follow-up of E2 (F3) x 6; the year 2015,
    # 182 of its 365 days elapsed by the as-of date, / 2 / (182 / 365)
    assert _kpi(warehouse, "followups_per_case", "2015-04", "family_foster_care") == (6.0, 1.0, 6.0)
    numerator, denominator, value = _kpi(
        warehouse, "followups_per_case", "2015", "family_foster_care"
    )
    assert (numerator, denominator, value) == (
        pytest.approx(2 / 2 / (182 / 365)),
        1,
        round(2 / 2 / (182 / 365), 4),
    )


def test_output_has_exactly_the_kpi_row_columns(warehouse):
    columns = [row[0] for row in warehouse.execute("describe fct_kpi_followups").fetchall()]
    assert columns == [
        "kpi",
        "period",
        "period_type",
        "period_start",
        "period_end",
        "period_complete",
        "municipality",
        "district_group",
        "district",
        "breakdown",
        "numerator",
        "denominator",
        "value",
    ]
    # a blank value only where the denominator is 0
    assert (
        warehouse.execute(
            "select count(*) from fct_kpi_followups where (value is null) != (denominator = 0)"
        ).fetchone()[0]
        == 0
    )
    assert warehouse.execute(
        "select list(distinct period order by period) from fct_kpi_followups "
        "where not period_complete"
    ).fetchone()[0] == ["2015", "2015-07", "2015H2"]
