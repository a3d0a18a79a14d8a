"""Plain-text reader: detect the encoding (never silently), drop what crawlers and browsers wrapped
around the document (:mod:`policyparse.readers.txt_wrappers`), rebuild flattened tables."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from policyparse.errors import EmptyFileError, EncodingError, UnsupportedFormatError
from policyparse.model import BlockKind, RawBlock, RawCell
from policyparse.readers.base import RawDocument
from policyparse.readers.sniff import extension_warning
from policyparse.readers.txt_tables import find_line_tables, find_tab_tables
from policyparse.readers.txt_wrappers import MARKDOWN_SUFFIXES, looks_like_markdown, unwrap

# charset-normalizer's "chaos" above this means the bytes are not text in any encoding we trust.
MAX_CHAOS = 0.25
_BOMS = ((b"\xef\xbb\xbf", "utf_8"), (b"\xff\xfe", "utf_16_le"), (b"\xfe\xff", "utf_16_be"))


def decode(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings); raise EncodingError when no encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc), enc, []
    try:
        return data.decode("utf-8"), "utf_8", []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise UnsupportedFormatError(path, "binary data (NUL bytes), not a text document")
    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise EncodingError(path, "cannot determine the text encoding (no candidate decodes it cleanly)")
    enc = best.encoding
    if enc in ("gb2312", "gbk"):
        enc = "gb18030"  # superset: decodes every GBK file and the characters GB2312 lacks
    warnings = [f"encoding detected as {enc} (not UTF-8), chaos {best.chaos:.2f}"]
    return data.decode(enc), enc, warnings


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
