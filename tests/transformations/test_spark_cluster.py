"""`trappe transform --spark-master spark://…` on a real standalone cluster gives the silver of
local mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from tests.support.transform_lake import event, read_silver, retraction, write_batch
from transformations import run_transform
from transformations.cluster import SparkStandaloneCluster, master_state
from transformations.schema import TABLES
from trappe.core.settings import Settings

pytestmark = pytest.mark.spark

# Two ingestion batches: a duplicate across batches, an earlier copy arriving later, a retraction,
# events in three years, so the cluster run shuffles, joins and writes several partitions.
BATCHES = [
    [
        event("c1", "case.opened", "2014-02-03", "2014-02-03T10:00:00+01:00", district="Vildbjerg"),
        event("c2", "ladder.moved", "2014-03-01", "2014-03-02T09:00:00+01:00"),
        event(
            "c3", "followup.held", "2015-01-10", "2015-01-10T12:00:00+01:00", channel="in_person"
        ),
        event("c4", "cost.booked", "2016-06-01", "2016-06-02T08:00:00+02:00"),
    ],
    [
        event("c3", "followup.held", "2015-01-10", "2015-01-11T12:00:00+01:00", channel="phone"),
        event(
            "c1", "case.opened", "2014-02-03", "2014-02-02T10:00:00+01:00", district="Sdr. Felding"
        ),
        retraction("r1", "c2", "2015-02-01T10:00:00+01:00"),
    ],
]


def _bronze(settings: Settings) -> None:
    for n, events in enumerate(BATCHES, start=1):
        write_batch(
            settings,
            f"batch-{n}",
            events,
            ingest_date=f"2026-01-0{n}",
            ingested_at=datetime(2026, 1, n, tzinfo=UTC),
        )


def _snapshot(settings: Settings) -> dict[str, list[tuple]]:
    return {table: read_silver(settings, table) for table in ["events", *TABLES]}


def _completed_apps(cluster: SparkStandaloneCluster, timeout: float = 20.0) -> list[dict]:
    # The master moves an application to "completed" shortly after its driver disconnects.
    deadline = time.monotonic() + timeout
    while True:
        state = master_state(cluster.webui_url)
        if state["completedapps"] or time.monotonic() > deadline:
            return state["completedapps"]
        time.sleep(0.2)


def test_transform_on_a_standalone_cluster_matches_local_mode(tmp_path, spark):
    cluster_lake = Settings(home=tmp_path / "lake")
    local_lake = Settings(home=tmp_path / "local-lake")
    _bronze(cluster_lake)
    _bronze(local_lake)

    with SparkStandaloneCluster(base_dir=tmp_path / "cluster") as cluster:
        # A subprocess: this process may already hold the suite's local SparkContext, and a
        # process can hold only one. A relative --home checks that executors get absolute paths.
        env = {
            **os.environ,
            "PYSPARK_PYTHON": sys.executable,
            "SPARK_LOCAL_IP": "127.0.0.1",
            # A 1-core cluster: Spark's 200 shuffle partitions would be 200 tiny tasks per stage.
            "PYSPARK_SUBMIT_ARGS": "--conf spark.sql.shuffle.partitions=4 pyspark-shell",
        }
        env.pop("TRAPPE_SPARK_MASTER", None)
        job = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "trappe.app.cli",
                "transform",
                "--home",
                "lake",
                "--spark-master",
                cluster.master_url,
            ],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            # The reference silver, from the same bronze in local mode, while the cluster works.
            run_transform(local_lake, spark=spark)
            stdout, stderr = job.communicate(timeout=240)
        finally:
            job.kill()
            job.wait()
        assert job.returncode == 0, stdout + stderr
        assert (
            "(full): 2 bronze versions, 7 rows in, 2 duplicates removed, 1 retractions applied"
            in stdout
        )

        apps = _completed_apps(cluster)
        assert [(a["name"], a["state"]) for a in apps] == [("trappe-transform", "FINISHED")]
        # The work ran in an executor the worker launched, not in the driver.
        assert list((tmp_path / "cluster" / "work" / apps[0]["id"]).iterdir())

    [record_file] = cluster_lake.transform_runs_dir.glob("*.json")
    assert json.loads(record_file.read_text())["spark_master"] == cluster.master_url

    cluster_silver = _snapshot(cluster_lake)
    assert cluster_silver == _snapshot(local_lake)
    assert {e for e, *_ in cluster_silver["events"]} == {"c1", "c2", "c3", "c4", "r1"}
    # Not trivially equal: the earlier recorded copy of c1 won, and r1 marked c2 as retracted.
    assert "Sdr. Felding" in cluster_silver["case_opened"][0]
    assert [row for row in cluster_silver["events"] if row[0] == "c2" and "r1" in row]
