"""Disclosure control against an attacker (issue 15): primary and secondary suppression on
hand-made tables, and an integer-programming attacker (attacker.py) on the herning-pilot export
for one period and for four, who must fail to recover or narrow to 1-4 every hidden count."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.export.attacker import attack, breaches
from trappe.export import COLUMNS, Cell, render_csv, suppress, write_export
from trappe.export.cells import COUNT_FIELDS
from trappe.export.source import read_cells

CHECK_EXPORT = Path(__file__).resolve().parents[1] / "contract" / "check_export.py"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def attack_cells(cells: list[Cell], tmp_path: Path) -> list:
    """Suppress hand-made cells, write them as the export would, and attack the file."""
    truth = [Cell(**{k: getattr(c, k) for k in Cell.__dataclass_fields__}) for c in cells]
    suppress(cells)
    path = tmp_path / "kpis.csv"
    path.write_text(render_csv(cells), encoding="utf-8")
    return attack(truth, path)


def notifications(breakdown: str, n: int, group: str = "all", district: str = "all") -> Cell:
    return Cell("notifications", "2015", "657", group, district, breakdown, n, None, n, "count")


def test_primary_and_secondary_suppression_of_a_breakdown(tmp_path):
    cells = [
        notifications("all", 30),
        notifications("school", 3),
        notifications("police", 12),
        notifications("parent", 15),
    ]
    findings = attack_cells(cells, tmp_path)
    hidden = {c.breakdown for c in cells if c.suppressed}
    # school (3) is primary; one more part must go, or 30 - 12 - 15 gives it back
    assert "school" in hidden and len(hidden) >= 2
    assert all(c.numerator is None and c.value is None for c in cells if c.suppressed)
    assert findings and breaches(findings) == []


def test_secondary_suppression_across_districts_and_groups(tmp_path):
    cells = [
        notifications("all", 40),
        notifications("all", 20, "pilot"),
        notifications("all", 20, "other"),
        notifications("all", 2, "pilot", "A"),
        notifications("all", 8, "pilot", "B"),
        notifications("all", 10, "pilot", "C"),
        notifications("all", 20, "other", "D"),
    ]
    findings = attack_cells(cells, tmp_path)
    hidden = {(c.district_group, c.district) for c in cells if c.suppressed}
    assert ("pilot", "A") in hidden and len(hidden) >= 2
    assert breaches(findings) == []


def test_a_shared_count_and_a_bound_are_protected(tmp_path):
    """notifications for a source *is* notification_24h_compliance's denominator for it; the
    numerator (assessed in 24 hours) is at most that denominator."""

    def compliance(breakdown: str, num: int, den: int) -> Cell:
        return Cell(
            "notification_24h_compliance",
            "2015",
            "657",
            "all",
            "all",
            breakdown,
            num,
            den,
            100.0 * num / den,
            "%",
        )

    cells = [
        notifications("all", 30),
        notifications("school", 2),
        notifications("police", 13),
        notifications("parent", 15),
        compliance("all", 25, 30),
        compliance("school", 2, 2),
        compliance("police", 10, 13),
        compliance("parent", 13, 15),
    ]
    findings = attack_cells(cells, tmp_path)
    school = [c for c in cells if c.breakdown == "school"]
    assert all(c.suppressed for c in school)
    assert all(c.denominator is None for c in school if c.kpi == "notification_24h_compliance")
    assert breaches(findings) == []


def test_the_same_table_gives_the_same_blanks():
    def table() -> list[Cell]:
        return [
            notifications("all", 41),
            notifications("school", 3),
            notifications("police", 12),
            notifications("parent", 12),
            notifications("doctor", 14),
        ]

    patterns = set()
    for _ in range(3):
        cells = table()
        suppress(cells)
        patterns.add(render_csv(cells))
    assert len(patterns) == 1


@pytest.fixture(scope="module")
def one_period(pilot_home, tmp_path_factory):
    out = tmp_path_factory.mktemp("pilot_2015")
    result = write_export(
        pilot_home,
        ["2015"],
        out,
        suppress_small=True,
        database=pilot_home.published_db,
        unvalidated=True,
    )
    return result


@pytest.fixture(scope="module")
def four_periods(pilot_home, tmp_path_factory):
    out = tmp_path_factory.mktemp("pilot_2013_2016")
    return write_export(
        pilot_home,
        ["2013", "2014", "2015", "2016"],
        out,
        suppress_small=True,
        database=pilot_home.published_db,
        unvalidated=True,
    )


def _assert_holds(pilot_home, result) -> None:
    truth, _ = read_cells(pilot_home.published_db, result.metadata["periods"], unvalidated=True)
    findings = attack(truth, result.out / "kpis.csv")
    assert result.suppression is not None
    # the attacker sees every hidden count, primary ones among them
    assert len(findings) >= result.suppression.primary > 100
    assert sum(1 <= f.true_value <= 4 for f in findings) >= result.suppression.primary
    assert breaches(findings) == []


def test_an_attacker_fails_on_one_period(pilot_home, one_period):
    _assert_holds(pilot_home, one_period)


def test_an_attacker_fails_on_four_periods(pilot_home, four_periods):
    _assert_holds(pilot_home, four_periods)


def test_no_released_count_of_1_to_4_and_no_rate_of_a_hidden_one(pilot_home, four_periods):
    truth, _ = read_cells(
        pilot_home.published_db, four_periods.metadata["periods"], unvalidated=True
    )
    # followups_per_case's numerator is per half-year: the count is it times the scale
    scale = {c.sort_key(): c.numerator_scale for c in truth}
    rows = read_rows(four_periods.out / "kpis.csv")
    assert rows
    for r in rows:
        key = tuple(r[k] for k in COLUMNS[:6])
        for f in COUNT_FIELDS.get(r["kpi"], {}):
            if r[f] != "":
                count = float(r[f]) * (scale[key] if f == "numerator" else 1.0)
                assert not 1 <= round(count) <= 4, r
        if r["suppressed"] == "true":
            assert r["value"] == "", r
        else:
            assert r["value"] != "", r


def test_the_suppressed_export_conforms_and_says_what_it_left_out(four_periods):
    check = subprocess.run(
        [sys.executable, str(CHECK_EXPORT), str(four_periods.out)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    meta = json.loads((four_periods.out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["suppressed"] is True and meta["suppression"]["threshold"] == 4
    assert meta["rows"] == len(read_rows(four_periods.out / "kpis.csv"))
    # rates with a denominator of 0 have no value: left out, and counted
    assert meta["undefined_rows_left_out"] > 0
    assert meta["unvalidated"] is True and "UVALIDEREDE" in meta["warning"]
