"""A follow-up on a measure that had already ended would be matched to a schedule that no longer
runs: held and named with the day its measure ended."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "A follow-up is held "
        f"{c.band('followup_days_after_measure_end').text()} after its "
        "measure ended (the case's next move; plausibility_bands seed)."
    ),
    sql=lambda c: (
        f"""WITH moves AS (
            SELECT municipality, case_id, measure_id, to_step, occurred_date AS episode_start,
                   lead(occurred_date) OVER (PARTITION BY municipality, case_id
                                             ORDER BY occurred_at, recorded_at, event_id)
                       AS episode_end
            FROM counting_ladder_moved),
        episodes AS (SELECT * FROM moves WHERE to_step IS NOT NULL)
        SELECT f.event_id, f.case_id, f.measure_id, f.occurred_date AS held_on,
               max(e.episode_end) AS measure_ended
        FROM counting_followup_held f JOIN episodes e USING (municipality, case_id, measure_id)
        GROUP BY ALL
        HAVING bool_and(coalesce(e.episode_end IS NOT NULL AND {
            c.band("followup_days_after_measure_end").outside(
                "date_diff('day', e.episode_end, f.occurred_date)"
            )
        }, false))
           AND bool_or(e.episode_start <= f.occurred_date)"""
    ),
    requires=("counting_followup_held", "counting_ladder_moved"),
    holds=True,
    hold_reason="a follow-up on a measure that had ended",
    stage=3,
    fires=("followup_a_month_after_its_measure_ended",),
    passes=("clean", "followup_on_the_last_day", "measure_restarted"),
)
