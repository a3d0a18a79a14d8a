"""CLI: ``policyparse extract FILE [--format json|csv]`` (wraps :func:`policyparse.api.extract`)."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from pathlib import Path

import typer

from policyparse.budget import DEFAULT_SECONDS
from policyparse.cli._common import (
    DEFAULT_MEMORY_TEXT,
    MEMORY_HELP,
    TIMEOUT_HELP,
    budget_option,
    dump_json,
    fail,
)
from policyparse.errors import PolicyParseError

CSV_COLUMNS = (
    "document_id", "path", "city", "indicator", "indicator_id", "value", "unit", "comparator", "year",
    "baseline_value", "baseline_year", "qualitative", "scope", "lead", "responsible", "flags", "page",
    "start", "end", "quote",
)


class ExtractFormat(StrEnum):
    json = "json"
    csv = "csv"


def target_rows(facts: dict) -> list[dict]:
    """One flat row per target (for spreadsheets)."""
    d = facts["document"]
    rows = []
    for t in facts["targets"]:
        b = t["baseline"] or {}
        rows.append(
            {
                "document_id": d["id"], "path": d["path"], "city": d["city"], "indicator": t["indicator"],
                "indicator_id": t["indicator_id"], "value": t["value"], "unit": t["unit"],
                "comparator": t["comparator"], "year": t["year"], "baseline_value": b.get("value"),
                "baseline_year": b.get("year"), "qualitative": t["qualitative"], "scope": t["scope"],
                "lead": "、".join(x["name"] for x in t["lead"]),
                "responsible": "、".join(x["name"] for x in t["responsible"]),
                "flags": ";".join(t["flags"]), "page": t["source"]["page"], "start": t["source"]["start"],
                "end": t["source"]["end"], "quote": t["source"]["text"],
            }
        )
    return rows


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        file: Path = typer.Argument(..., exists=True, dir_okay=False, help="PDF, DOCX, HTML or TXT file"),
        format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f", help="json or csv"),
        timeout: float = typer.Option(DEFAULT_SECONDS, "--timeout", help=TIMEOUT_HELP),
        max_memory: str = typer.Option(DEFAULT_MEMORY_TEXT, "--max-memory", help=MEMORY_HELP),
    ) -> None:
        """Extract targets and assignments from FILE (JSON contract: src/policyparse/schema/extract.schema.json).

        Example: policyparse extract corpus/002_101a49cb13188322.txt --format csv
        """
        from policyparse import api

        try:
            facts = api.extract(file, budget=budget_option(timeout, max_memory))
        except PolicyParseError as err:
            fail(err)
        if format is ExtractFormat.json:
            dump_json(facts)
        else:
            w = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
            w.writeheader()
            w.writerows(target_rows(facts))
