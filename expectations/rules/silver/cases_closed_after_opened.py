"""A case closed before it was opened has a wrong date on one of the two events. The closing is
held (and both events named) until one of them is retracted and sent again; the case counts as
open meanwhile, and the quarantine's age makes someone fix it."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.silver._sql import FIRST_OPENED

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "A case.closed is "
        f"{c.band('case_closed_days_after_opened').text()} after the case's "
        "first case.opened (plausibility_bands seed)."
    ),
    sql=lambda c: (
        f"""WITH {FIRST_OPENED}
        SELECT k.event_id, k.case_id, o.opened_event_id, o.opened_on, k.occurred_date AS closed_on
        FROM counting_case_closed k JOIN opened o USING (municipality, case_id)
        WHERE {
            c.band("case_closed_days_after_opened").outside(
                "date_diff('day', o.opened_on, k.occurred_date)"
            )
        }"""
    ),
    requires=("counting_case_closed", "counting_case_opened"),
    holds=True,
    hold_reason="closed before the case was opened",
    stage=2,
    fires=("closed_before_opened",),
    passes=("clean", "closed_the_day_it_opened", "inverted_closing_retracted"),
)
