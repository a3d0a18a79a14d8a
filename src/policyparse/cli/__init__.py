"""The ``policyparse`` command. Each command is a thin wrapper around one public function.

Commands live in one module per area (read, gazetteer, extract, corpus, report, export); each
module has ``register(app)`` that adds its commands to the root Typer app.

Global options: ``--version``, ``-q/--quiet`` (no progress or summaries on stderr), ``-v/--verbose``
(tracebacks of internal errors). Exit codes: see :mod:`policyparse.cli._common` (0 ok, 1 some inputs
failed, 2 usage or input error, 3 no answer, 4 internal error). A user error never ends in a
traceback: typed library errors and operating-system errors (a folder where a file is expected, a
missing path, no permission) become ``error: <Type>: <file>: <reason>`` and exit code 2.
"""

from __future__ import annotations

from typing import Annotated

import click
import typer
import typer.core
import typer.exceptions

from policyparse.cli import _common, corpus, export, extract, gazetteer, read, report
from policyparse.errors import PolicyParseError


class _Group(typer.core.TyperGroup):
    """The root group: turns errors that escape a command into a message and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (typer.exceptions.TyperException, typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort,
                click.ClickException):
            raise
        except PolicyParseError as e:
            typer.echo(f"error: {type(e).__name__}: {e}", err=True)
            raise typer.Exit(_common.EXIT_USAGE) from None
        except OSError as e:
            where = f"{e.filename}: " if getattr(e, "filename", None) else ""
            typer.echo(f"error: {type(e).__name__}: {where}{e.strerror or e}", err=True)
            raise typer.Exit(_common.EXIT_USAGE) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception as e:
            if _common.verbose():
                raise
            typer.echo(f"internal error: {type(e).__name__}: {e} (a bug: rerun with -v for the traceback"
                       " and report it)", err=True)
            raise typer.Exit(_common.EXIT_INTERNAL) from None


app = typer.Typer(
    name="policyparse",
    help="Turn Chinese government policy documents into structured, comparable facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Group,
)


def _version(value: bool) -> None:
    if value:
        from policyparse import __version__

        typer.echo(f"policyparse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summaries on stderr.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True,
                                         help="More detail (tracebacks of internal errors).")] = 0,
) -> None:
    """Turn Chinese government policy documents into structured, comparable facts.

    Exit codes: 0 ok, 1 some inputs failed, 2 usage or input error, 3 no answer (the message says
    why), 4 internal error.
    """
    _common.STATE.verbosity = -1 if quiet else verbose


for _module in (read, gazetteer, extract, corpus, report, export):
    _module.register(app)


def main() -> None:  # console-script entry point
    app()
