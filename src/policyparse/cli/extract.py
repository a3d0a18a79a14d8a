"""CLI: ``policyparse extract FILE... [--format json|jsonl|csv] [--table T]`` (wraps
:func:`policyparse.api.extract`).

One file prints the ``extract`` JSON object (the contract); several files print a JSON array of
them (``jsonl``: one object per line), extracted in one process with the models loaded once. ``-``
reads the document from standard input. ``--format csv`` prints every record of the files, one row
each, ``record_type`` telling targets, assignments and unmatched names apart (``--table`` keeps one
kind); the first columns are those of the targets-only CSV of earlier versions.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policyparse.budget import DEFAULT_SECONDS
from policyparse.cli._common import (
    DEFAULT_MEMORY_TEXT,
    EXIT_FAILED_INPUTS,
    EXIT_USAGE,
    MEMORY_HELP,
    NO_OCR_HELP,
    TIMEOUT_HELP,
    budget_option,
    fail,
    info,
)
from policyparse.cli.models import announce_models, load_models
from policyparse.cli.output import OutOption, to_json, write
from policyparse.errors import PolicyParseError, ReadError

CSV_COLUMNS = (
    "document_id", "path", "city", "indicator", "indicator_id", "value", "unit", "comparator", "year",
    "baseline_value", "baseline_year", "qualitative", "scope", "lead", "responsible", "flags", "page",
    "start", "end", "quote",
    # added in 0.4.0: every record type in one table
    "record_type", "seq", "item", "kind", "deadline", "deadline_year", "name", "candidates", "lead_ids",
    "responsible_ids", "province", "place",
)
RECORD_TYPES = {"targets": "target", "assignments": "assignment", "unmatched": "unmatched"}


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Table(StrEnum):
    all = "all"
    targets = "targets"
    assignments = "assignments"
    unmatched = "unmatched"


def records(facts: dict, table: str = "all") -> list[dict]:
    """One flat row per target, assignment and unmatched name (for spreadsheets), in that order."""
    from policyparse.export import fact_rows

    tabs = fact_rows(facts)
    rows = []
    for name, rtype in RECORD_TYPES.items():
        if table not in ("all", name):
            continue
        for r in tabs[name]:
            row = {k: r.get(k) for k in CSV_COLUMNS if k in r}
            row.update({"path": r["document_path"], "record_type": rtype})
            rows.append(row)
    return rows


def target_rows(facts: dict) -> list[dict]:
    """One flat row per target (kept for callers of earlier versions)."""
    return records(facts, "targets")


def _render(results: list[dict], format: ExtractFormat, table: str, *, single: bool) -> str:
    """The extraction results as text in ``format`` (json: one object for one file, else a list)."""
    if format is ExtractFormat.csv:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS)
        w.writeheader()
        for facts in results:
            w.writerows(records(facts, table))
        return buf.getvalue()
    if format is ExtractFormat.jsonl:
        return "".join(json.dumps(facts, ensure_ascii=False) + "\n" for facts in results)
    return to_json(results[0] if single else results)


def _read_stdin(tmp: Path) -> Path:
    data = sys.stdin.buffer.read()
    p = tmp / "stdin"
    p.write_bytes(data)
    return p


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        files: Annotated[list[str], typer.Argument(help="PDF, DOCX, HTML or TXT files; - reads standard input.")],
        format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json, jsonl or csv")] = ExtractFormat.json,
        table: Annotated[Table, typer.Option("--table", help="csv: which records (default all, see record_type)")] = (
            Table.all),
        out: OutOption = None,
        timeout: Annotated[float, typer.Option("--timeout", help=TIMEOUT_HELP)] = DEFAULT_SECONDS,
        max_memory: Annotated[str, typer.Option("--max-memory", help=MEMORY_HELP)] = DEFAULT_MEMORY_TEXT,
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Extract targets, assignments and unmatched names (JSON contract: src/policyparse/schema/extract.schema.json).

        Example: policyparse extract corpus/002_101a49cb13188322.txt --format csv
        """
        from policyparse import api

        budget = budget_option(timeout, max_memory)
        results: list[dict] = []
        failed = 0
        with tempfile.TemporaryDirectory(prefix="policyparse-") as tmp:
            for k, name in enumerate(files):
                path = _read_stdin(Path(tmp)) if name == "-" else Path(name)
                try:
                    if name != "-" and path.is_dir():
                        raise ReadError(path, "is a folder; give files (or use `policyparse ingest FOLDER`)")
                    if name != "-" and not path.exists():
                        raise ReadError(path, "no such file")
                    if k == 0:
                        with announce_models():
                            load_models()
                    facts = api.extract(path, budget=budget, ocr=False if no_ocr else None)
                except PolicyParseError as e:
                    if len(files) == 1:
                        fail(e, EXIT_USAGE)
                    typer.echo(f"error: {type(e).__name__}: {e}", err=True)
                    failed += 1
                    continue
                if name == "-":
                    facts["document"]["path"] = "-"
                results.append(facts)
        write(_render(results, format, table.value, single=len(files) == 1), out)
        if failed:
            info(f"{len(files)} file(s): {len(results)} ok, {failed} failed")
            raise typer.Exit(EXIT_FAILED_INPUTS)
