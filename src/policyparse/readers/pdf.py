"""PDF reader (pdfplumber): physical lines grouped into paragraphs, ruled tables as rows and cells.

Pages are streamed: the file is opened once, each page is parsed, reduced to small line/table
records and closed (``page.close()`` flushes pdfplumber's caches; pdfminer's object cache is
emptied as we go), so memory stays flat on long files. What is kept per page is only text and
geometry; the document-level passes run afterwards on those records:

1. running heads / page-number lines ("— 3 —", "- 3 -", "第3页", "3/12", a line repeated at the
   top or bottom of most pages) are dropped when they are a page's first or last line;
2. a table that opens a page (no body text before it) and matches the previous page's last table
   (same columns at the same x positions) is stitched onto it: a repeated header row is dropped and
   a first row whose leading cells are empty (a row split by the page break) is merged into the
   row it continues;
3. the remaining lines become paragraphs (hint HEADING for a short block set in another font
   or a larger size than the body; hint PARAGRAPH for a block whose start and end are both sure
   paragraph boundaries, so that the assembler re-joins only where a boundary is weak: a page
   break before a non-indented line, or a short line in ragged-right text). A new block starts
   at a first-line indent, a larger vertical gap, a change of font size or face, a centred line
   (titles; a wrapped centred title stays one block), a line that starts with a heading marker
   ("一、", "（二）", "3.", "第四条", "附件1"), or (weakly) after a short line.

Tables are pdfplumber's ruled tables (``find_tables()``, lines strategy), looked for only on pages
that have ruling lines or rectangles. Merged cells (pdfplumber's ``None``) become row/column spans
on the cell they belong to, computed from the cell bounding boxes on the table's grid. Cell text
keeps its internal line breaks. ``(cid:N)`` glyphs are replaced by U+FFFD with a warning, or raise
:class:`UndecodableGlyphsError` when they make up most of a page.

With the ``ocr`` extra (:mod:`policyparse.readers.pdf_ocr`), a page without a text layer that holds
an image, or whose glyphs are mostly ``(cid:N)``, is rendered and OCR'd instead; its lines join the
same passes as text-layer lines (running lines, paragraphs), its blocks carry bbox and confidence.
On a page that has a text layer, an image large enough to hold text (:func:`pdf_ocr.text_images`)
is rendered and OCR'd too: its lines (and a ruled table found in it) are put among the text-layer
lines at the image's position; a paragraph never mixes OCR and text-layer lines.
"""

from __future__ import annotations

import contextlib
import io
import re
import statistics
import time
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.budget import set_stage
from policyparse.errors import (
    CorruptFileError,
    EncryptedFileError,
    NoTextLayerError,
    UndecodableGlyphsError,
)
from policyparse.model import BlockKind, RawBlock, RawCell
from policyparse.readers import pdf_ocr
from policyparse.readers.base import RawDocument
from policyparse.readers.sniff import extension_warning

# a page whose characters are more than this share of (cid:N) glyphs cannot be read
CID_FAIL_RATIO = 0.5

_HEADING_START = re.compile(
    r"^\s*(?:"
    r"第[一二三四五六七八九十百零〇\d]+[章节条部分篇]"
    r"|[一二三四五六七八九十百]+[、．.]"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|\d{1,2}[、．.](?!\d)"
    r"|[（(]\d{1,2}[）)]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"
    r"|附件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*$"
    r"|附件\s*[\d一二三四五六七八九十]+"
    r")"
)
_DASHES = "\\-—–－~～﹣−_"
_PAGE_NUMBER = re.compile(
    rf"^\s*(?:[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
    r")\s*$"
)
_BARE_NUMBER = re.compile(r"^\s*[\d\s]{1,5}\s*$")


# --------------------------------------------------------------------------- page records


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    fonts: dict[str, int] = field(default_factory=dict)  # font -> CJK ideographs in this line
    confidence: float | None = None  # OCR lines: the engine's score (None for the text layer)


@dataclass(slots=True)
class _Table:
    page: int
    top: float
    bottom: float
    xs: list[float]  # column boundaries (len = ncols + 1)
    # rows of (grid column, cell); a merged cell appears once, in its top-left position
    rows: list[list[tuple[int, RawCell]]] = field(default_factory=list)
    confidence: float | None = None  # a table found by OCR in the page image: lowest line score

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    items: list[_Line | _Table]
    images: list[tuple[float, float, float, float]] = field(default_factory=list)  # to OCR (text page)


# --------------------------------------------------------------------------- chars -> lines


def line_chars(chars: list[dict], *, dedupe: bool = True) -> list[list[dict]]:
    """Characters clustered into physical lines, top to bottom, each line left to right (with
    ``dedupe``, duplicated glyphs of fake bold left out): the order in which the reader builds its
    text, so a quote's characters can be found again on the page (``report --pages``)."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    clusters: list[list[dict]] = []
    cur: list[dict] = [chars[0]]
    cur_top, cur_bottom = chars[0]["top"], chars[0]["bottom"]
    for c in chars[1:]:
        top, bottom = c["top"], c["bottom"]
        h = min(bottom - top, cur_bottom - cur_top) or 1.0
        overlap = min(bottom, cur_bottom) - max(top, cur_top)
        if overlap >= 0.5 * h:
            cur.append(c)
            if bottom > cur_bottom:
                cur_bottom = bottom
        else:
            clusters.append(cur)
            cur = [c]
            cur_top, cur_bottom = top, bottom
    clusters.append(cur)
    out = []
    for cl in clusters:
        cl.sort(key=lambda c: c["x0"])
        if not dedupe:
            out.append(cl)
            continue
        kept: list[dict] = []
        for c in cl:
            prev = kept[-1] if kept else None
            if prev is not None and c["text"] == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.3 * (c["size"] or 1):
                continue  # duplicated glyph (fake bold)
            kept.append(c)
        out.append(kept)
    return out


def page_chars(page) -> list[dict]:
    """The characters of a pdfplumber page that the reader reads ((cid:N) as U+FFFD, rotated
    watermark glyphs left out)."""
    return _page_chars(page, Path("-"), page.page_number, [])


def _group_lines(chars: list[dict], page: int) -> list[_Line]:
    """Group characters into physical lines (top to bottom, left to right in each line)."""
    lines: list[_Line] = []
    for cl in line_chars(chars, dedupe=False):
        parts: list[str] = []
        prev = None
        for c in cl:
            t = c["text"]
            if prev is not None:
                if t == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.3 * (c["size"] or 1):
                    continue  # duplicated glyph (fake bold)
                gap = c["x0"] - prev["x1"]
                if gap > 0.6 * max(c["size"], prev["size"]) and t != " " and prev["text"] != " ":
                    parts.append(" ")
            parts.append(t)
            prev = c
        text = "".join(parts)
        if not text.strip():
            continue
        sizes = [c["size"] for c in cl]
        fonts: dict[str, int] = {}  # glyph counts of CJK ideographs per font
        for c in cl:
            if "\u3400" <= c["text"] <= "\u9fff":  # CJK ideographs: the font that sets the text
                name = c.get("fontname") or ""
                name = name.split("+", 1)[-1]  # drop the subset prefix ("ABCDEF+")
                fonts[name] = fonts.get(name, 0) + 1
        lines.append(
            _Line(
                text=text,
                x0=cl[0]["x0"],
                x1=max(c["x1"] for c in cl),
                top=min(c["top"] for c in cl),
                bottom=max(c["bottom"] for c in cl),
                size=statistics.median(sizes),
                page=page,
                fonts=fonts,
            )
        )
    return lines


# --------------------------------------------------------------------------- tables


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(bounds: list[float], v: float, tol: float = 2.0) -> int:
    """Index of the boundary nearest to ``v`` (boundaries are clustered, so within ``tol``)."""
    i = bisect_right(bounds, v + tol) - 1
    return max(i, 0)


def _build_table(table, chars: list[dict], page: int) -> _Table | None:
    """A pdfplumber table -> grid with spans; ``chars`` are the characters inside its bbox."""
    cells = table.cells
    if not cells:
        return None
    x_right = max(c[2] for c in cells)
    y_bottom = max(c[3] for c in cells)
    xs = _cluster([c[0] for c in cells])
    ys = _cluster([c[1] for c in cells])
    if len(xs) * len(ys) <= 1:
        return None  # one box around some text: a frame, not a table
    xs.append(x_right)
    ys.append(y_bottom)
    nrows, ncols = len(ys) - 1, len(xs) - 1
    grid: list[list[int | None]] = [[None] * ncols for _ in range(nrows)]
    placed: list[tuple[int, int, int, int]] = []  # (row, col, rowspan, colspan) per cell
    for k, (x0, top, x1, bottom) in enumerate(cells):
        r, c = _index(ys, top), _index(xs, x0)
        r2, c2 = _index(ys, bottom), _index(xs, x1)
        rs, cs = max(r2 - r, 1), max(c2 - c, 1)
        placed.append((r, c, rs, cs))
        for rr in range(r, min(r + rs, nrows)):
            for cc in range(c, min(c + cs, ncols)):
                if grid[rr][cc] is None:
                    grid[rr][cc] = k
    per_cell: list[list[dict]] = [[] for _ in cells]
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        r = min(max(bisect_right(ys, cy) - 1, 0), nrows - 1)
        c = min(max(bisect_right(xs, cx) - 1, 0), ncols - 1)
        k = grid[r][c]
        if k is not None:
            per_cell[k].append(ch)
    rows: list[list[tuple[int, RawCell]]] = [[] for _ in range(nrows)]
    for k, (r, c, rs, cs) in enumerate(placed):
        if r >= nrows or c >= ncols or grid[r][c] != k:
            continue  # duplicate / degenerate box
        text = "\n".join(ln.text for ln in _group_lines(per_cell[k], page))
        rows[r].append((c, RawCell(text=text, rowspan=rs, colspan=cs, page=page)))
    for row in rows:
        row.sort(key=lambda t: t[0])
    rows = [row for row in rows if row]
    return _Table(page=page, top=table.bbox[1], bottom=table.bbox[3], xs=xs, rows=rows)


def _coverage(tab: _Table, row_index: int) -> dict[int, RawCell]:
    """Grid column -> the cell that covers row ``row_index`` there (following rowspans)."""
    cover: dict[int, RawCell] = {}
    for r, row in enumerate(tab.rows[: row_index + 1]):
        for c, cell in row:
            if r + cell.rowspan > row_index:
                for cc in range(c, c + cell.colspan):
                    cover[cc] = cell
    return cover


def _row_texts(row: list[tuple[int, RawCell]]) -> list[tuple[int, str]]:
    return [(c, re.sub(r"\s+", "", cell.text)) for c, cell in row]


def _continue_merges(prev: _Table, first: list[tuple[int, RawCell]]) -> list[tuple[int, RawCell]]:
    """Leading empty cells of a continuation's first row that sit under a vertically merged cell
    (same columns, text above) are that merged cell going on: extend its rowspan instead."""
    cover = _coverage(prev, len(prev.rows) - 1)
    start_col: dict[int, int] = {}
    for c in sorted(cover):
        start_col.setdefault(id(cover[c]), c)
    out: list[tuple[int, RawCell]] = []
    leading = True
    for c, cell in first:
        target = cover.get(c)
        if (
            leading
            and not cell.text.strip()
            and target is not None
            and target.text.strip()
            and start_col[id(target)] == c
            and target.colspan == cell.colspan
        ):
            target.rowspan += cell.rowspan
            continue
        leading = False
        out.append((c, cell))
    return out


def _short(text: str) -> bool:
    text = text.strip()
    return bool(text) and "\n" not in text and len(text) <= 4


def _same_columns(a: _Table, b: _Table, tol: float = 3.0) -> bool:
    return a.ncols == b.ncols and all(abs(x - y) <= tol for x, y in zip(a.xs, b.xs, strict=True))


def _merge_split_row(prev: _Table, first: list[tuple[int, RawCell]]) -> bool:
    """Merge ``first`` (a row cut by the page break) into ``prev``'s last row; False if it is not.

    A split row's continuation has empty leading cells; its non-empty cells continue the text of
    the cells above them. A short one-line cell (a serial number, a unit) does not wrap onto the
    next page: if one follows another short cell, ``first`` is a new row under vertical merges.
    Empty fragments that go on below (rowspan > 1) extend the merged cell they continue.
    """
    cover = _coverage(prev, len(prev.rows) - 1)
    start_col: dict[int, int] = {}
    for c in sorted(cover):
        start_col.setdefault(id(cover[c]), c)
    plan: list[tuple[RawCell, RawCell]] = []
    for c, cell in first:
        if not cell.text.strip() and cell.rowspan == 1:
            continue
        target = cover.get(c)
        if target is None:
            return False
        if cell.text.strip() and _short(target.text) and _short(cell.text):
            return False
        if cell.rowspan > 1 and (start_col[id(target)] != c or target.colspan != cell.colspan):
            return False
        plan.append((target, cell))
    for target, cell in plan:
        if cell.text.strip():
            target.text = f"{target.text}\n{cell.text}" if target.text else cell.text
        target.rowspan += cell.rowspan - 1
    return True


def _stitch(prev: _Table, cont: _Table) -> None:
    """Append continuation ``cont`` (next page) to ``prev`` in place."""
    rows = list(cont.rows)
    if rows and prev.rows and _row_texts(rows[0]) == _row_texts(prev.rows[0]):
        rows = rows[1:]  # repeated header row
    if rows and prev.rows:
        first = rows[0]
        cols = {c: cell for c, cell in first}
        leading_empty = 0 in cols and not cols[0].text.strip()
        has_text = any(cell.text.strip() for cell in cols.values())
        if leading_empty and has_text and _merge_split_row(prev, first):
            rows = rows[1:]
        elif not has_text and all(cell.rowspan == 1 for cell in cols.values()):
            rows = rows[1:]  # the empty bottom of a row cut by the page break
        elif leading_empty:
            rows[0] = _continue_merges(prev, first)
    prev.rows.extend(rows)
    prev.bottom = cont.bottom


# --------------------------------------------------------------------------- page pass


def _page_chars(page, path: Path, number: int, warnings: list[str]) -> list[dict]:
    chars = [c for c in page.chars if c["text"]]
    cid = [c for c in chars if c["text"].startswith("(cid:")]
    if cid:
        visible = sum(1 for c in chars if not c["text"].isspace())
        if len(cid) > CID_FAIL_RATIO * max(visible, 1):
            raise UndecodableGlyphsError(
                path,
                f"page {number}: {len(cid)} of {visible} glyphs are undecodable (cid:N) placeholders; "
                "the font has no Unicode mapping (re-export the PDF with embedded fonts or OCR it)",
            )
        warnings.append(f"page {number}: {len(cid)} undecodable glyph(s) (cid:N) replaced by U+FFFD")
        chars = [dict(c, text="\ufffd") if c["text"].startswith("(cid:") else c for c in chars]
    rotated = [c for c in chars if _rotated(c)]
    if rotated and len(rotated) < 0.2 * len(chars):
        # a diagonal watermark or stamp across the body: keep it out of the lines, say what it was
        text = "".join(c["text"] for c in rotated)  # content-stream order
        warnings.append(f"page {number}: {len(rotated)} rotated glyph(s) left out (watermark?): {text[:40]}")
        chars = [c for c in chars if not _rotated(c)]
    return chars


def _rotated(ch: dict) -> bool:
    """Set at an angle (pdfminer's ``upright`` is True up to 90 degrees, so read the matrix)."""
    m = ch.get("matrix")
    if not m:
        return not ch.get("upright", True)
    a, b, c, d = m[0], m[1], m[2], m[3]
    return abs(b) + abs(c) > 0.05 * (abs(a) + abs(d))


def _read_page(page, path: Path, number: int, warnings: list[str]) -> tuple[_Page, int]:
    chars = _page_chars(page, path, number, warnings)
    all_chars = chars
    tables: list[_Table] = []
    if chars and (page.lines or page.rects):
        found = page.find_tables()
        if found:
            boxes = [t.bbox for t in found]
            inside: list[list[dict]] = [[] for _ in found]
            outside: list[dict] = []
            for ch in chars:
                cx = (ch["x0"] + ch["x1"]) / 2
                cy = (ch["top"] + ch["bottom"]) / 2
                for i, (x0, top, x1, bottom) in enumerate(boxes):
                    if x0 <= cx <= x1 and top <= cy <= bottom:
                        inside[i].append(ch)
                        break
                else:
                    outside.append(ch)
            kept_outside = outside
            for t, tchars in zip(found, inside, strict=True):
                built = _build_table(t, tchars, number)
                if built is None or not built.rows:
                    kept_outside = kept_outside + tchars  # a frame: its text is body text
                else:
                    tables.append(built)
            chars = kept_outside
    items: list[_Line | _Table] = [*_group_lines(chars, number), *tables]
    items.sort(key=lambda it: it.top)
    images = page.images
    rec = _Page(number, float(page.width), float(page.height), items)
    if items and images:  # a text page with images: those that may hold text are OCR'd later
        rec.images = pdf_ocr.text_images(images, all_chars, rec.width, rec.height)
    return rec, len(images)


# --------------------------------------------------------------------------- document passes


def _norm_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and running heads/feet (first/last lines of pages), in place.

    Only a page's first two and last two lines are candidates. A candidate goes when it looks like
    a page number ("— 3 —", "第3页", "3/12"; a bare number only in the bottom margin) and is the
    page's first or last line or sits in the top/bottom 15 % of the page, or when it sits in that
    margin and the same text (digits ignored) opens or closes most pages of a 3+ page document.
    """
    edge_keys: Counter[str] = Counter()
    for p in pages:
        lines = [it for it in p.items if isinstance(it, _Line)]
        edge_keys.update({_norm_key(ln.text) for ln in lines[:2] + lines[-2:]})
    repeated_min = max(3, (len(pages) + 1) // 2)
    kept: list[list[_Line | _Table]] = []
    for p in pages:
        idx_lines = [i for i, it in enumerate(p.items) if isinstance(it, _Line)]
        candidates = sorted(set(idx_lines[:2] + idx_lines[-2:]))
        outermost = {idx_lines[0], idx_lines[-1]} if idx_lines else set()
        drop: set[int] = set()
        for i in candidates:
            ln = p.items[i]
            assert isinstance(ln, _Line)
            in_top = ln.bottom < 0.15 * p.height
            in_bottom = ln.top > 0.85 * p.height
            in_margin = in_top or in_bottom
            page_number = bool(_PAGE_NUMBER.match(ln.text)) and (in_margin or i in outermost)
            bare_number = in_bottom and bool(_BARE_NUMBER.match(ln.text))
            running = (
                in_margin and len(pages) >= 3 and edge_keys[_norm_key(ln.text)] >= repeated_min
            )
            if page_number or bare_number or running:
                drop.add(i)
        kept.append([it for i, it in enumerate(p.items) if i not in drop])
    if any(kept):  # never drop everything: then the "running" lines were the content
        for p, items in zip(pages, kept, strict=True):
            p.items = items


def _stitch_tables(pages: list[_Page]) -> None:
    """Join tables that run across page breaks, in place."""
    prev_last: _Table | None = None
    for p in pages:
        if prev_last is not None and p.items and isinstance(p.items[0], _Table):
            first = p.items[0]
            if _same_columns(prev_last, first):
                _stitch(prev_last, first)
                p.items = p.items[1:]
                if not p.items:
                    continue  # the whole page was continuation: the table may go on
        prev_last = p.items[-1] if p.items and isinstance(p.items[-1], _Table) else None


@dataclass
class _Geometry:
    left: float
    right: float
    gap: float  # typical gap between consecutive lines of a paragraph
    body_font: str = ""  # the font most body glyphs are set in
    body_size: float = 0.0

    def emphasised(self, ln: _Line) -> bool:
        """The line is set (almost) entirely in another font than the body (bold, 黑体, 楷体...)."""
        total = sum(ln.fonts.values())
        if not total or not self.body_font:
            return False
        return ln.fonts.get(self.body_font, 0) <= 0.2 * total


def _geometry(pages: list[_Page]) -> _Geometry:
    x0s: Counter[int] = Counter()
    x1s: Counter[int] = Counter()
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    gaps: list[float] = []
    for p in pages:
        prev = None
        for it in p.items:
            if isinstance(it, _Line):
                fonts.update(it.fonts)
                sizes[round(it.size, 1)] += len(it.text)
                x0s[round(it.x0)] += 1
                x1s[round(it.x1)] += 1
                if prev is not None:
                    gaps.append(it.top - prev.bottom)
                prev = it
            else:
                prev = None
    left = float(min(k for k, _ in x0s.most_common(3))) if x0s else 0.0
    right = float(max(k for k, _ in x1s.most_common(3))) if x1s else 0.0
    pos = [g for g in gaps if g > -1]
    gap = statistics.median(pos) if pos else 0.0
    body_font = fonts.most_common(1)[0][0] if fonts else ""
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    return _Geometry(left, right, gap, body_font, body_size)


def _is_centred(ln: _Line, geo: _Geometry) -> bool:
    body_mid = (geo.left + geo.right) / 2
    mid = (ln.x0 + ln.x1) / 2
    margin = 1.5 * ln.size
    return (
        abs(mid - body_mid) < margin and ln.x0 > geo.left + margin and ln.x1 < geo.right - margin
    )


def _full_symmetric(ln: _Line, geo: _Geometry) -> bool:
    """A line filling the measure with equal margins (the first line of a wrapped centred title)."""
    left_gap, right_gap = ln.x0 - geo.left, geo.right - ln.x1
    return right_gap < 2 * ln.size and abs(left_gap - right_gap) < 1.5 * ln.size and left_gap > -ln.size


# how a line relates to the line above it
_SAME, _WEAK, _SURE = 0, 1, 2  # same paragraph / new one on weak evidence / new one for sure


def _new_paragraph(prev: _Line, ln: _Line, geo: _Geometry) -> int:
    size = max(ln.size, 1.0)
    if (prev.confidence is None) != (ln.confidence is None):
        return _SURE  # an image's OCR lines next to text-layer lines: never one paragraph
    if abs(ln.size - prev.size) > 1.0 or geo.emphasised(ln) != geo.emphasised(prev):
        return _SURE
    if ln.top - prev.bottom > geo.gap + 0.6 * size:
        return _SURE
    c_prev, c_ln = _is_centred(prev, geo), _is_centred(ln, geo)
    if c_ln and (c_prev or _full_symmetric(prev, geo)):
        return _SAME  # a centred title wrapped onto two lines
    if c_prev or c_ln:
        return _SURE
    if ln.x0 > prev.x0 + 1.2 * size:
        return _SURE  # first-line indent
    if _HEADING_START.match(ln.text):
        return _SURE
    if prev.x1 < geo.right - 2 * size:
        # the line above ended short: a paragraph's last line, or ragged-right text; sure when
        # this line is indented from the margin too
        return _SURE if ln.x0 > geo.left + 1.2 * size else _WEAK
    return _SAME


def _heading_hint(lines: list[_Line], geo: _Geometry) -> BlockKind | None:
    """HEADING for a short block set in a larger size or in another font than the body."""
    text = "".join(ln.text for ln in lines)
    if len(lines) > 3 or len(text.strip()) > 80:
        return None
    if all(geo.emphasised(ln) for ln in lines):
        return BlockKind.HEADING
    if geo.body_size and all(ln.size >= geo.body_size + 2 for ln in lines):
        return BlockKind.HEADING
    return None


def _blocks(pages: list[_Page]) -> list[RawBlock]:
    geo = _geometry(pages)
    blocks: list[RawBlock] = []
    block_lines: list[list[_Line]] = []
    starts: list[int] = []  # how each block starts: _SURE, or _WEAK (may continue the one before)
    for p in pages:
        prev: _Line | None = None
        for i, it in enumerate(p.items):
            if isinstance(it, _Table):
                blocks.append(
                    RawBlock(page=it.page, rows=[[cell for _, cell in row] for row in it.rows])
                )
                if it.confidence is not None:  # found by OCR in the page image
                    blocks[-1].bbox = (round(it.xs[0], 1), round(it.top, 1), round(it.xs[-1], 1), round(it.bottom, 1))
                    blocks[-1].confidence = round(it.confidence, 4)
                block_lines.append([])
                starts.append(_SURE)
                prev = None
                continue
            if prev is None:
                # a page's first line: a paragraph start if indented or centred, else it may
                # continue the paragraph the page break cut
                indented = it.x0 > geo.left + 1.2 * it.size
                start = _SURE if i > 0 or indented or _is_centred(it, geo) else _WEAK
            else:
                start = _new_paragraph(prev, it, geo)
            if start != _SAME:
                blocks.append(RawBlock(page=p.number, lines=[it.text]))
                block_lines.append([it])
                starts.append(start)
            else:
                blocks[-1].lines.append(it.text)
                block_lines[-1].append(it)
            prev = it
    for i, (block, lines) in enumerate(zip(blocks, block_lines, strict=True)):
        if not lines:
            continue
        # PARAGRAPH only between two sure boundaries: where either is weak (a page break, a
        # short line in ragged text) the assembler decides from the text whether to re-join
        sure = starts[i] == _SURE and (i + 1 == len(blocks) or starts[i + 1] == _SURE)
        block.hint = _heading_hint(lines, geo) or (BlockKind.PARAGRAPH if sure else None)
        scores = [ln.confidence for ln in lines if ln.confidence is not None]
        if scores:  # read by OCR: keep where on the page and how sure the engine was
            block.bbox = (
                round(min(ln.x0 for ln in lines), 1),
                round(min(ln.top for ln in lines), 1),
                round(max(ln.x1 for ln in lines), 1),
                round(max(ln.bottom for ln in lines), 1),
            )
            block.confidence = round(min(scores), 4)
            block.line_confidence = [ln.confidence for ln in lines]
    return blocks


# --------------------------------------------------------------------------- entry point


def _open(path: Path, data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    from policyparse.readers.pdf_safe import install

    install()  # reference loops raise PDFReferenceLoop instead of hanging pdfminer
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedFileError(path, "the PDF is password-protected (no password given)") from e
        if isinstance(cause, PDFEncryptionError):
            raise EncryptedFileError(path, f"the PDF is encrypted and cannot be opened: {cause}") from e
        raise CorruptFileError(path, f"not a readable PDF: {type(cause).__name__}: {cause}") from e
    except Exception as e:  # pdfminer raises assorted errors on broken files
        raise CorruptFileError(path, f"not a readable PDF: {type(e).__name__}: {e}") from e


def _iter_pages(pdf, path: Path):
    """Yield pdfplumber pages one at a time (``pdf.pages`` would build them all at once)."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    try:
        gen = PDFPage.create_pages(pdf.doc)
        number = 0
        doctop = 0.0
        while True:
            try:
                page_obj = next(gen)
            except StopIteration:
                return
            number += 1
            page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
            doctop += page.height
            yield page
    except (EncryptedFileError, CorruptFileError, UndecodableGlyphsError):
        raise
    except Exception as e:
        raise CorruptFileError(path, f"broken page tree: {type(e).__name__}: {e}") from e


def _ocr_hint() -> str:
    if pdf_ocr.installed():
        return "OCR is turned off (--no-ocr / POLICYPARSE_OCR=0)"
    return pdf_ocr.INSTALL_HINT


def _ocr_items(pdfium_doc, number: int, bbox: tuple[float, float, float, float] | None = None) -> list[_Line | _Table]:
    """The page read by OCR (or only its region ``bbox``, an image on a text page): its lines and
    ruled tables (grid recovered from the image), in PDF points on the page."""
    if bbox is None:
        lines, tables = pdf_ocr.ocr_page(pdfium_doc, number - 1)
    else:
        lines, tables = pdf_ocr.ocr_region(pdfium_doc, number - 1, bbox)
    items: list[_Line | _Table] = [
        _Line(
            text=ln.text, x0=ln.x0, x1=ln.x1, top=ln.top, bottom=ln.bottom, size=ln.size,
            page=number, confidence=ln.confidence,
        )
        for ln in lines
    ]
    for t in tables:
        rows: list[list[tuple[int, RawCell]]] = [[] for _ in range(len(t.ys) - 1)]
        for cell in t.cells:
            rows[cell.row].append(
                (cell.col, RawCell(text=cell.text, rowspan=cell.rowspan, colspan=cell.colspan, page=number,
                                   confidence=cell.confidence))
            )
        for row in rows:
            row.sort(key=lambda x: x[0])
        scores = [cell.confidence for cell in t.cells if cell.confidence is not None]
        items.append(
            _Table(page=number, top=t.top, bottom=t.bottom, xs=list(t.xs), rows=[r for r in rows if r],
                   confidence=min(scores) if scores else 1.0)
        )
    items.sort(key=lambda it: it.top)
    return items


def read_raw(path: Path, data: bytes) -> RawDocument:
    """Read a PDF into a :class:`RawDocument` (``line_broken=True``).

    Pages without a text layer (that hold an image) and pages of ``(cid:N)`` glyphs are read by
    OCR when the ``ocr`` extra is installed and not turned off (:mod:`policyparse.readers.pdf_ocr`);
    their numbers are in ``RawDocument.ocr_pages``.
    """
    path = Path(path)
    warnings: list[str] = []
    if w := extension_warning(path, "pdf"):
        warnings.append(w)
    pdf = _open(path, data)
    pages: list[_Page] = []
    images = 0
    use_ocr = pdf_ocr.enabled()
    pdfium_doc = None
    ocr_pages: list[int] = []
    ocr_image_pages: list[int] = []
    ocr_seconds = 0.0
    try:
        if getattr(pdf.doc, "encryption", None):
            warnings.append("encrypted PDF opened with an empty user password")
        for page in _iter_pages(pdf, path):
            number = page.page_number
            set_stage(f"read (pdf) page {number}")
            undecodable = False
            try:
                try:
                    rec, n_img = _read_page(page, path, number, warnings)
                except UndecodableGlyphsError as e:
                    if not use_ocr:
                        raise UndecodableGlyphsError(path, f"{e.reason}; {_ocr_hint()}") from e
                    undecodable = True
                    rec = _Page(number, float(page.width), float(page.height), [])
                    n_img = len(page.images)
            except UndecodableGlyphsError:
                raise
            except Exception as e:
                raise CorruptFileError(
                    path, f"page {number} could not be parsed: {type(e).__name__}: {e}"
                ) from e
            finally:
                page.close()
                # pdfminer caches every parsed object (content streams included): drop them so
                # memory stays flat; fonts stay cached in the resource manager.
                cached = getattr(pdf.doc, "_cached_objs", None)
                if isinstance(cached, dict):
                    cached.clear()
            if use_ocr and not rec.items and (n_img or undecodable):
                t0 = time.perf_counter()
                try:
                    if pdfium_doc is None:
                        pdfium_doc = pdf_ocr.open_pdfium(data)
                    rec.items = _ocr_items(pdfium_doc, number)
                except Exception as e:
                    raise CorruptFileError(
                        path, f"page {number} could not be read by OCR: {type(e).__name__}: {e}"
                    ) from e
                ocr_seconds += time.perf_counter() - t0
                why = "its text is undecodable (cid:N) glyphs" if undecodable else "no text layer"
                if rec.items:
                    ocr_pages.append(number)
                    warnings.append(f"page {number} read by OCR ({why})")
                else:
                    warnings.append(f"page {number}: OCR found no text ({why})")
            elif use_ocr and rec.images:
                t0 = time.perf_counter()
                found = 0
                for bbox in rec.images:
                    try:
                        if pdfium_doc is None:
                            pdfium_doc = pdf_ocr.open_pdfium(data)
                        region = _ocr_items(pdfium_doc, number, bbox)
                    except Exception as e:
                        raise CorruptFileError(
                            path, f"page {number}: an image could not be read by OCR: {type(e).__name__}: {e}"
                        ) from e
                    if region:
                        found += 1
                        rec.items.extend(region)
                ocr_seconds += time.perf_counter() - t0
                if found:
                    rec.items.sort(key=lambda it: it.top)
                    ocr_image_pages.append(number)
                    warnings.append(f"page {number}: {found} image(s) read by OCR")
            images += n_img
            pages.append(rec)
    finally:
        with contextlib.suppress(Exception):
            pdf.stream.close()
        if pdfium_doc is not None:
            with contextlib.suppress(Exception):
                pdfium_doc.close()
    n = len(pages)
    if n == 0:
        raise CorruptFileError(path, "the PDF has no pages")
    has_text = [p.number for p in pages if p.items]
    if not has_text:
        if images and not use_ocr:
            raise NoTextLayerError(
                path,
                f"image-only (scanned) PDF: {n} pages, no text layer; OCR it first ({_ocr_hint()})",
            )
        if images:
            raise NoTextLayerError(path, f"image-only (scanned) PDF: {n} pages, OCR found no text")
        raise NoTextLayerError(path, f"PDF with {n} pages but no text layer at all (blank pages)")
    blank = [p.number for p in pages if not p.items]
    if blank:
        shown = ", ".join(map(str, blank[:10])) + (" ..." if len(blank) > 10 else "")
        hint = "" if use_ocr or not images else f"; {_ocr_hint()}"
        warnings.append(
            f"{len(blank)} page(s) without a text layer (image-only or blank): {shown}{hint}"
        )
    _drop_running_lines(pages)
    _stitch_tables(pages)
    blocks = _blocks(pages)
    return RawDocument(
        path=str(path), format="pdf", blocks=blocks, pages=n, warnings=warnings, line_broken=True,
        ocr_pages=ocr_pages, ocr_image_pages=ocr_image_pages, ocr_seconds=round(ocr_seconds, 3),
    )
