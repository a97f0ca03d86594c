"""`trappe produce` and `trappe ingest`."""

from __future__ import annotations

import logging
import sys

import click

from trappe.app.commands import OneLineErrors
from trappe.contract.cpr import pseudonym_key
from trappe.core.settings import Settings

# The packages whose progress the console shows; every library speaks from WARNING up.
OWN_LOGGERS = ("trappe", "ingestion", "expectations")


def _setup_logging(verbose: bool) -> None:
    # The root stays at WARNING: `trappe run` goes on in this process to Spark, dbt and Great
    # Expectations, whose INFO chatter (kafka-python's reconnects, GX's "Loading 'datasources' ->"
    # with a bare `[]` line) would otherwise reach the console.
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s"
    )
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.INFO)


@click.command(cls=OneLineErrors)
@click.option(
    "--kafka",
    "bootstrap",
    metavar="HOST:PORT",
    help="Kafka bootstrap servers (default: $TRAPPE_KAFKA).",
)
@click.option("--topic", default=None, help="Kafka topic (default: $TRAPPE_TOPIC or case-events).")
@click.option(
    "--from",
    "source",
    type=click.File("rb"),
    required=True,
    help="JSON Lines file of case events ('-' for stdin).",
)
@click.option(
    "--partitions",
    default=3,
    show_default=True,
    help="Partitions for the topic if it has to be created.",
)
def produce(bootstrap: str | None, topic: str | None, source, partitions: int) -> None:
    """Publish a JSON Lines file of case events to Kafka, keyed by case_id."""
    cfg = Settings.from_env(kafka_bootstrap=bootstrap, topic=topic)
    if not cfg.kafka_bootstrap:
        raise click.UsageError("give the broker: --kafka HOST:PORT (or set TRAPPE_KAFKA)")
    bootstrap, topic = cfg.kafka_bootstrap, cfg.topic
    from ingestion.kafka_client import ensure_topics
    from ingestion.producer import publish_lines

    _setup_logging(False)
    ensure_topics(bootstrap, [topic, cfg.dlq_topic], partitions)
    sent = publish_lines(bootstrap, topic, source)
    click.echo(f"published {sent} events to {topic} on {bootstrap}")


@click.command(cls=OneLineErrors)
@click.option(
    "--kafka",
    "bootstrap",
    metavar="HOST:PORT",
    help="Consume from Kafka at these bootstrap servers.",
)
@click.option(
    "--from",
    "source_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Ingest a JSON Lines file instead of Kafka.",
)
@click.option("--topic", default=None, help="Kafka topic (default: $TRAPPE_TOPIC or case-events).")
@click.option("--group", default="trappe-lake", show_default=True, help="Kafka consumer group.")
@click.option(
    "--client",
    type=click.Choice(["kafka-python", "confluent"]),
    default=None,
    help="Kafka client library (default: $TRAPPE_KAFKA_CLIENT or kafka-python; "
    "confluent needs `pip install trappe[fast]`).",
)
@click.option(
    "--follow",
    is_flag=True,
    help="Keep consuming until SIGTERM/SIGINT instead of stopping when caught up.",
)
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    help="The lake directory (env TRAPPE_HOME, default ./lake).",
)
@click.option(
    "--batch-size",
    default=None,
    type=click.IntRange(min=1),
    help="Records per bronze batch (default 20000 for Kafka, 50000 for files).",
)
@click.option(
    "--batch-seconds",
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Kafka: commit a batch after this long even if it is not full.",
)
@click.option(
    "--idle-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.5),
    help="Kafka without --follow: stop after this long without a record.",
)
@click.option(
    "--no-dlq-topic",
    is_flag=True,
    help="Kafka: do not publish dead letters to <topic>.dlq (the lake still has them).",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(min=0),
    help="Processes validating beside the source (0: inline). Default: one a core, "
    "at most 8; a file under 4 MB is checked inline.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every dead letter.")
def ingest(
    bootstrap,
    source_file,
    topic,
    group,
    client,
    follow,
    home,
    batch_size,
    batch_seconds,
    idle_timeout,
    no_dlq_topic,
    workers,
    verbose,
) -> None:
    """Validate events from Kafka or a file into the bronze log; bad records to dead letters.

    Ends with a one-line summary and writes ingest_runs/<run_id>.json.
    """
    if bool(bootstrap) == bool(source_file):
        raise click.UsageError("give exactly one source: --kafka HOST:PORT or --from FILE")
    _setup_logging(verbose)
    settings = Settings.from_env(home=home, topic=topic, kafka_client=client)
    pseudonym_key(settings)  # refuse before touching the lake when there is no key
    settings.ensure()

    if source_file:
        from ingestion.file_source import DEFAULT_BATCH_RECORDS, ingest_file

        run_id, counts = ingest_file(
            settings,
            source_file,
            batch_records=batch_size or DEFAULT_BATCH_RECORDS,
            workers=workers,
        )
    else:
        from ingestion.checking import DEFAULT_WORKERS
        from ingestion.kafka_source import DEFAULT_BATCH_RECORDS, KafkaIngest

        job = KafkaIngest(
            settings,
            bootstrap,
            topic=settings.topic,
            group=group,
            follow=follow,
            batch_records=batch_size or DEFAULT_BATCH_RECORDS,
            batch_seconds=batch_seconds,
            idle_seconds=idle_timeout,
            dead_letter_topic=not no_dlq_topic,
            workers=DEFAULT_WORKERS if workers is None else workers,
        )
        job.install_signal_handlers()
        run_id, counts = job.run()
    click.echo(f"ingest {run_id}: {counts.summary()}")


if __name__ == "__main__":  # pragma: no cover
    ingest()
