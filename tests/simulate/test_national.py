"""The national scenario: valid at any size, sized by --events, and its CLI."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from click.testing import CliRunner

from trappe.app.commands.simulate import simulate
from trappe.contract import EVENT_TYPES, validate_line
from trappe.contract.cpr import DEMO_KEY


def _run(tmp_path, *options: str) -> tuple[list[str], str]:
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(
        simulate, ["--scenario", "national", "--out", str(out), "--no-progress", *options]
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8").splitlines(), result.output


def test_small_national_run_is_valid_except_the_bad_records(tmp_path):
    lines, report = _run(
        tmp_path,
        "--municipalities",
        "3",
        "--years",
        "2022-2024",
        "--events",
        "20000",
        "--bad-share",
        "0.01",
    )
    assert len(lines) == pytest.approx(20000, rel=0.15)
    rejected = Counter()
    types = Counter()
    valid = []
    for line in lines:
        result = validate_line(line, key=DEMO_KEY)
        if hasattr(result, "event_type"):
            types[result.event_type] += 1
            valid.append(json.loads(line))
        else:
            rejected[result.code] += 1
    assert set(types) == set(EVENT_TYPES)
    assert sum(rejected.values()) == pytest.approx(0.01 * len(lines), rel=0.35)
    assert f"{sum(rejected.values())} bad records" in report
    municipalities = {e["municipality"] for e in valid}
    assert municipalities == {"101", "147", "151"}
    # Barnets lov governs decisions from 2024
    bases = {
        e["payload"]["legal_basis"][:3]
        for e in valid
        if e["event_type"] == "decision.made" and e["occurred_at"].startswith("2024")
    }
    assert bases == {"BL "}
    with open(tmp_path / "population_0_22.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {(r["municipality"], r["year"]) for r in rows} == {
        (m, str(y)) for m in ("101", "147", "151") for y in (2022, 2023, 2024)
    }


def test_events_option_scales_the_stream(tmp_path):
    small, _ = _run(tmp_path, "--municipalities", "2", "--years", "2020", "--events", "5000")
    large, _ = _run(tmp_path, "--municipalities", "2", "--years", "2020", "--events", "15000")
    assert len(large) / len(small) == pytest.approx(3, rel=0.2)


def test_stdout_output(tmp_path):
    result = CliRunner().invoke(
        simulate,
        [
            "--scenario",
            "national",
            "--municipalities",
            "1",
            "--years",
            "2020",
            "--events",
            "2000",
            "--out",
            "-",
            "--no-progress",
        ],
    )
    assert result.exit_code == 0
    first = json.loads(result.stdout.splitlines()[0])
    assert first["municipality"] == "101"


@pytest.mark.parametrize(
    "options, message",
    [
        (["--scenario", "herning-pilot", "--events", "1000"], "national scenario only"),
        (["--scenario", "national", "--years", "1990-1991"], "outside the population seed"),
        (["--scenario", "national", "--municipalities", "99"], "between 1 and 98"),
        (["--scenario", "national", "--years", "twenty"], "expected a year or a range"),
    ],
)
def test_bad_options_are_usage_errors(options, message):
    result = CliRunner().invoke(simulate, options)
    assert result.exit_code == 2
    assert message in result.output
