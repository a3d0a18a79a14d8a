"""CLI commands for the read area: ``text``, ``blocks``, ``read``.

- ``policyparse text FILE``: the normalised full text (:func:`policyparse.api.text`).
- ``policyparse blocks FILE [--format json|text]``: json prints ``Document.to_dict()`` (document
  fields, metadata, warnings and blocks with offsets); text prints one block per line.
- ``policyparse read PATH...``: batch (:func:`policyparse.readers.batch.read_many`): one line per
  file (ok / failed + error type + reason), then a summary; exit code 1 if any file failed.

Single-file commands turn a typed error into ``error: <Type>: <file>: <reason>`` on stderr and
exit code 2.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policyparse.cli._common import NO_OCR_HELP, dump_json, fail
from policyparse.errors import PolicyParseError


class BlocksFormat(StrEnum):
    json = "json"
    text = "text"


class ReadFormat(StrEnum):
    text = "text"
    json = "json"


def _write(s: str) -> None:
    sys.stdout.write(s)
    if not s.endswith("\n"):
        sys.stdout.write("\n")


def _block_line(b) -> str:
    head = f"[{b.index}] p{b.page} {b.kind}"
    if b.level is not None:
        head += f" L{b.level}"
    if b.section:
        head += f" §{b.section}"
    if b.rows is not None:
        ncols = max((sum(c.colspan for c in row) for row in b.rows), default=0)
        lines = [f"{head} {len(b.rows)}x{ncols} [{b.start}:{b.end}]"]
        for row in b.rows:
            cells = []
            for c in row:
                span = ""
                if c.rowspan > 1:
                    span += f"↓{c.rowspan}"
                if c.colspan > 1:
                    span += f"→{c.colspan}"
                cells.append(c.text + (f" ({span})" if span else ""))
            lines.append("    | " + " | ".join(cells))
        return "\n".join(lines)
    return f"{head} [{b.start}:{b.end}] {b.text}"


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""

    @app.command("text")
    def text_cmd(
        file: Annotated[Path, typer.Argument(help="A PDF, DOCX, HTML or TXT file.")],
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Print the normalised full text of FILE (the text block offsets index).

        Example: policyparse text corpus/003_1b4764571c7d463f.pdf
        """
        from policyparse import api

        try:
            _write(api.text(file, ocr=False if no_ocr else None))
        except PolicyParseError as e:
            fail(e)

    @app.command("blocks")
    def blocks_cmd(
        file: Annotated[Path, typer.Argument(help="A PDF, DOCX, HTML or TXT file.")],
        fmt: Annotated[BlocksFormat, typer.Option("--format", help="json: Document.to_dict()")] = (
            BlocksFormat.json
        ),
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Print FILE's blocks (headings, paragraphs, list items, tables) with offsets.

        Example: policyparse blocks corpus/004_53cef2a0b11e33d7.docx --format text
        """
        from policyparse import api

        try:
            doc = api.read_document(file, ocr=False if no_ocr else None)
        except PolicyParseError as e:
            fail(e)
            return
        if fmt is BlocksFormat.json:
            dump_json(doc.to_dict())
        else:
            for b in doc.blocks:
                _write(_block_line(b))

    @app.command("read")
    def read_cmd(
        paths: Annotated[list[Path], typer.Argument(help="Files and/or folders (searched recursively).")],
        fmt: Annotated[ReadFormat, typer.Option("--format", help="text lines or JSON records")] = (
            ReadFormat.text
        ),
        recursive: Annotated[bool, typer.Option("--recursive/--no-recursive")] = True,
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Read every file (folders expanded); report ok/failed per file and a summary.

        Goes on after a bad file; exits 1 if any file failed.
        Example: policyparse read corpus/ tests/fixtures/bad/
        """
        from policyparse.readers.batch import read_many
        from policyparse.readers.pdf_ocr import ocr_setting

        n_ok = n_failed = 0
        failed_types: dict[str, int] = {}
        records = []
        with ocr_setting(False if no_ocr else None):
            results = list(read_many(paths, recursive=recursive))
        for r in results:
            if r.ok:
                n_ok += 1
            else:
                n_failed += 1
                name = type(r.error).__name__
                failed_types[name] = failed_types.get(name, 0) + 1
            if fmt is ReadFormat.json:
                records.append(r.to_dict())
                continue
            if r.ok:
                d = r.document
                warn = f"  warnings: {'; '.join(d.warnings)}" if d.warnings else ""
                ocr = d.ocr_report()
                ocr_note = f", OCR {ocr['pages']} page(s) in {ocr['seconds']:.1f} s" if ocr else ""
                _write(f"ok      {r.path}  {d.format}, {d.pages} page(s), {len(d.blocks)} blocks{ocr_note}{warn}")
            else:
                _write(f"failed  {r.path}  {type(r.error).__name__}: {r.error.reason}")
        total = n_ok + n_failed
        summary = f"{total} file(s): {n_ok} ok, {n_failed} failed"
        if failed_types:
            summary += " (" + ", ".join(f"{k} {v}" for k, v in sorted(failed_types.items())) + ")"
        if fmt is ReadFormat.json:
            _write(json.dumps({"files": records, "ok": n_ok, "failed": n_failed}, ensure_ascii=False, indent=2))
            typer.echo(summary, err=True)
        else:
            _write(summary)
        if total == 0:
            typer.echo("error: no document files found", err=True)
            raise typer.Exit(2)
        if n_failed:
            raise typer.Exit(1)
