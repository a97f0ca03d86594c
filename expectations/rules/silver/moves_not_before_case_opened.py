"""A measure cannot start before its case exists: the move is held and named with the case's
opening."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.silver._sql import FIRST_OPENED

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "A ladder.moved occurs "
        f"{c.band('move_days_before_case_opened').text()} before the case's "
        "first case.opened (plausibility_bands seed)."
    ),
    sql=lambda c: (
        f"""WITH {FIRST_OPENED}
        SELECT m.event_id, m.case_id, m.measure_id, m.occurred_date AS moved_on,
               o.opened_event_id, o.opened_on
        FROM counting_ladder_moved m JOIN opened o USING (municipality, case_id)
        WHERE {
            c.band("move_days_before_case_opened").outside(
                "date_diff('day', m.occurred_date, o.opened_on)"
            )
        }"""
    ),
    requires=("counting_ladder_moved", "counting_case_opened"),
    holds=True,
    hold_reason="a move before the case was opened",
    stage=2,
    fires=("move_a_month_before_the_case",),
    passes=("clean", "move_on_the_day_the_case_opened"),
)
