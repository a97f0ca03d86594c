"""Dead letters keep the raw record with CPR-like numbers masked. One that did not is a privacy
incident to erase by hand; the marts never read dead letters, so it is flagged on every build
until it is erased, never a reason to stop publishing (it would stop it forever: dead letters
are append-only)."""

from expectations.rules import WARNING, Rule
from expectations.rules.bronze._cpr import DEADLETTER_CPR_PLACES, cpr_in

RULE = Rule(
    severity=WARNING,
    description="Dead letters hold raw records with CPR-like numbers masked (one that does "
    "not must be erased by hand).",
    sql=cpr_in(DEADLETTER_CPR_PLACES, "deadletters", holdable=False),
    requires=("deadletters",),
    fires=("cpr_in_raw", "cpr_in_error_field"),
    passes=("clean", "masked_cpr"),
)
