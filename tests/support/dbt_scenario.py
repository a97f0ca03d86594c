"""A small hand-computable municipality: three cases over 2015-2016 (2016 is a leap year).

Every KPI value asserted in test_kpis.py is worked out from these events in its docstring.
C1 (pilot, Sdr. Felding): foster family 1 Mar 2015, breakdown 1 Jun, up to an institution 1 Jul,
    down to own room (home-based placement) 1 Mar 2016, before turning 18.
C2 (other, Aulum): network foster care 1 Feb 2015, leaves all measures 30 Nov, case closed 15 Dec.
C3 (other, Aulum): investigation May-Nov 2015; a secure-institution move on 1 Sep 2015 that is
    retracted on 1 Oct; a complaint delivered twice (one event_id); transferred to the pilot
    district 1 Feb 2016; closed 31 Dec 2016.
C4 (other, Aulum): open from 1 Jan 2015, never on a measure.
C5 (pilot, Sdr. Felding): in a foster family from 1 Jan 2015 on.
"""

from __future__ import annotations

from tests.support.dbt_silver_fixture import Event

PILOT, OTHER = "Sdr. Felding", "Aulum"
# recorded_at of the retraction of C3's secure-institution move
RETRACTION_RECORDED = "2015-10-01T12:00:00+02:00"


def move(
    case,
    when,
    measure_id,
    from_step,
    to_step,
    measure_type,
    reason="planned",
    short_term=False,
    recorded=None,
):
    return Event(
        "ladder.moved",
        case,
        when,
        {
            "measure_id": measure_id,
            "from_step": from_step,
            "to_step": to_step,
            "measure_type": measure_type,
            "provider_id": "P-1",
            "daily_cost_dkk": None,
            "short_term": short_term,
            "reason": reason,
        },
        recorded_at=recorded,
    )


def events() -> list[Event]:
    secure = move(
        "C3",
        "2015-09-01",
        "M-C3-1",
        None,
        5,
        "secure_institution",
        reason="escalation",
        recorded="2015-09-02T09:00:00+02:00",
    )
    complaint = Event(
        "complaint.received",
        "C3",
        "2015-06-10",
        {"complaint_id": "K-1", "team": "youth", "subject": "casework"},
    )
    duplicate_complaint = Event(
        complaint.event_type,
        complaint.case_id,
        complaint.occurred_at,
        dict(complaint.payload),
        recorded_at="2015-06-11",
        event_id=complaint.event_id,
    )
    return [
        # C1
        Event(
            "case.opened",
            "C1",
            "2015-01-01",
            {"district": PILOT, "team": "pilot", "birth_date": "2000-05-15"},
            caseworker_id="W1",
        ),
        move("C1", "2015-03-01", "M-C1-1", None, 4, "foster_family"),
        Event(
            "placement.broke_down",
            "C1",
            "2015-06-01",
            {"measure_id": "M-C1-1", "initiated_by": "placement_site"},
        ),
        move("C1", "2015-07-01", "M-C1-2", 4, 5, "residential_institution", reason="breakdown"),
        move("C1", "2016-03-01", "M-C1-3", 5, 2, "own_room"),
        Event(
            "wellbeing.assessed",
            "C1",
            "2015-05-01",
            {"instrument": "SDQ", "informant": "teacher", "total_difficulties": 12},
        ),
        Event(
            "cost.booked",
            "C1",
            "2015-12-31",
            {
                "measure_id": "M-C1-2",
                "amount_dkk": 36600.0,
                "period_start": "2015-12-01",
                "period_end": "2016-01-31",
            },
        ),
        # C2
        Event(
            "case.opened",
            "C2",
            "2015-02-01",
            {"district": OTHER, "team": "children", "birth_month": "2010-02"},
            caseworker_id="W2",
        ),
        move("C2", "2015-02-01", "M-C2-1", None, 3, "network_foster_care"),
        move("C2", "2015-11-30", "M-C2-1", 3, None, None, reason="goal_reached"),
        Event("case.closed", "C2", "2015-12-15", {"reason": "goal_reached"}),
        Event(
            "notification.received",
            "C2",
            "2015-04-10T08:00:00",
            {"notification_id": "N-2", "source": "police"},
        ),
        Event(
            "notification.assessed",
            "C2",
            "2015-04-11T09:00:00",
            {"notification_id": "N-2", "acute": False, "outcome": "advice"},
        ),
        Event(
            "wellbeing.assessed",
            "C2",
            "2015-06-01",
            {"instrument": "SDQ", "informant": "teacher", "total_difficulties": 8},
        ),
        # C5: in a foster family throughout
        Event(
            "case.opened",
            "C5",
            "2015-01-01",
            {"district": PILOT, "team": "pilot", "birth_date": "2005-01-01"},
            caseworker_id="W4",
        ),
        move("C5", "2015-01-01", "M-C5-1", None, 4, "foster_family"),
        # C4: open throughout, no measure
        Event(
            "case.opened",
            "C4",
            "2015-01-01",
            {"district": OTHER, "team": "children", "birth_date": "2008-08-08"},
            caseworker_id="W3",
        ),
        # C3
        Event(
            "notification.received",
            "C3",
            "2015-04-01T10:00:00",
            {"notification_id": "N-1", "source": "school"},
        ),
        Event(
            "notification.assessed",
            "C3",
            "2015-04-02T09:00:00",
            {"notification_id": "N-1", "acute": False, "outcome": "investigation"},
        ),
        Event(
            "case.opened",
            "C3",
            "2015-05-01",
            {"district": OTHER, "team": "youth", "birth_date": "2009-01-20"},
            caseworker_id="W2",
        ),
        Event(
            "decision.made",
            "C3",
            "2015-05-02",
            {"decision_id": "D-1", "kind": "investigation_opened", "legal_basis": "SEL §50"},
        ),
        complaint,
        duplicate_complaint,
        secure,
        Event(
            "event.retracted",
            "C3",
            "2015-10-01",
            {"retracts_event_id": secure.event_id, "reason": "wrong case"},
            recorded_at=RETRACTION_RECORDED,
        ),
        Event(
            "decision.made",
            "C3",
            "2015-11-01",
            {"decision_id": "D-2", "kind": "investigation_closed", "legal_basis": "SEL §50"},
        ),
        Event(
            "case.transferred",
            "C3",
            "2016-02-01",
            {"district": PILOT, "team": "pilot", "caseworker_id": "W1"},
        ),
        # the last event: recorded after the end of 2016, so 2016 is complete as of the watermark
        Event(
            "case.closed",
            "C3",
            "2016-12-31",
            {"reason": "goal_reached"},
            recorded_at="2017-01-05T10:00:00+01:00",
        ),
    ]
