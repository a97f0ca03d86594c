"""Live mode's record: one JSON line a cycle in `Settings.live_cycles_file`
(`<home>/live/cycles.jsonl`), written by trappe.app.live and read by the dashboard's
Datakvalitet page; the one place its fields and the freshness read from them are defined."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from trappe.core.stats import weighted_p95


@dataclass
class Cycle:
    """One line of `<home>/live/cycles.jsonl`: what a cycle did and how far behind it was."""

    cycle: int
    started_at: str
    status: str = "running"  # published | failed | noop
    finished_at: str | None = None
    published_at: str | None = None
    as_of: str | None = None
    # the newest recorded_at the build includes (the published marts' audit_build row)
    event_watermark: str | None = None
    verdict: str | None = None
    error: str | None = None
    # events that reached bronze since the previous cycle began, and those the published marts
    # now include for the first time (a failed cycle's events are published by the next one)
    events_new: int = 0
    events_published: int = 0
    transform_mode: str | None = None
    transform_s: float | None = None
    dbt_s: float | None = None
    # nodes dbt ran: models, seeds, data tests, and the unit tests in a run's first build only
    dbt_nodes: int | None = None
    gate_s: float | None = None
    screen_s: float | None = None
    cycle_s: float | None = None
    # the bronze versions (Delta commits, one per ingested batch) this cycle's transform read:
    # which events it carried
    bronze_versions: list[int] = field(default_factory=list)
    # lag: from an event's arrival in bronze (its ingested_at) to the publication of marts that
    # include it; `lag_newest_s` is the freshest event's, `lag_max_s` the one that waited longest
    newest_event_at: str | None = None
    lag_newest_s: float | None = None
    lag_p95_s: float | None = None
    lag_max_s: float | None = None
    # every arrival this publication carried: [lag_s, events], one pair per bronze batch, so that
    # a percentile over many cycles is exact (bench/bench_all.py)
    lags: list[list[float]] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def append_cycle(path: Path, cycle: Cycle) -> None:
    """Append one cycle's line, whole and synced: a reader never sees half a record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(cycle.to_json() + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_cycles(path: Path, last: int | None = None) -> list[dict[str, Any]]:
    """The recorded cycles (the `last` ones), oldest first; a line that does not parse (one
    being written as it is read) is left out."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    cycles: list[dict[str, Any]] = []
    for line in lines[-last:] if last else lines:
        try:
            cycle = json.loads(line)
        except ValueError:
            continue
        if isinstance(cycle, dict):
            cycles.append(cycle)
    return cycles


def freshness(cycles: list[dict[str, Any]], window: int = 50) -> dict[str, Any] | None:
    """How far the published marts are behind the feed: the latest publication, its newest
    event's lag, the 95th percentile of every published event's lag over the last `window`
    publications, and the failed cycles since the latest publication. None without one."""
    published = [c for c in cycles if c.get("status") == "published"][-window:]
    if not published:
        return None
    failed_since = 0
    for cycle in reversed(cycles):
        if cycle.get("status") == "published":
            break
        failed_since += cycle.get("status") == "failed"
    # every arrival carried as [lag_s, events]: the percentile weighs each event once
    p95 = weighted_p95((float(lag), int(n)) for c in published for lag, n in c.get("lags") or [])
    return {
        "published_at": published[-1].get("published_at"),
        "lag_newest_s": published[-1].get("lag_newest_s"),
        "lag_p95_s": p95,
        "cycles": len(published),
        "failed_since": failed_since,
    }
