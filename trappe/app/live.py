"""Live mode, `trappe run --kafka HOST:PORT --follow`: consume continuously and keep the published
marts a few seconds behind the feed.

One thread consumes (`ingestion.kafka_source.KafkaIngest` in follow mode: batches land in bronze
every few seconds, exactly once across crashes). The main thread runs a *cycle* whenever
`cycle_seconds` have passed with something new in bronze, or `cycle_events` new events arrived:
the same steps as `trappe build` (`trappe.app.pipeline.build_lake`): the incremental transform
(bronze → silver, on one Spark session started by the first cycle and kept for the whole run),
the quality gate's screening and quarantine, the dbt build into staging from the input minus the
quarantine, and the gate on the marts, which publishes only a passing build. A failed cycle
(a gate that refuses, a dbt error, anything) leaves the published marts as they were; the next
cycle retries, with whatever arrived meanwhile. SIGTERM or SIGINT lets the running cycle finish
(each of its steps publishes atomically, so stopping between them is also safe), writes out
what the consumer holds, commits its offsets and exits 0 with one line.

Every cycle appends one JSON line to `Settings.live_cycles_file` (`<home>/live/cycles.jsonl`):
its status, step timings, and the lag from the events' arrival (their `ingested_at` in bronze)
to the moment the marts that include them were published. The Datakvalitet page reads it.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from trappe.core.errors import TrappeError
from trappe.core.live_record import Cycle, append_cycle
from trappe.core.live_record import read_cycles as read_cycle_records
from trappe.core.settings import Settings
from trappe.core.stats import weighted_p95

log = logging.getLogger(__name__)

DEFAULT_CYCLE_SECONDS = 10.0
DEFAULT_CYCLE_EVENTS = 20_000
# how often the waiting main thread looks at the consumer and the stop flag
_TICK_SECONDS = 0.25
CLOCKS = ("wall", "feed")


@dataclass
class LiveResult:
    cycles: int = 0
    published: int = 0
    failed: int = 0
    last_published_at: str | None = None
    ingest_summary: str = ""
    history: list[Cycle] = field(default_factory=list)

    def summary(self) -> str:
        last = f"; last published {self.last_published_at}" if self.last_published_at else ""
        return (
            f"live mode stopped: {self.cycles} cycles ({self.published} published, "
            f"{self.failed} failed){last}; ingest {self.ingest_summary}"
        )


def _now() -> datetime:
    return datetime.now(UTC)


def arrival_times(bronze_dir: Path, versions: list[int]) -> list[tuple[datetime, int]]:
    """(ingested_at, events) for each bronze version: when its batch arrived, and how many.

    Read from bronze's change feed (the rows those commits added), one column only.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from trappe.core import lakehouse

    table = lakehouse.open_table(bronze_dir)
    if table is None or not versions:
        return []
    changes = pa.table(
        table.load_cdf(
            starting_version=min(versions),
            ending_version=max(versions),
            columns=["ingested_at", "_commit_version", "_change_type"],
        )
    )
    wanted = pa.array(sorted(set(versions)), pa.uint64())
    keep = pc.and_(
        pc.equal(changes["_change_type"].cast(pa.string()), "insert"),
        pc.is_in(changes["_commit_version"], value_set=wanted),
    )
    # (delta-rs gives the change type as string_view, which arrow's filter does not take)
    inserted = changes.select(["ingested_at", "_commit_version"]).filter(keep)
    arrivals: list[tuple[datetime, int]] = []
    # one batch, one ingested_at: a version's events arrived together
    grouped = inserted.group_by("_commit_version").aggregate(
        [("ingested_at", "min"), ("ingested_at", "count")]
    )
    for row in sorted(grouped.to_pylist(), key=lambda r: r["_commit_version"]):
        first = row["ingested_at_min"]
        first = first if first.tzinfo else first.replace(tzinfo=UTC)
        arrivals.append((first, row["ingested_at_count"]))
    return arrivals


class LiveRun:
    """The live loop: one consumer thread, cycles on the main thread (see the module doc)."""

    def __init__(
        self,
        settings: Settings,
        bootstrap: str,
        *,
        topic: str | None = None,
        group: str = "trappe-lake",
        client: str | None = None,
        cycle_seconds: float = DEFAULT_CYCLE_SECONDS,
        cycle_events: int = DEFAULT_CYCLE_EVENTS,
        clock: str = "wall",
        reporting_start: date | None = None,
        spark_master: str | None = None,
        echo: Callable[[str], None] = print,
    ) -> None:
        if clock not in CLOCKS:
            raise TrappeError(f"--clock {clock!r}: choose {' or '.join(CLOCKS)}")
        if cycle_seconds <= 0 or cycle_events <= 0:
            raise TrappeError("--cycle-seconds and --cycle-events must be positive")
        self.settings = settings.ensure()
        self.bootstrap, self.topic, self.group, self.client = bootstrap, topic, group, client
        self.cycle_seconds, self.cycle_events = cycle_seconds, cycle_events
        self.clock = clock
        self.reporting_start = reporting_start
        self.spark_master = spark_master
        self.echo = echo
        self.stop = threading.Event()
        self._ingest_error: BaseException | None = None
        # arrivals in bronze not yet in published marts (a failed cycle's carry over)
        self._unpublished: list[tuple[datetime, int]] = []
        # the Spark session: started by the first cycle (a JVM is costly, and nothing needs it
        # before bronze holds events), kept until the loop ends
        self._session: Any = None
        self._unit_tests_passed = False

    # -- signals -------------------------------------------------------------------------
    def install_signal_handlers(self) -> dict[int, Any]:
        """SIGTERM and SIGINT set the stop flag; returns the handlers they replace."""
        if threading.current_thread() is not threading.main_thread():
            return {}  # only the main thread may; there the caller sets `stop` itself

        def request_stop(signum: int, _frame: object) -> None:
            log.info("%s received: finishing the current cycle", signal.Signals(signum).name)
            self.stop.set()

        return {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}

    # -- the loop ------------------------------------------------------------------------
    def run(self) -> LiveResult:
        from ingestion.kafka_source import KafkaIngest

        settings = self.settings
        # the consumer first: its validating workers fork while this process has no threads
        job = KafkaIngest(
            settings,
            self.bootstrap,
            topic=self.topic,
            group=self.group,
            follow=True,
            # small batches: an event is in bronze a few seconds after it arrives
            batch_seconds=min(5.0, max(0.5, self.cycle_seconds / 4)),
            client=self.client,
        )
        replaced = self.install_signal_handlers()
        consumer = threading.Thread(target=self._consume, args=(job,), name="live-ingest")
        consumer.start()
        result = LiveResult()
        try:
            written_at_last_cycle = 0
            last_cycle = 0.0  # the first cycle runs as soon as something is in bronze
            retry = False
            while not self.stop.is_set():
                self._raise_if_consumer_died(consumer)
                new = job.ingestor.counts.written - written_at_last_cycle
                due = time.monotonic() - last_cycle >= self.cycle_seconds
                if (
                    new >= self.cycle_events
                    or (due and (new > 0 or retry))
                    or (last_cycle == 0.0 and self._bronze_has_data())
                ):
                    written_at_last_cycle += new
                    last_cycle = time.monotonic()
                    cycle = self._cycle(len(result.history) + 1, new, retry)
                    result.history.append(cycle)
                    result.cycles += 1
                    if cycle.status == "published":
                        result.published += 1
                        result.last_published_at = cycle.published_at
                    elif cycle.status == "failed":
                        result.failed += 1
                    retry = cycle.status == "failed"
                    continue
                self.stop.wait(_TICK_SECONDS)
        finally:
            job.stop_requested.set()
            consumer.join()
            if self._session is not None:
                self._session.stop()
            for sig, handler in replaced.items():
                signal.signal(sig, handler)
        self._raise_if_consumer_died(consumer)
        result.ingest_summary = job.ingestor.counts.summary()
        return result

    def _consume(self, job: Any) -> None:
        try:
            job.run()
        except BaseException as exc:  # the main thread reports it and stops
            self._ingest_error = exc
            self.stop.set()

    def _raise_if_consumer_died(self, consumer: threading.Thread) -> None:
        if self._ingest_error is not None:
            raise TrappeError(f"live mode: the consumer failed: {self._ingest_error}") from (
                self._ingest_error
            )
        if not consumer.is_alive() and not self.stop.is_set():
            raise TrappeError("live mode: the consumer stopped unexpectedly")

    def _bronze_has_data(self) -> bool:
        from trappe.core import lakehouse

        # a file in bronze's newest snapshot: a batch of bad records only commits its source
        # positions (and dead letters), no bronze file
        table = lakehouse.open_table(self.settings.bronze_dir)
        return table is not None and bool(lakehouse.data_files(table))

    def _spark(self) -> Any:
        from transformations.spark import get_spark

        if self._session is None:
            self._session = get_spark(self.spark_master or self.settings.spark_master)
        return self._session

    def _as_of(self) -> datetime:
        if self.clock == "wall":
            return _now()
        # a replayed (simulated) feed: its own clock is the newest recorded_at in silver
        from trappe.warehouse import event_watermark

        watermark = event_watermark(self.settings.silver_dir.resolve())
        return watermark or _now()

    def _cycle(self, number: int, new: int, retry: bool = False) -> Cycle:
        """One build (`trappe.app.pipeline.run_build_steps`) on the live session, recorded;
        never raises for a failed step.

        When the transform finds no bronze version it has not read (what arrived during the
        previous cycle, which already read it) and the previous cycle published, nothing can
        change: the cycle is a noop, and the next event does not wait behind a rebuild of the
        same marts (a run's first cycle always builds: the last run may have stopped after a
        failure)."""
        from trappe.app.pipeline import BuildProgress, run_build_steps

        settings = self.settings
        started = time.monotonic()
        cycle = Cycle(cycle=number, started_at=_now().isoformat(), events_new=new)
        progress = BuildProgress()
        error: Exception | None = None
        try:
            run_build_steps(
                settings,
                progress,
                as_of=self._as_of,
                reporting_start=self.reporting_start,
                spark_master=self.spark_master,
                spark=self._spark(),
                data_docs=False,
                skip_if_unchanged=not retry and number > 1,
                # dbt's unit tests check the models' SQL, not the data, and the code does not
                # change while the loop runs: once a run is enough (a fifth of a cycle's dbt)
                unit_tests=not self._unit_tests_passed,
                announce=False,
            )
        except Exception as exc:
            error = exc
        self._record_steps(cycle, progress)
        if progress.dbt is not None and progress.dbt.success:
            self._unit_tests_passed = True
        if error is not None:
            step = _STEP_NAMES[progress.step]
            if settings.debug:
                log.exception("cycle %d failed in %s", number, step)
            cycle.status = "failed"
            cycle.error = f"{step}: {' '.join(_first_line(error).split())[:500]}"
            self.echo(f"cycle {number}: failed in {cycle.error}; the published marts are kept")
            if progress.step == "transform" and self._session is not None:
                # the session itself may be what broke (a lost JVM): the retry gets a new one
                with contextlib.suppress(Exception):
                    self._session.stop()
                self._session = None
        elif progress.skipped:
            cycle.status = "noop"
        else:
            published = _now()
            cycle.status = "published"
            cycle.published_at = published.isoformat()
            self._record_lag(cycle, published)
            self.echo(
                f"cycle {number}: published {cycle.events_published} new events "
                f"(lag {cycle.lag_newest_s} s newest, {cycle.lag_max_s} s max; "
                f"transform {cycle.transform_s} s, dbt {cycle.dbt_s} s, gate {cycle.gate_s} s)"
            )
        cycle.finished_at = _now().isoformat()
        cycle.cycle_s = round(time.monotonic() - started, 3)
        self._append(cycle)
        return cycle

    def _record_steps(self, cycle: Cycle, progress: Any) -> None:
        """The steps' timings and results into the cycle's record; what the transform read
        joins the events waiting for a publication."""
        seconds = progress.seconds
        cycle.transform_s, cycle.screen_s = seconds.get("transform"), seconds.get("screen")
        cycle.dbt_s, cycle.gate_s = seconds.get("dbt"), seconds.get("gate")
        if progress.transform is not None:
            cycle.transform_mode = progress.transform.mode
            cycle.bronze_versions = list(progress.transform.bronze_versions)
            self._unpublished += arrival_times(self.settings.bronze_dir, cycle.bronze_versions)
        if progress.as_of is not None:
            cycle.as_of = progress.as_of.isoformat()
        if progress.dbt is not None:
            cycle.dbt_nodes = progress.dbt.nodes
            if progress.dbt.event_watermark is not None:
                cycle.event_watermark = progress.dbt.event_watermark.isoformat()
        if progress.gate is not None:
            cycle.verdict = progress.gate.verdict

    def _record_lag(self, cycle: Cycle, published: datetime) -> None:
        arrivals, self._unpublished = self._unpublished, []
        if not arrivals:
            return
        cycle.events_published = sum(n for _, n in arrivals)
        lags = [((published - at).total_seconds(), n) for at, n in arrivals]
        newest = max(at for at, _ in arrivals)
        cycle.newest_event_at = newest.isoformat()
        cycle.lag_newest_s = round((published - newest).total_seconds(), 3)
        cycle.lag_p95_s = round(weighted_p95(lags) or 0.0, 3)
        cycle.lag_max_s = round(max(lag for lag, _ in lags), 3)
        cycle.lags = [[round(lag, 3), n] for lag, n in sorted(lags)]

    def _append(self, cycle: Cycle) -> None:
        append_cycle(self.settings.live_cycles_file, cycle)


# a failed step as the cycle's record names it
_STEP_NAMES = {
    "transform": "transform",
    "screen": "quality gate",
    "dbt": "dbt build",
    "gate": "quality gate",
}


def _first_line(error: Exception) -> str:
    """The first line of an error's message (a screening's or gate's summary)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def read_cycles(settings: Settings) -> list[dict[str, Any]]:
    """The recorded cycles, oldest first (what the Datakvalitet page shows)."""
    return read_cycle_records(settings.live_cycles_file)


def follow_command(
    settings: Settings,
    kafka: str | None,
    follow: bool,
    cycle_seconds: float,
    cycle_events: int,
    clock: str,
    topic: str | None,
    group: str,
    client: str | None,
) -> LiveResult:
    """`trappe run --kafka HOST:PORT --follow`: live mode until SIGTERM, then one line."""
    import click

    from trappe.app.commands.ingest import _setup_logging
    from trappe.contract import pseudonym_key

    if not follow:
        raise TrappeError(f"--kafka {kafka}: a broker address is for live mode; add --follow")
    if kafka is None or kafka == "local":
        raise TrappeError("--follow needs the feed's broker: --kafka HOST:PORT")
    if client:
        settings = settings.with_(kafka_client=client)
    pseudonym_key(settings)  # refuse before touching the lake when there is no key
    _setup_logging(False)
    logging.getLogger(__name__).setLevel(logging.INFO)
    live = LiveRun(
        settings,
        kafka,
        topic=topic,
        group=group,
        cycle_seconds=cycle_seconds,
        cycle_events=cycle_events,
        clock=clock,
        echo=lambda line: click.echo(line, err=True),
    )
    result = live.run()
    click.echo(result.summary())
    return result
