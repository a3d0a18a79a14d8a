"""CLI commands for the report area: ``policyparse report``."""

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
    ) -> None:
        """Write one self-contained HTML report (charts, sources, department matrix, graph, open
        questions) that opens offline.

        Example: policyparse report --store outputs/policyparse.sqlite --out outputs/report.html
        """
        from policyparse import api
        from policyparse.report import report

        build = getattr(api, "report", report)  # the API's wrapper once api.py has one; the same function
        try:
            path = build(store, out)
        except PolicyParseError as e:
            fail(e)
        typer.echo(str(path))
