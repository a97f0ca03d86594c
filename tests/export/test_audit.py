"""The export log and `trappe export --list` / `--reproduce`: every export is logged with who,
when, what it read and the checksums of its files, and any logged export is re-made
byte-identically even after the lake has changed."""

from __future__ import annotations

import getpass
import json
import shutil
from pathlib import Path

import duckdb
from click.testing import CliRunner

from trappe.app.commands.export import export
from trappe.core.settings import settings as make_settings
from trappe.export import list_exports


def cli(home: Path, *args: str):
    return CliRunner().invoke(export, ["--home", str(home), *args])


def test_reproduce_is_byte_identical_after_the_lake_changed(pilot_home, tmp_path):
    home = tmp_path / "lake"
    settings = make_settings(home)
    settings.published_db.parent.mkdir(parents=True)
    shutil.copyfile(pilot_home.published_db, settings.published_db)
    first = tmp_path / "first"
    result = cli(
        home, "--out", str(first), "--period", "2015", "--suppress", "--unvalidated",
        "--threshold", "4",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (entry,) = list_exports(settings)
    assert entry.user == getpass.getuser() and entry.periods == ["2015"]
    assert entry.suppressed and entry.threshold == 4 and entry.unvalidated
    assert entry.as_of and entry.format == "csv"
    assert set(entry.files) == {"kpis.csv", "metadata.json", "UVALIDERET.txt"}
    # the log is plain JSON (the dashboard's Datakvalitet page reads it)
    record = json.loads(entry.path.read_text(encoding="utf-8"))
    for key in ("created_at", "user", "periods", "as_of", "files", "lake_state", "threshold"):
        assert key in record
    assert all(len(sha) == 64 for sha in record["files"].values())

    # late events arrive and the marts are rebuilt: the published numbers change
    con = duckdb.connect(str(settings.published_db))
    con.execute("update kpi_values set numerator = numerator + 7 where kpi = 'notifications'")
    con.close()
    changed = tmp_path / "changed"
    assert cli(home, "--out", str(changed), "--period", "2015", "--unvalidated").exit_code == 0
    now = (changed / "kpis.csv").read_text(encoding="utf-8")
    assert "notifications,2015,657,all,all,all," in now
    line = next(x for x in now.splitlines() if x.startswith("notifications,2015,657,all,all,all,"))
    assert line not in (first / "kpis.csv").read_text(encoding="utf-8")

    again = tmp_path / "again"
    result = cli(home, "--out", str(again), "--reproduce", entry.export_id)
    assert result.exit_code == 0, result.output
    for name in entry.files:
        assert (again / name).read_bytes() == (first / name).read_bytes(), name
    log = list_exports(settings)
    assert [e.reproduces for e in log].count(entry.export_id) == 1

    listing = cli(home, "--list")
    assert listing.exit_code == 0 and entry.export_id in listing.output
    assert f"reproduces {entry.export_id}" in listing.output


def test_user_errors_are_one_line(pilot_home, tmp_path):
    result = cli(
        pilot_home.home, "--out", str(tmp_path), "--reproduce", "20990101T000000Z-deadbeef"
    )
    assert result.exit_code != 0 and "20990101T000000Z-deadbeef" in result.output
    assert "Traceback" not in result.output
    result = cli(pilot_home.home, "--out", str(tmp_path), "--period", "2015")
    assert result.exit_code != 0 and "--unvalidated" in result.output
    result = cli(pilot_home.home, "--out", str(tmp_path), "--period", "2031", "--unvalidated")
    assert result.exit_code != 0 and "2031" in result.output
