"""An event dated before the platform's history or after its own ingestion would stretch every
daily projection to it: held before dbt spans it into rows."""

from expectations.config import QualityConfig
from expectations.rules import CRITICAL, Rule


def _sql(config: QualityConfig) -> str:
    future = f"INTERVAL {float(config.future_tolerance_hours)} HOUR"
    earliest = f"TIMESTAMPTZ '{config.earliest_date.isoformat()} 00:00:00+00'"
    return f"""SELECT event_id, occurred_at, recorded_at, ingested_at FROM visible_bronze
               WHERE occurred_at < {earliest} OR recorded_at < {earliest}
                  OR occurred_at > ingested_at + {future}
                  OR recorded_at > ingested_at + {future}"""


RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        f"occurred_at and recorded_at lie between {c.earliest_date} and the "
        f"ingestion time plus {c.future_tolerance_hours:g} h."
    ),
    sql=_sql,
    requires=("visible_bronze",),
    holds=True,
    hold_reason="occurred_at or recorded_at out of range",
    fires=("occurred_in_1985", "recorded_after_ingestion"),
    passes=("clean", "occurred_in_1985_retracted", "occurred_on_the_earliest_date"),
)
