"""CLI commands for the report area: ``policyparse report`` and ``policyparse show``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policyparse.cli._common import fail
from policyparse.errors import PolicyParseError


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""

    @app.command("report")
    def report_cmd(
        store: Annotated[Path, typer.Option("--store", help="SQLite store (created by `policyparse ingest`).")] = Path(
            "outputs/policyparse.sqlite"),
        out: Annotated[Path, typer.Option(
            "--out", "-o", help="The HTML file to write (or a folder for report.html).")] = Path("outputs/report.html"),
        pages: Annotated[bool, typer.Option(
            "--pages", help="PDF source views also show the pages that hold facts as images (sources/pages/*.jpg)"
                            " with each fact's box drawn.")] = False,
    ) -> None:
        """Write one self-contained HTML report (charts, sources, department matrix, graph, open
        questions) that opens offline.

        Example: policyparse report --store outputs/policyparse.sqlite --out outputs/report.html --pages
        """
        from policyparse import api
        from policyparse.report import report

        build = getattr(api, "report", report)  # the API's wrapper once api.py has one; the same function
        try:
            path = build(store, out, pages=pages)
        except PolicyParseError as e:
            fail(e)
        typer.echo(str(path))

    @app.command("show")
    def show_cmd(
        file: Annotated[Path, typer.Argument(help="A PDF, DOCX, HTML or TXT file.")],
        out: Annotated[Path | None, typer.Option(
            "--out", "-o", help="The HTML file to write (or a folder for <name>.html); default: stdout.")] = None,
    ) -> None:
        """One document's source view: a standalone HTML page of its text as read with every
        extracted fact highlighted and labelled (target / task / lead / responsible / deadline) and a
        list of the facts linking to their highlights (#fact-<id>). Opens offline; runs no script.

        Example: policyparse show corpus/002_101a49cb13188322.txt -o outputs/002.html
        """
        import sys

        from policyparse import api

        try:
            result = api.show(file, out)
        except PolicyParseError as e:
            fail(e)
        if out is None:
            sys.stdout.write(result)
        else:
            typer.echo(str(result))
