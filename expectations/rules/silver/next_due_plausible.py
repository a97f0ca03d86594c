"""A next follow-up planned for 2199 (or before this one) is not a plan: held, so the schedule
built from it does not reach that far."""

from expectations.rules import CRITICAL, Rule

DAYS_TO_NEXT_DUE = "date_diff('day', occurred_date, next_due)"

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "A follow-up's next_due is "
        f"{c.band('next_due_after_followup').text()} after it "
        "(plausibility_bands seed)."
    ),
    sql=lambda c: (
        f"""SELECT event_id, case_id, measure_id, occurred_date AS held_on, next_due
        FROM visible_followup_held
        WHERE next_due IS NOT NULL
          AND {c.band("next_due_after_followup").outside(DAYS_TO_NEXT_DUE)}"""
    ),
    requires=("visible_followup_held",),
    holds=True,
    hold_reason="an implausible next_due",
    fires=("next_due_in_2199", "next_due_before_the_followup"),
    passes=("clean", "next_due_in_three_months"),
)
