"""The feed is late and out of order by contract: an event whose case.opened is not recorded yet
waits in the quarantine and enters the marts with the build that sees its case opened."""

from expectations.rules import CRITICAL, Rule

# an event.retracted names another event; it need not belong to an opened case of its own
NOT_CASE_SCOPED = ("case.opened", "event.retracted")

RULE = Rule(
    severity=CRITICAL,
    description="Every case-scoped event that counts has a case.opened of the same case in the "
    "same municipality (no orphan events).",
    sql=f"""SELECT e.event_id, e.event_type, e.municipality, e.case_id,
                   CASE WHEN EXISTS (SELECT 1 FROM visible_case_opened v
                                     WHERE v.municipality = e.municipality
                                       AND v.case_id = e.case_id)
                        THEN 'held' ELSE 'not recorded' END AS case_opened
            FROM counting_events e
            WHERE e.event_type NOT IN ('{NOT_CASE_SCOPED[0]}', '{NOT_CASE_SCOPED[1]}')
              AND NOT EXISTS (SELECT 1 FROM counting_case_opened o
                              WHERE o.municipality = e.municipality AND o.case_id = e.case_id)""",
    requires=("counting_events", "counting_case_opened"),
    holds=True,
    hold_reason="waiting for its case.opened",
    stage=2,
    fires=(
        "ladder_move_without_case",
        "case_opened_recorded_after_as_of",
        "case_opened_retracted",
        "case_opened_held",
    ),
    passes=("clean", "case_opened_recorded_late_but_by_as_of", "orphan_retracted"),
)
