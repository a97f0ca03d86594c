"""Silver: one copy per event, every case known, the ladder as the seed defines it."""

from __future__ import annotations

from expectations.checks import CRITICAL, WARNING, Check
from expectations.config import QualityConfig

# an event.retracted names another event; it need not belong to an opened case of its own
NOT_CASE_SCOPED = ("case.opened", "event.retracted")


def checks(config: QualityConfig) -> list[Check]:
    seed = "'" + str(config.measure_types_seed).replace("'", "''") + "'"
    return [
        Check(
            "silver.event_id_unique",
            CRITICAL,
            "Each event_id appears once in silver/events (deduplication held).",
            """SELECT event_id, count(*) AS copies FROM silver_events
               GROUP BY event_id HAVING count(*) > 1""",
            requires=("silver_events",),
            unit="event_ids",
        ),
        Check(
            "silver.bronze_events_in_silver",
            WARNING,
            "Every bronze event_id reached silver (nothing lost between the layers).",
            """SELECT DISTINCT b.event_id, b.event_type, b.ingest_run_id FROM bronze_events b
               ANTI JOIN silver_events s USING (event_id)""",
            requires=("silver_events", "bronze_events"),
            unit="event_ids",
        ),
        Check(
            "silver.events_have_opened_case",
            CRITICAL,
            "Every case-scoped event that counts has a case.opened of the same case in the same "
            "municipality (no orphan events).",
            f"""SELECT e.event_id, e.event_type, e.municipality, e.case_id FROM silver_events e
                WHERE e.retracted_at IS NULL
                  AND e.event_type NOT IN ('{NOT_CASE_SCOPED[0]}', '{NOT_CASE_SCOPED[1]}')
                  AND NOT EXISTS (SELECT 1 FROM silver_events o
                                  WHERE o.event_type = 'case.opened' AND o.retracted_at IS NULL
                                    AND o.municipality = e.municipality AND o.case_id = e.case_id)""",
            requires=("silver_events",),
        ),
        Check(
            "silver.ladder_steps_in_range",
            CRITICAL,
            "ladder.moved from_step and to_step are 0-5 (or null on entry / exit).",
            """SELECT event_id, case_id, from_step, to_step FROM silver_ladder_moved
               WHERE from_step NOT BETWEEN 0 AND 5 OR to_step NOT BETWEEN 0 AND 5""",
            requires=("silver_ladder_moved",),
        ),
        Check(
            "silver.ladder_steps_match_seed",
            CRITICAL,
            "A move's to_step is the step the measure_types seed gives its measure_type.",
            f"""WITH seed AS (SELECT measure_type, step::INTEGER AS seed_step
                              FROM read_csv({seed}, header = true, all_varchar = true))
                SELECT m.event_id, m.case_id, m.measure_type, m.to_step, seed.seed_step
                FROM silver_ladder_moved m LEFT JOIN seed USING (measure_type)
                WHERE m.retracted_at IS NULL AND m.to_step IS NOT NULL
                  AND (seed.seed_step IS NULL OR seed.seed_step <> m.to_step)""",
            requires=("silver_ladder_moved",),
        ),
        Check(
            "silver.amounts_non_negative",
            CRITICAL,
            "cost.booked amount_dkk and ladder.moved daily_cost_dkk are not negative.",
            """SELECT event_id, case_id, 'cost.booked' AS event_type, amount_dkk AS amount
               FROM silver_cost_booked WHERE amount_dkk < 0
               UNION ALL
               SELECT event_id, case_id, 'ladder.moved', daily_cost_dkk
               FROM silver_ladder_moved WHERE daily_cost_dkk < 0""",
            requires=("silver_cost_booked", "silver_ladder_moved"),
        ),
        Check(
            "silver.cost_periods_valid",
            CRITICAL,
            "A cost booking's period_end is not before its period_start.",
            """SELECT event_id, case_id, period_start, period_end FROM silver_cost_booked
               WHERE period_end < period_start""",
            requires=("silver_cost_booked",),
        ),
        Check(
            "silver.followups_refer_to_known_measure",
            CRITICAL,
            "Every follow-up names a measure_id started by a ladder.moved of the same case.",
            """SELECT f.event_id, f.municipality, f.case_id, f.measure_id FROM silver_followup_held f
               WHERE f.retracted_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM silver_ladder_moved m
                                 WHERE m.retracted_at IS NULL AND m.municipality = f.municipality
                                   AND m.case_id = f.case_id AND m.measure_id = f.measure_id)""",
            requires=("silver_followup_held", "silver_ladder_moved"),
        ),
    ]
