"""A schema version without an upcaster cannot be read into silver's columns: held."""

from expectations.rules import CRITICAL, Rule
from trappe.contract import CURRENT_SCHEMA_VERSION

RULE = Rule(
    severity=CRITICAL,
    description=f"schema_version is one the platform can upcast (1 to {CURRENT_SCHEMA_VERSION}).",
    sql=f"""SELECT event_id, schema_version FROM visible_bronze
            WHERE schema_version NOT BETWEEN 1 AND {CURRENT_SCHEMA_VERSION}""",
    requires=("visible_bronze",),
    holds=True,
    hold_reason="schema_version cannot be upcast",
    fires=("schema_version_99",),
    passes=("clean",),
)
