"""CLI: ``policyparse export --to csv|xlsx|jsonl|parquet -o PATH`` (wraps :func:`policyparse.api.export`)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policyparse.cli._common import STORE_HELP, fail, info
from policyparse.cli.output import FORMAT_METAVAR, Fmt, emit, flat_csv, parse_format
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
        fmt: Annotated[Fmt, typer.Option(
            "--format", parser=parse_format, metavar=FORMAT_METAVAR,
            help="What to print: table (alias text: the files written), csv (one row per table) or json.")] = (
            Fmt.table),
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
        if fmt is Fmt.table:
            info("exported " + ", ".join(f"{n} {k}" for k, n in res["rows"].items()))
        emit(fmt, None, json_obj=lambda: res, csv_text=lambda: flat_csv(export_rows(res), ["table", "rows", "file"]),
             table=lambda: [str(f) for f in res["files"]])


def export_rows(res: dict) -> list[dict]:
    """One row per exported table: its name, row count and file (the workbook for xlsx)."""
    by_stem = {Path(f).stem: str(f) for f in res["files"]}
    one = str(res["files"][0]) if len(res["files"]) == 1 else None
    return [{"table": k, "rows": n, "file": by_stem.get(k, one)} for k, n in res["rows"].items()]
