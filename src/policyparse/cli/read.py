"""CLI commands for the read area: ``text``, ``blocks``, ``read``.

- ``policyparse text FILE``: the normalised full text (:func:`policyparse.api.text`).
- ``policyparse blocks FILE [--format json|table|csv]``: json prints ``Document.to_dict()``
  (document fields, metadata, warnings and blocks with offsets); table (alias text) prints one
  block per line; csv one row per block.
- ``policyparse read PATH...``: batch (:func:`policyparse.readers.batch.read_many`): one line per
  file (ok / failed + error type + reason), then a summary; exit code 1 if any file failed.

Every command writes to standard output or, atomically, to ``-o FILE``. Single-file commands turn
a typed error into ``error: <Type>: <file>: <reason>`` on stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policyparse.cli._common import NO_OCR_HELP, fail
from policyparse.cli.output import Fmt, FormatOption, OutOption, emit, flat_csv, write
from policyparse.errors import PolicyParseError

BLOCK_COLUMNS = ["index", "kind", "page", "level", "number", "section", "start", "end", "text", "rows"]
READ_COLUMNS = ["path", "status", "format", "pages", "error", "reason", "warnings"]


def _line(s: str) -> str:
    return s if s.endswith("\n") else s + "\n"


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


def _block_row(b: dict) -> dict:
    """A block as one CSV row (a table's cells as ``a | b`` lines)."""
    row = dict(b)
    if b.get("rows") is not None:
        row["rows"] = "\n".join(" | ".join(c["text"] for c in r) for r in b["rows"])
    return row


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""

    @app.command("text")
    def text_cmd(
        file: Annotated[Path, typer.Argument(help="A PDF, DOCX, HTML or TXT file.")],
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
        out: OutOption = None,
    ) -> None:
        """Print the normalised full text of FILE (the text block offsets index).

        Example: policyparse text corpus/003_1b4764571c7d463f.pdf -o outputs/003.txt
        """
        from policyparse import api

        try:
            text = api.text(file, ocr=False if no_ocr else None)
        except PolicyParseError as e:
            fail(e)
            return
        write(_line(text), out)

    @app.command("blocks")
    def blocks_cmd(
        file: Annotated[Path, typer.Argument(help="A PDF, DOCX, HTML or TXT file.")],
        fmt: FormatOption = Fmt.json,
        out: OutOption = None,
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Print FILE's blocks (headings, paragraphs, list items, tables) with offsets; json (the
        default) is Document.to_dict().

        Example: policyparse blocks corpus/004_53cef2a0b11e33d7.docx --format table
        """
        from policyparse import api

        try:
            doc = api.read_document(file, ocr=False if no_ocr else None)
        except PolicyParseError as e:
            fail(e)
            return
        emit(fmt, out, json_obj=doc.to_dict,
             csv_text=lambda: flat_csv([_block_row(b.to_dict()) for b in doc.blocks], BLOCK_COLUMNS),
             table=lambda: ["".join(_line(_block_line(b)) for b in doc.blocks).rstrip("\n")])

    @app.command("read")
    def read_cmd(
        paths: Annotated[list[Path], typer.Argument(help="Files and/or folders (searched recursively).")],
        fmt: FormatOption = Fmt.table,
        out: OutOption = None,
        recursive: Annotated[bool, typer.Option("--recursive/--no-recursive")] = True,
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Read every file (folders expanded); report ok/failed per file and a summary (table: the
        last line; csv and json: on stderr).

        Goes on after a bad file; exits 1 if any file failed.
        Example: policyparse read corpus/ tests/fixtures/bad/
        """
        from policyparse.readers.batch import read_many
        from policyparse.readers.pdf_ocr import ocr_setting

        with ocr_setting(False if no_ocr else None):
            results = list(read_many(paths, recursive=recursive))
        n_ok = sum(1 for r in results if r.ok)
        n_failed = len(results) - n_ok
        failed_types: dict[str, int] = {}
        for r in results:
            if not r.ok:
                failed_types[type(r.error).__name__] = failed_types.get(type(r.error).__name__, 0) + 1
        summary = f"{len(results)} file(s): {n_ok} ok, {n_failed} failed"
        if failed_types:
            summary += " (" + ", ".join(f"{k} {v}" for k, v in sorted(failed_types.items())) + ")"
        emit(fmt, out, json_obj=lambda: {"files": [r.to_dict() for r in results], "ok": n_ok, "failed": n_failed},
             csv_text=lambda: flat_csv([r.to_dict() for r in results], READ_COLUMNS),
             table=lambda: ["\n".join([*(_read_line(r) for r in results), summary])])
        if fmt is not Fmt.table:
            typer.echo(summary, err=True)
        if not results:
            typer.echo("error: no document files found", err=True)
            raise typer.Exit(2)
        if n_failed:
            raise typer.Exit(1)


def _read_line(r) -> str:
    if r.ok:
        d = r.document
        warn = f"  warnings: {'; '.join(d.warnings)}" if d.warnings else ""
        ocr = d.ocr_report()
        ocr_note = f", OCR {ocr['pages']} page(s) in {ocr['seconds']:.1f} s" if ocr else ""
        return f"ok      {r.path}  {d.format}, {d.pages} page(s), {len(d.blocks)} blocks{ocr_note}{warn}"
    return f"failed  {r.path}  {type(r.error).__name__}: {r.error.reason}"
