"""Schema evolution in silver: older versions are upcast by the contract's adapters."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.support.transform_lake import event, silver_relation, write_batch
from transformations import run_transform
from transformations.upcast import UnsupportedSchemaVersion
from trappe.app.cli import cli
from trappe.contract.upcast import Adapter, register_adapter, unregister_adapter, upcast_payload
from trappe.core import lakehouse
from trappe.core.settings import Settings

pytestmark = pytest.mark.spark

# A version 2 of wellbeing.assessed that called the score `sdq_total` and had no `instrument`.
V2 = Adapter(
    "wellbeing.assessed",
    2,
    renames={"sdq_total": "total_difficulties"},
    defaults={"instrument": "SDQ"},
)


@pytest.fixture
def v2_adapter():
    register_adapter(V2)
    try:
        yield V2
    finally:
        unregister_adapter(V2.event_type, V2.version)


def _v2_event(event_id: str) -> dict:
    raw = event(event_id, "wellbeing.assessed", "2015-04-01", "2015-04-01T10:00:00+02:00")
    raw["schema_version"] = 2
    raw["payload"] = {"informant": "parent", "sdq_total": 17, "peer": 3}
    return raw


def test_older_version_is_upcast_into_the_same_table(tmp_path, spark, v2_adapter):
    settings = Settings(home=tmp_path)
    write_batch(
        settings,
        "batch-1",
        [
            _v2_event("old"),
            event(
                "new",
                "wellbeing.assessed",
                "2015-05-01",
                "2015-05-01T10:00:00+02:00",
                total_difficulties=9,
            ),
        ],
    )
    run_transform(settings, spark=spark)
    rows = {r["event_id"]: r for r in _dicts(settings, "wellbeing_assessed")}
    assert rows["old"]["schema_version"] == 2  # as received
    assert (rows["old"]["total_difficulties"], rows["old"]["instrument"], rows["old"]["peer"]) == (
        17,
        "SDQ",
        3,
    )
    assert rows["new"]["total_difficulties"] == 9
    events = {r["event_id"]: r for r in _dicts(settings, "events")}
    # the same rule as the Python validator's upcast
    assert (
        json.loads(events["old"]["payload_json"])
        == upcast_payload("wellbeing.assessed", 2, _v2_event("old")["payload"])
        == {"informant": "parent", "instrument": "SDQ", "peer": 3, "total_difficulties": 17}
    )


def test_version_without_adapter_fails_naming_the_event(tmp_path, spark):
    settings = Settings(home=tmp_path)
    register_adapter(V2)  # bronze written while the adapter existed…
    try:
        write_batch(settings, "batch-1", [_v2_event("orphan")])
    finally:
        unregister_adapter(V2.event_type, V2.version)  # …and transformed after it was removed
    with pytest.raises(
        UnsupportedSchemaVersion, match=r"event orphan: field 'schema_version': version 2"
    ):
        run_transform(settings, spark=spark)
    assert lakehouse.read_release(settings.silver_dir) is None  # nothing published
    result = CliRunner().invoke(cli, ["transform", "--home", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: event orphan: field 'schema_version'")
    assert result.output.count("\n") == 1  # one line, no traceback


def _dicts(settings: Settings, table: str) -> list[dict]:
    import duckdb

    with duckdb.connect() as con:
        cursor = con.execute(f"select * from {silver_relation(settings, table)}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
