"""Every check proven: each rule of the registry (expectations/rules/<layer>/<rule>.py) has a
proof fixture that makes it fire and one that makes it pass (tests/expectations/proofs/), and
each fixture does what the rule says it does, on a real lake (Parquet) read by real DuckDB."""

from __future__ import annotations

import importlib
import inspect
from types import ModuleType

import pytest

from expectations.config import QualityConfig
from expectations.rules import Rule, registry
from expectations.runner import INPUT_LAYERS, NOT_RUN, collect
from expectations.suites import checks_for
from tests.expectations.quality_lake import LakeSpec, build_lake

REGISTRY = registry()
PROOFS = "tests.expectations.proofs"  # proofs/<layer>/<rule>.py, beside the rule's file name


def proof_module(check: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"{PROOFS}.{check}")
    except ModuleNotFoundError:
        return None


def proof_gaps(rules: dict[str, Rule]) -> list[str]:
    """What keeps a rule from being proven: no fixture that fires or passes, a fixture it names
    that does not exist, a fixture its module holds that it does not name."""
    gaps = []
    for name, rule in rules.items():
        if not rule.fires:
            gaps.append(f"{name}: no fixture that makes it fire")
        if not rule.passes:
            gaps.append(f"{name}: no fixture that makes it pass")
        module = proof_module(name)
        if module is None:
            gaps.append(f"{name}: no proofs/{name.replace('.', '/')}.py")
            continue
        for fixture in (*rule.fires, *rule.passes):
            if not callable(getattr(module, fixture, None)):
                gaps.append(f"{name}: fixture {fixture!r} is not in {module.__name__}")
        own = {
            n
            for n, f in vars(module).items()
            if inspect.isfunction(f) and f.__module__ == module.__name__ and not n.startswith("_")
        }
        for unused in sorted(own - {*rule.fires, *rule.passes}):
            gaps.append(f"{name}: fixture {unused!r} is not named by the rule")
    return gaps


def test_every_rule_has_a_proof_that_fires_and_one_that_passes():
    assert len(REGISTRY) >= 40
    assert proof_gaps(REGISTRY) == []


def test_a_rule_without_proof_fails_the_registry_test():
    rule = REGISTRY["silver.event_id_unique"]
    unproven = {
        "silver.event_id_unique": Rule(rule.severity, rule.description, rule.sql, (), ("clean",)),
        "silver.no_such_rule": Rule(rule.severity, "", "", ("fires",), ("clean",)),
        "silver.cost_periods_valid": Rule(
            rule.severity, "", "", ("one_day_period", "nowhere"), ("clean",)
        ),
    }
    assert proof_gaps(unproven) == [
        "silver.event_id_unique: no fixture that makes it fire",
        "silver.event_id_unique: fixture 'two_copies_in_silver' is not named by the rule",
        "silver.no_such_rule: no proofs/silver/no_such_rule.py",
        "silver.cost_periods_valid: fixture 'nowhere' is not in "
        "tests.expectations.proofs.silver.cost_periods_valid",
        "silver.cost_periods_valid: fixture 'period_ends_before_it_starts' is not named by the "
        "rule",
    ]


def test_the_clean_lake_passes_every_rule_that_says_so(tmp_path):
    # one lake for every rule's "clean" proof: the same fixture, run once
    settings = build_lake(tmp_path / "lake", LakeSpec())
    config = QualityConfig.from_settings(settings)
    results = []
    for layers in (INPUT_LAYERS, ("marts",)):
        found, _ = collect(
            settings,
            checks_for(layers, config),
            marts_db=settings.staging_db,
            previous_db=settings.published_db,
        )
        results += found
    proven = {name for name, rule in REGISTRY.items() if "clean" in rule.passes}
    assert proven == set(REGISTRY)
    assert [r.message() for r in results if (r.violations, r.held) != (0, 0)] == []


CASES = [
    pytest.param(name, fixture, kind, id=f"{name}-{kind}-{fixture}")
    for name, rule in REGISTRY.items()
    for kind, fixtures in (("fires", rule.fires), ("passes", rule.passes))
    for fixture in fixtures
    if fixture != "clean"
]


@pytest.mark.parametrize("name, fixture, kind", CASES)
def test_proof(tmp_path, name, fixture, kind):
    spec = LakeSpec()
    module = proof_module(name)
    assert module is not None, name
    expected = getattr(module, fixture)(spec)
    settings = build_lake(tmp_path / "lake", spec)
    layers = ("marts",) if name.startswith("marts.") else INPUT_LAYERS
    every = checks_for(layers, QualityConfig.from_settings(settings))
    stage = next(c.stage for c in every if c.name == name)
    # the rule and the stages before it: a later rule sees what an earlier one held
    checks = [c for c in every if c.name == name or (c.holds and c.stage < stage)]
    results, quarantine = collect(
        settings,
        checks,
        marts_db=settings.staging_db,
        previous_db=settings.published_db,
        as_of=spec.as_of,
    )
    result = next(r for r in results if r.name == name)
    assert result.violations != NOT_RUN, result.message()
    if kind == "passes":
        assert (result.violations, result.held) == (0, 0), result.message()
        return
    assert result.violations > 0 or result.held > 0, result.message()
    if expected is not None:  # the offending event is named: held by this rule, or an example
        assert quarantine is not None
        named = {r["event_id"] for r in quarantine.rows.to_pylist() if r["check"] == name}
        named |= {e.get("event_id") for e in result.examples}
        assert expected in named, result.message()
