"""`trappe simulate`: write a scenario's events as JSON Lines, or publish them to Kafka."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import click

from trappe.app.commands import OneLineErrors
from trappe.core.settings import DEFAULT_TOPIC
from trappe.simulate.engine import Rates, Simulation, Summary
from trappe.simulate.reference import write_population
from trappe.simulate.run import POPULATION_FILE, build_scenario, simulate_batches
from trappe.simulate.scenarios import SCENARIO_NAMES


def _years(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        first, _, last = value.partition("-")
        return int(first), int(last or first)
    except ValueError:
        raise click.BadParameter(
            f"expected a year or a range like 2019-2023, got {value!r}"
        ) from None


@click.command("simulate", cls=OneLineErrors)
@click.option(
    "--scenario",
    type=click.Choice(SCENARIO_NAMES),
    default="herning-pilot",
    show_default=True,
    help="herning-pilot: Herning 2012-2016, pilot vs other districts; national: N "
    "municipalities at Danish national rates.",
)
@click.option(
    "--seed", type=int, default=1, show_default=True, help="The same seed gives the same bytes."
)
@click.option(
    "--out",
    "out",
    type=str,
    default=None,
    help="JSON Lines file to write ('-' for stdout; the default unless --kafka).",
)
@click.option(
    "--events",
    type=click.IntRange(min=1),
    default=None,
    help="national: approximate number of events (scales the population).",
)
@click.option(
    "--municipalities",
    type=int,
    default=None,
    help="national: how many municipalities (by code; default all 98).",
)
@click.option(
    "--years",
    callback=_years,
    default=None,
    metavar="FIRST-LAST",
    help="national: the years to simulate (default 2019-2023).",
)
@click.option(
    "--bad-share",
    type=click.FloatRange(0, 0.5),
    default=Rates.bad,
    show_default=True,
    help="Share of events that also get a broken copy the contract must reject.",
)
@click.option(
    "--kafka",
    "kafka",
    metavar="HOST:PORT",
    default=None,
    help="Publish to this Kafka bootstrap server instead of (or besides) writing a file.",
)
@click.option("--topic", default=DEFAULT_TOPIC, show_default=True, help="Kafka topic.")
@click.option(
    "--population-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Where to write the population used (default: {POPULATION_FILE} beside --out).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: when stderr is a terminal).",
)
def simulate(
    scenario: str,
    seed: int,
    out: str | None,
    events: int | None,
    municipalities: int | None,
    years: tuple[int, int] | None,
    bad_share: float,
    kafka: str | None,
    topic: str,
    population_out: Path | None,
    progress: bool | None,
) -> None:
    """Generate a seeded, realistic case-event stream for a municipality scenario."""
    try:
        world = build_scenario(scenario, municipalities=municipalities, years=years, events=events)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if out is None and kafka is None:
        out = "-"
    summary = Summary()
    show = sys.stderr.isatty() if progress is None else progress
    bar = _progress_bar(world.start.toordinal(), world.end.toordinal(), show)

    def advance(simulation: Simulation, _lines: int) -> None:
        bar.update(max(0, simulation.progress_day - world.start.toordinal() - bar.n))
        bar.set_postfix(events=simulation.summary.events, refresh=False)

    batches = simulate_batches(world, seed, Rates(bad=bad_share), summary, advance)
    try:
        if kafka is not None:
            from ingestion.producer import publish_lines  # only a Kafka run needs the client

            lines = _tee(batches, out)
            sent = publish_lines(kafka, topic, lines)
            click.echo(f"published {sent} messages to {topic} at {kafka}", err=True)
        else:
            assert out is not None  # "-" when there is no --kafka
            _write(batches, out)
    finally:
        bar.close()
    if population_out is None and out is not None and out != "-":
        population_out = Path(out).with_name(POPULATION_FILE)
    if population_out is not None:
        write_population(population_out, world.population)
    bad = sum(summary.bad.values())
    click.echo(
        f"{scenario} seed {seed}: {summary.lines} lines = {summary.events} events + "
        f"{summary.duplicates} duplicates + {bad} bad records "
        f"({', '.join(f'{k} {v}' for k, v in sorted(summary.bad.items())) or 'none'}); "
        f"{summary.late} late, {summary.retractions} retracted"
        + (f" -> {out}" if out not in (None, "-") else ""),
        err=True,
    )


def _progress_bar(first_day: int, last_day: int, show: bool):
    from tqdm import tqdm

    return tqdm(
        total=last_day - first_day + 1,
        unit="day",
        desc="simulating",
        file=sys.stderr,
        disable=not show,
        dynamic_ncols=True,
    )


def _output(out: str) -> contextlib.AbstractContextManager[BinaryIO]:
    """`out` opened for writing; `-` is standard output, flushed but left open."""
    if out == "-":
        return contextlib.nullcontext(sys.stdout.buffer)
    return open(out, "wb")


def _write(batches: Iterator[list[str]], out: str) -> None:
    with _output(out) as stream:
        for batch in batches:
            if batch:
                stream.write(("\n".join(batch) + "\n").encode("utf-8"))
        stream.flush()


def _tee(batches: Iterator[list[str]], out: str | None) -> Iterator[bytes]:
    """The lines as bytes for the producer, also written to `out` when one is given."""
    with contextlib.ExitStack() as stack:
        stream = None if out is None else stack.enter_context(_output(out))
        for batch in batches:
            for line in batch:
                data = line.encode("utf-8")
                if stream is not None:
                    stream.write(data + b"\n")
                yield data
        if stream is not None:
            stream.flush()
