"""The measure_types seed is the ladder: a move that disagrees with it (or names a measure type
the seed lacks) is held until the event is retracted or the seed is updated."""

from expectations.config import QualityConfig
from expectations.rules import CRITICAL, Rule


def _sql(config: QualityConfig) -> str:
    seed = "'" + str(config.measure_types_seed).replace("'", "''") + "'"
    return f"""WITH seed AS (SELECT measure_type, step::INTEGER AS seed_step
                             FROM read_csv({seed}, header = true, all_varchar = true))
               SELECT m.event_id, m.case_id, m.measure_type, m.to_step, seed.seed_step
               FROM visible_ladder_moved m LEFT JOIN seed USING (measure_type)
               WHERE m.to_step IS NOT NULL
                 AND (seed.seed_step IS NULL OR seed.seed_step <> m.to_step)"""


RULE = Rule(
    severity=CRITICAL,
    description="A move's to_step is the step the measure_types seed gives its measure_type.",
    sql=_sql,
    requires=("visible_ladder_moved",),
    holds=True,
    hold_reason="to_step disagrees with the measure_types seed",
    fires=("foster_family_on_step_2", "measure_type_not_in_seed"),
    passes=("clean",),
)
