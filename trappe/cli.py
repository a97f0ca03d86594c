"""The `trappe` command line.

Each verb lives in the module that owns it and is imported only when it runs, so that
`trappe --help` answers at once and `trappe simulate` never starts a JVM.
"""
from __future__ import annotations

import importlib

import click

from trappe import __version__

# verb -> (module:attribute, one-line help shown by `trappe --help`)
VERBS: dict[str, tuple[str, str]] = {
    "simulate": ("trappe.simulate.cli:simulate",
                 "Generate a seeded, realistic case-event stream for a municipality scenario."),
    "produce": ("ingestion.cli:produce",
                "Publish a JSON Lines file of case events to a Kafka topic, keyed by case."),
    "ingest": ("ingestion.cli:ingest",
               "Validate events from Kafka or a file into the bronze log; bad records to dead letters."),
    "transform": ("transformations.cli:transform",
                  "Run the PySpark jobs bronze -> silver (upcast, dedupe, retractions, as-of)."),
    "build": ("trappe.pipeline:build",
              "Transform, build the dbt marts, validate them and publish if the gate passes."),
    "validate": ("expectations.cli:validate",
                 "Run the Great Expectations suites on bronze, silver and the marts."),
    "export": ("trappe.export:export",
               "Write the partnership export (kpis.csv + metadata.json) for given periods."),
    "dashboard": ("dashboards.cli:dashboard",
                  "Start the Streamlit dashboard on the published marts (read-only)."),
    "run": ("trappe.pipeline:run",
            "The whole embedded-default job: simulate, ingest, build, validate, publish, export."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(VERBS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in VERBS:
            return None
        target, _ = VERBS[name]
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):
            raise click.ClickException(f"{target} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help text comes from the table above, so listing verbs imports nothing heavy.
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_) for name, (_, help_) in VERBS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trappe")
def cli() -> None:
    """trappe: the Herning model, measured. Case events in; trusted KPIs out."""


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
