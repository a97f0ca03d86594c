"""The bronze suite on a lake the real ingestion wrote: its run record and files reconcile."""

from __future__ import annotations

import json

from click.testing import CliRunner

from expectations.runner import run_suites
from trappe.app.cli import cli
from trappe.core.settings import Settings


def line(event_id, event_type, case_id, payload, **extra):
    return json.dumps(
        {
            "event_id": event_id,
            "event_type": event_type,
            "schema_version": 1,
            "occurred_at": "2015-03-02",
            "recorded_at": "2015-03-02T10:00:00+01:00",
            "municipality": "657",
            "case_id": case_id,
            "payload": payload,
            **extra,
        }
    )


def test_bronze_suite_reconciles_a_real_ingest_run(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAPPE_DEMO", "1")
    opened = line(
        "E-1",
        "case.opened",
        "C-1",
        {"district": "Vest", "team": "t1", "birth_month": "2008-01"},
        cpr="0101081234",
    )
    source = tmp_path / "events.jsonl"
    source.write_text(
        "\n".join(
            [
                opened,
                opened,  # a duplicate: ignored, counted
                line("E-2", "case.closed", "C-1", {"reason": "goal_reached"}),
                '{"event_id": "E-3", "event_type":',  # malformed: a dead letter
                line(
                    "E-4", "case.closed", "C-1", {"reason": "note 010190-1234"}
                ),  # CPR: dead letter
            ]
        )
        + "\n"
    )
    home = tmp_path / "lake"
    result = CliRunner().invoke(cli, ["ingest", "--from", str(source), "--home", str(home)])
    assert result.exit_code == 0, result.output

    report = run_suites(Settings(home=home), ["bronze"], data_docs=False)

    assert report.verdict == "passed", report.summary()
    by_name = {r.name: r for r in report.results}
    assert by_name["bronze.ingest_runs_reconcile"].violations == 0
    assert by_name["bronze.ingest_runs_match_lake"].violations == 0
    (run_file,) = (home / "ingest_runs").glob("*.json")
    run = json.loads(run_file.read_text())
    assert (run["read"], run["written"], run["duplicates"]) == (5, 2, 1)
