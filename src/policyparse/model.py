"""The document model every reader returns, and the raw blocks readers hand to the assembler.

Readers produce :class:`RawBlock` objects (text as the format gave it, with its page); the
assembler (:mod:`policyparse.assemble`) repairs and normalises that text and builds one
:class:`Document` whose ``text`` is the normalised full text. Every :class:`Block` and
:class:`Cell` carries ``start``/``end`` offsets into ``Document.text`` such that
``document.text[block.start:block.end] == block.text``.

Full-text layout: blocks are joined with ``"\\n"``; a table block's text is its rows joined with
``"\\n"`` and each row's cells joined with ``"\\t"``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


# --------------------------------------------------------------------------- reader output


@dataclass
class RawCell:
    """One table cell as a reader found it. ``text`` may contain line breaks (wrapped cells)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None  # set by readers whose tables run across pages; else the block's page
    confidence: float | None = None  # a cell read by OCR: the engine's lowest line score


@dataclass
class RawBlock:
    """A block before repair/normalisation.

    ``lines``: for text blocks, the physical lines as extracted (the assembler joins lines
    broken inside words/sentences). ``rows``: for tables, rows of :class:`RawCell` (a merged cell
    appears once, in its top-left position, with its spans; readers never emit ``None``).
    ``hint``: a kind the reader is sure of (e.g. a DOCX ``Heading 1`` style or HTML ``<h2>``),
    else ``None`` and the assembler decides. ``number``: list numbering the format rendered
    separately (DOCX automatic numbering), prefixed to the text by the assembler.
    """

    page: int
    lines: list[str] = field(default_factory=list)
    rows: list[list[RawCell]] | None = None
    hint: BlockKind | None = None
    level: int | None = None
    number: str | None = None
    # OCR'd blocks: (x0, top, x1, bottom) in PDF points on ``page`` and the engine's lowest line score
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = None
    # OCR'd text blocks: the engine's score of each of ``lines`` (None for a text-layer line)
    line_confidence: list[float | None] | None = None

    @property
    def is_table(self) -> bool:
        return self.rows is not None


# --------------------------------------------------------------------------- document model


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item or table of the normalised document.

    ``number``: the item's own marker ("一、", "(一)", "1.", "(1)") if it has one; ``level``:
    heading/list depth (1 = "一、", 2 = "(一)", 3 = "1.", 4 = "(1)"); ``section``: the
    attachment the block belongs to ("附件1") or ``None`` for the body.
    """

    index: int
    kind: BlockKind
    text: str
    start: int
    end: int
    page: int
    level: int | None = None
    number: str | None = None
    section: str | None = None
    rows: tuple[tuple[Cell, ...], ...] | None = None
    # read by OCR: (x0, top, x1, bottom) in PDF points on ``page``, the engine's lowest line score
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = None

    def to_dict(self) -> dict:
        d = {
            "index": self.index,
            "kind": str(self.kind),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "level": self.level,
            "number": self.number,
            "section": self.section,
        }
        if self.confidence is not None:  # OCR'd blocks only (keys added, none changed)
            d["ocr"] = {"bbox": list(self.bbox) if self.bbox else None, "confidence": self.confidence}
        if self.rows is not None:
            d["rows"] = [
                [
                    {
                        "text": c.text,
                        "start": c.start,
                        "end": c.end,
                        "row": c.row,
                        "col": c.col,
                        "rowspan": c.rowspan,
                        "colspan": c.colspan,
                        "page": c.page if c.page is not None else self.page,
                    }
                    for c in row
                ]
                for row in self.rows
            ]
        return d


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd (or yyyy-mm) when known
    status: str = "final"  # "final" | "draft"
    status_text: str | None = None  # the words that set the status (讨论稿, 征求意见稿)
    city: str | None = None
    province: str | None = None
    cites: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "date": self.date,
            "status": self.status,
            "status_text": self.status_text,
            "city": self.city,
            "province": self.province,
            "cites": list(self.cites),
        }


@dataclass(frozen=True)
class Document:
    """A read document: normalised full text, ordered blocks, metadata, provenance."""

    id: str  # sha256 of the file's bytes
    path: str
    format: str  # "pdf" | "docx" | "html" | "txt"
    text: str
    blocks: tuple[Block, ...]
    metadata: Metadata
    pages: int = 1
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    # position i of ``text`` came from position source_index[i] of ``source_text``
    source_text: str = ""
    source_index: tuple[int, ...] = ()
    ocr_pages: tuple[int, ...] = ()  # pages whose text was read by OCR
    ocr_image_pages: tuple[int, ...] = ()  # text-layer pages whose images were read by OCR
    ocr_seconds: float = 0.0  # rendering + OCR time while reading (0: OCR did not run)
    # the lines read by OCR: (start, end, engine score) in ``source_text``
    ocr_lines: tuple[tuple[int, int, float], ...] = ()

    def ocr_report(self) -> dict | None:
        """``{"pages", "seconds"}`` of the OCR that ran while reading (pages read whole or whose
        images were read), or None when OCR did not run: what batch reports list per document."""
        pages = set(self.ocr_pages) | set(self.ocr_image_pages)
        if not pages:
            return None
        return {"pages": len(pages), "seconds": round(self.ocr_seconds, 2)}

    def ocr_confidence(self, start: int, end: int) -> float | None:
        """The lowest engine score of the OCR lines that ``text[start:end]`` comes from, or None
        when none of it was read by OCR (or the offset map is gone)."""
        if not self.ocr_lines or not self.source_index:
            return None
        src = self.source_index[max(start, 0) : max(end, start + 1)]
        if not src:
            return None
        lo, hi = min(src), max(src)
        scores = [c for s, e, c in self.ocr_lines if s <= hi and lo < e]
        return min(scores) if scores else None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def page_at(self, offset: int) -> int:
        """Page of the block (or table cell) that holds ``offset`` (1 if unknown)."""
        if not self.blocks:
            return 1
        k = max(bisect_right(self._block_starts, offset) - 1, 0)  # blocks are in text order
        b = self.blocks[k]
        if not (b.start <= offset <= b.end):
            return b.page
        for row in b.rows or ():
            for c in row:
                if c.start <= offset <= c.end and c.page is not None:
                    return c.page
        return b.page

    def block_at(self, offset: int) -> Block | None:
        for b in self.blocks:
            if b.start <= offset < b.end:
                return b
        return None

    def to_dict(self, with_blocks: bool = True) -> dict:
        d = {
            "id": self.id,
            "path": self.path,
            "format": self.format,
            "pages": self.pages,
            "encoding": self.encoding,
            "metadata": self.metadata.to_dict(),
            "warnings": list(self.warnings),
        }
        if self.ocr_pages:
            d["ocr_pages"] = list(self.ocr_pages)
        if self.ocr_image_pages:
            d["ocr_image_pages"] = list(self.ocr_image_pages)
        if with_blocks:
            d["blocks"] = [b.to_dict() for b in self.blocks]
        return d
