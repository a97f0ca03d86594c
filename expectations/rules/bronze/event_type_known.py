"""An event type the contract does not know has no meaning in the marts: held."""

from expectations.checks import sql_list
from expectations.rules import CRITICAL, Rule
from trappe.contract import EVENT_TYPES

RULE = Rule(
    severity=CRITICAL,
    description="event_type is one of the contract's event types.",
    sql=f"""SELECT event_id, event_type FROM visible_bronze
            WHERE event_type NOT IN {sql_list(EVENT_TYPES)}""",
    requires=("visible_bronze",),
    holds=True,
    hold_reason="unknown event_type",
    fires=("unknown_event_type",),
    passes=("clean", "unknown_event_type_retracted"),
)
