"""The lake never holds a CPR number. One that slipped into bronze is held out of the marts and
named (masked); an event whose very id carries it cannot be held (the quarantine would have to
write the number down) and blocks."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.bronze._cpr import BRONZE_CPR_PLACES, cpr_in

RULE = Rule(
    severity=CRITICAL,
    description="No CPR-like number in bronze payloads or identifiers (the lake never holds a "
    "CPR).",
    sql=cpr_in(BRONZE_CPR_PLACES, "visible_bronze", holdable=True),
    requires=("visible_bronze",),
    holds=True,
    hold_reason="a CPR-like number in the event",
    fires=("cpr_in_free_text", "cpr_as_child_id", "cpr_in_event_id"),
    passes=("clean", "pseudonym_with_date_like_hex", "uuid_with_ten_digits"),
)
