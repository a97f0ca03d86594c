"""One herning-pilot run per test session, shared by the tests that only read it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from trappe.contract import validate_line
from trappe.contract.cpr import DEMO_KEY
from trappe.simulate import Summary, build_scenario, simulate_to_file


@dataclass
class PilotRun:
    path: Path
    summary: Summary
    lines: list[str]
    valid: list[str]  # lines the contract accepts
    rejected: list[tuple[str, str]]  # (error code, line)


@pytest.fixture(scope="session")
def pilot_run(tmp_path_factory) -> PilotRun:
    path = tmp_path_factory.mktemp("pilot") / "events.jsonl"
    summary = simulate_to_file(path, build_scenario("herning-pilot"), seed=1)
    lines = path.read_text(encoding="utf-8").splitlines()
    valid, rejected = [], []
    for line in lines:
        result = validate_line(line, key=DEMO_KEY)
        if hasattr(result, "event_type"):
            valid.append(line)
        else:
            rejected.append((result.code, line))
    return PilotRun(path, summary, lines, valid, rejected)


@pytest.fixture(scope="session")
def pilot_events(pilot_run):
    from tests.support.simmeasure import parse_events

    return parse_events(pilot_run.valid)
