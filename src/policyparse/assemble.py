"""Turn a reader's :class:`RawDocument` into the normalised :class:`Document`.

Steps: drop page furniture, re-join broken lines (for line-broken formats), normalise characters
with offset maps, classify blocks (heading levels, tasks, attachments), lay out the full text and
compute exact offsets, then read the metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

from policyparse.errors import EmptyFileError
from policyparse.model import Block, BlockKind, Cell, Document, RawBlock
from policyparse.readers.base import RawDocument
from policyparse.text.mapped import MappedText, join
from policyparse.text.normalise import normalise
from policyparse.text.repair import continues, is_page_furniture
from policyparse.text.structure import attachment_label, classify


@dataclass
class _Piece:
    raw: RawBlock
    text: MappedText | None = None  # text blocks
    rows: list[list[MappedText]] | None = None  # tables


class _Source:
    """Accumulates the reader's text (lines joined by newlines) and hands out mapped pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.ocr_lines: list[tuple[int, int, float]] = []  # (start, end, score) of OCR'd lines

    def add(self, s: str, confidence: float | None = None) -> MappedText:
        mt = MappedText.from_source(s, self.length)
        if confidence is not None:
            self.ocr_lines.append((self.length, self.length + len(s), confidence))
        self.parts.append(s)
        self.parts.append("\n")
        self.length += len(s) + 1
        return mt

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _join_lines(lines: list[MappedText]) -> MappedText:
    out = MappedText("", ())
    for line in lines:
        line = line.strip()
        if not line.text:
            continue
        if out.text and out.text[-1].isascii() and out.text[-1].isalnum() and line.text[0].isascii() and line.text[0].isalpha():
            out = join([out, line], " ")
        else:
            out = out + line
    return out


def _pieces(raw: RawDocument, source: _Source) -> list[_Piece]:
    pieces: list[_Piece] = []
    for rb in raw.blocks:
        if rb.is_table:
            rows = [[_join_lines([source.add(x, c.confidence) for x in c.text.split("\n")]) for c in row]
                    for row in rb.rows or []]
            pieces.append(_Piece(rb, rows=rows))
            continue
        scores = rb.line_confidence or [None] * len(rb.lines)
        lines = [source.add(x, c) for x, c in zip(rb.lines, scores, strict=True)]
        lines = [ln for ln in lines if ln.text.strip() and not is_page_furniture(ln.text)]
        if not lines:
            continue
        text = _join_lines(lines)
        if rb.number and not text.text.startswith(rb.number):
            text = MappedText(rb.number, (text.index[0],) * len(rb.number)) + text
        prev = pieces[-1] if pieces else None
        if (
            raw.line_broken
            and prev is not None
            and prev.text is not None
            and prev.raw.hint is None
            and rb.hint is None
            and continues(prev.text.text, text.text)
        ):
            prev.text = prev.text + text
            continue
        pieces.append(_Piece(rb, text=text))
    return pieces


def assemble(raw: RawDocument, doc_id: str) -> Document:
    """Build the normalised Document (exact offsets into ``Document.text``)."""
    source = _Source()
    pieces = _pieces(raw, source)
    out_text: list[str] = []
    out_index: list[int] = []
    pos = 0
    blocks: list[Block] = []
    section: str | None = None

    def emit(mt: MappedText) -> tuple[int, int]:
        nonlocal pos
        start = pos
        out_text.append(mt.text)
        out_index.extend(mt.index)
        pos += len(mt.text)
        return start, pos

    def sep(ch: str) -> None:
        nonlocal pos
        out_text.append(ch)
        out_index.append(out_index[-1] if out_index else 0)
        pos += 1

    for piece in pieces:
        norm = normalise(piece.text).strip() if piece.text is not None else None
        if norm is not None and not norm.text:
            continue
        if blocks:
            sep("\n")
        if piece.rows is not None:
            start = pos
            rows: list[tuple[Cell, ...]] = []
            covered: set[tuple[int, int]] = set()  # grid positions taken by spans from above/left
            for r, row in enumerate(piece.rows):
                if r:
                    sep("\n")
                cells = []
                col = 0
                for c, (mt, rc) in enumerate(zip(row, piece.raw.rows[r], strict=True)):
                    while (r, col) in covered:
                        col += 1
                    if c:
                        sep("\t")
                    norm = normalise(mt)
                    s, e = emit(norm)
                    cells.append(Cell(norm.text, s, e, r, col, rc.rowspan, rc.colspan, rc.page))
                    covered.update(
                        (r + dr, col + dc) for dr in range(max(rc.rowspan, 1)) for dc in range(max(rc.colspan, 1))
                    )
                    col += max(rc.colspan, 1)
                rows.append(tuple(cells))
            blocks.append(
                Block(len(blocks), BlockKind.TABLE, "", start, pos, piece.raw.page, section=section, rows=tuple(rows),
                      bbox=piece.raw.bbox, confidence=piece.raw.confidence)
            )
            continue
        label = attachment_label(norm.text)
        if label:
            section = label
        kind, level, number = classify(norm.text, piece.raw.hint)
        if label:
            kind, level = BlockKind.HEADING, 0
        if piece.raw.hint is BlockKind.HEADING and piece.raw.level and level is None:
            level = piece.raw.level
        s, e = emit(norm)
        blocks.append(
            Block(len(blocks), kind, norm.text, s, e, piece.raw.page, level, number, section,
                  bbox=piece.raw.bbox, confidence=piece.raw.confidence)
        )

    full = "".join(out_text)
    blocks = [b if b.kind is not BlockKind.TABLE else _with_text(b, full) for b in blocks]
    if not full.strip():
        raise EmptyFileError(raw.path, "no text found in the document")
    from policyparse.metadata import read_metadata

    meta = read_metadata(full, blocks)
    return Document(
        id=doc_id,
        path=raw.path,
        format=raw.format,
        text=full,
        blocks=tuple(blocks),
        metadata=meta,
        pages=raw.pages,
        encoding=raw.encoding,
        warnings=tuple(raw.warnings),
        source_text=source.text,
        source_index=tuple(out_index),
        ocr_pages=tuple(raw.ocr_pages),
        ocr_image_pages=tuple(raw.ocr_image_pages),
        ocr_seconds=raw.ocr_seconds,
        ocr_lines=tuple(source.ocr_lines),
    )


def _with_text(b: Block, full: str) -> Block:
    from dataclasses import replace

    return replace(b, text=full[b.start : b.end])
