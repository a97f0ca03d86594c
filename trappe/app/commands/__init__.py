"""One module a verb: thin click wrappers over typed functions of the layers below."""

from __future__ import annotations

from typing import Any

import click

from trappe.core.errors import TrappeError
from trappe.core.settings import Settings


class OneLineErrors(click.Command):
    """A verb whose user-caused failures (`TrappeError`, `OSError`) end as one line naming
    what and where, and a non-zero exit, however it is invoked; `--debug` keeps the traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrappeError as exc:
            if _debug(ctx):
                raise
            raise _one_line(str(exc), exc.exit_code) from None
        except OSError as exc:
            if _debug(ctx):
                raise
            where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
            raise _one_line(f"{exc.strerror or exc}{where}", 1) from None


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(isinstance(root.obj, dict) and root.obj.get("debug")) or Settings.from_env().debug


def _one_line(message: str, exit_code: int) -> click.ClickException:
    error = click.ClickException(message)
    # click types exit_code as a ClassVar, yet sys.exit() gets the instance's value
    error.exit_code = exit_code  # type: ignore[misc]
    return error
