"""CLI: ``policyparse export --to csv|xlsx|jsonl|parquet -o PATH`` (wraps :func:`policyparse.api.export`)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policyparse.cli._common import STORE_HELP, OutFormat, dump_json, fail, info
from policyparse.errors import PolicyParseError


class ExportTo(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    jsonl = "jsonl"
    parquet = "parquet"


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(
        to: Annotated[ExportTo, typer.Option("--to", help="csv, xlsx, jsonl or parquet (parquet needs pyarrow).")],
        out: Annotated[Path, typer.Option(
            "--out", "-o", help="xlsx: the workbook file; csv/jsonl/parquet: a folder, one file per table.")],
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        bom: Annotated[bool, typer.Option("--bom", help="CSV with a UTF-8 BOM (Excel on Chinese Windows).")] = False,
        table: Annotated[list[str] | None, typer.Option(
            "--table", help="Only this table (repeatable): documents, targets, assignments, "
                            "department_mentions, unmatched.")] = None,
        fmt: Annotated[OutFormat, typer.Option("--format", help="What to print: text or json.")] = OutFormat.text,
    ) -> None:
        """Export the whole store as tidy tables, one per fact type (documents, targets, assignments,
        department mentions, unmatched names), each row with place, document, provenance and flags.

        Example: policyparse export --to xlsx -o outputs/policyparse.xlsx --store outputs/policyparse.sqlite
        """
        from policyparse import api

        try:
            res = api.export(store, to=to.value, out=out, bom=bom, tables=table or None)
        except PolicyParseError as e:
            fail(e)
        if fmt is OutFormat.json:
            dump_json(res)
            return
        rows = ", ".join(f"{n} {k}" for k, n in res["rows"].items())
        info(f"exported {rows}")
        for f in res["files"]:
            typer.echo(f)
