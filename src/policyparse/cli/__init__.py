"""The ``policyparse`` command. Each command is a thin wrapper around one public function.

Commands live in one module per area (read, gazetteer, extract, corpus, report); each module has
``register(app)`` that adds its commands to the root Typer app.
"""

from __future__ import annotations

import typer

from policyparse.cli import corpus, extract, gazetteer, read, report

app = typer.Typer(
    name="policyparse",
    help="Turn Chinese government policy documents into structured, comparable facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (read, gazetteer, extract, corpus, report):
    _module.register(app)


def main() -> None:  # console-script entry point
    app()
