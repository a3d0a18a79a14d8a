"""Plain-text reader: detect the encoding (never silently: :mod:`policyparse.readers.encoding`),
drop what crawlers and browsers wrapped around the document
(:mod:`policyparse.readers.txt_wrappers`), rebuild flattened tables."""

from __future__ import annotations

from pathlib import Path

from policyparse.errors import EmptyFileError
from policyparse.model import BlockKind, RawBlock, RawCell
from policyparse.readers.base import RawDocument
from policyparse.readers.encoding import decode
from policyparse.readers.sniff import extension_warning
from policyparse.readers.txt_tables import find_line_tables, find_tab_tables
from policyparse.readers.txt_wrappers import MARKDOWN_SUFFIXES, looks_like_markdown, unwrap

__all__ = ["decode", "read_raw"]


def read_raw(path: Path, data: bytes) -> RawDocument:
    text, encoding, warnings = decode(path, data)
    mislabelled = extension_warning(path, "txt")
    if mislabelled:
        warnings.append(mislabelled)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not "".join(lines).strip():
        raise EmptyFileError(path, "no text after decoding")
    markdown = Path(path).suffix.lower() in MARKDOWN_SUFFIXES or looks_like_markdown(lines)
    unwrapped = unwrap(lines, markdown=markdown)
    lines = unwrapped.lines
    if unwrapped.dropped:
        warnings.append("not part of the document, dropped: " + "; ".join(unwrapped.dropped))
    if not "".join(lines).strip():
        raise EmptyFileError(path, "no text once the crawler's wrapper is dropped")
    tables = find_tab_tables(lines)
    taken = {k for t in tables for k in range(t.first, t.last + 1)}
    tables += find_line_tables(lines, taken)
    starts = {t.first: t for t in tables}
    blocks: list[RawBlock] = []
    k = 0
    while k < len(lines):
        if k in starts:
            t = starts[k]
            blocks.append(RawBlock(page=1, rows=[[RawCell(c) for c in row] for row in t.rows]))
            k = t.last + 1
            continue
        line = lines[k].rstrip()
        if line.strip():
            hint = BlockKind.HEADING if k in unwrapped.headings else None
            blocks.append(RawBlock(page=1, lines=[line], hint=hint))
        k += 1
    return RawDocument(
        path=str(path), format="txt", blocks=blocks, pages=1, encoding=encoding, warnings=warnings, line_broken=True
    )
