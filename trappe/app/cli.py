"""The `trappe` command line.

Each verb is a thin click wrapper (in `trappe.app.commands` or `trappe.app.pipeline`) over a typed
function of a lower layer, imported only when it runs, so that `trappe --help` answers at once
and `trappe simulate` never starts a JVM.
"""

from __future__ import annotations

import importlib
import sys

import click

from trappe import __version__
from trappe.core.errors import TrappeError

# verb -> (module:attribute, one-line help shown by `trappe --help`)
VERBS: dict[str, tuple[str, str]] = {
    "simulate": (
        "trappe.app.commands.simulate:simulate",
        "Generate a seeded, realistic case-event stream for a municipality scenario.",
    ),
    "produce": (
        "trappe.app.commands.ingest:produce",
        "Publish a JSON Lines file of case events to a Kafka topic, keyed by case.",
    ),
    "ingest": (
        "trappe.app.commands.ingest:ingest",
        "Validate events from Kafka or a file into the bronze log; bad records to dead letters.",
    ),
    "transform": (
        "trappe.app.commands.transform:transform",
        "Run the PySpark jobs bronze -> silver (upcast, dedupe, retractions, as-of).",
    ),
    "build": (
        "trappe.app.pipeline:build",
        "Transform, build the dbt marts, validate them and publish if the gate passes.",
    ),
    "validate": (
        "trappe.app.commands.validate:validate",
        "Run the Great Expectations suites on bronze, silver and the marts.",
    ),
    "export": (
        "trappe.app.commands.export:export",
        "Write the partnership export (kpis.csv + metadata.json) for given periods.",
    ),
    "dashboard": (
        "trappe.app.commands.dashboard:dashboard",
        "Start the Streamlit dashboard on the published marts (read-only).",
    ),
    "users": (
        "trappe.app.commands.users:users",
        "Manage the dashboard's users: who may sign in, with which role and teams.",
    ),
    "lake": (
        "trappe.app.commands.lake:lake",
        "The lake's Delta tables: list their commits, compact them, vacuum old files.",
    ),
    "run": (
        "trappe.app.pipeline:run",
        "The whole embedded-default job: simulate, ingest, build, validate, publish, export.",
    ),
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
@click.option("--debug", is_flag=True, help="Show the traceback of a failure (for bug reports).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """trappe: the Herning model, measured. Case events in; trusted KPIs out."""
    ctx.obj = {"debug": debug}


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: a failure the user can act on is one line on stderr and a non-zero exit;
    its traceback only with --debug (or TRAPPE_DEBUG=1)."""
    from trappe.core.settings import Settings

    args = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in args or Settings.from_env().debug
    # --debug may follow the verb too (`trappe ingest --debug ...`)
    args = (["--debug"] if debug else []) + [a for a in args if a != "--debug"]
    try:
        cli.main(args=args, prog_name="trappe", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("trappe: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TrappeError as exc:
        if debug:
            raise
        click.echo(f"trappe: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        # disk full, a read-only lake, a missing file: the OS's words name what and where
        if debug:
            raise
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        click.echo(f"trappe: {exc.strerror or exc}{where}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
