"""Proof fixtures of the quality gate's rules: `proofs/<layer>/<rule>.py` holds, for the rule
`expectations/rules/<layer>/<rule>.py`, one function per fixture name the rule lists in `fires`
and `passes`. Each takes the clean `LakeSpec` (quality_lake) and changes it in one place; a fixture
that fires may return the event_id the rule must name. test_rule_registry runs them all."""
