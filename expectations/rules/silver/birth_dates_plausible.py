"""Children's services serve children: a birth date that makes the child 40 or not born for a
decade is a typing error that would skew every age-based KPI. Held with the case.opened (so the
case's other events wait as orphans)."""

from expectations.rules import CRITICAL, Rule

BIRTH = "coalesce(birth_date, try_strptime(birth_month || '-01', '%Y-%m-%d')::DATE)"

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "The child's age when the case is opened (from birth_date or "
        f"birth_month) is {c.band('child_age_at_opening').text()} "
        "(plausibility_bands seed)."
    ),
    sql=lambda c: (
        f"""SELECT event_id, case_id, occurred_date AS opened_on,
               coalesce(birth_date::VARCHAR, birth_month) AS born,
               round(date_diff('day', {BIRTH}, occurred_date) / 365.25, 1) AS age_years
        FROM visible_case_opened
        WHERE {BIRTH} IS NOT NULL
          AND {
            c.band("child_age_at_opening").outside(
                f"date_diff('day', {BIRTH}, occurred_date) / 365.25"
            )
        }"""
    ),
    requires=("visible_case_opened",),
    holds=True,
    hold_reason="an implausible birth date",
    fires=("born_in_1950", "born_ten_years_after_opening"),
    passes=("clean", "unborn_child"),
)
