"""OCR of PDF pages the text layer cannot give (optional extra ``ocr``: ``pip install -e ".[ocr]"``).

A page with no text layer (a scan) or whose text is mostly ``(cid:N)`` glyphs is rendered with
pypdfium2 (a pdfplumber dependency) at :data:`SCALE` x and read by RapidOCR
(``rapidocr-onnxruntime``, Apache-2.0; its PP-OCR Chinese detection/recognition models ship inside
the wheel, nothing is downloaded at run time). The engine's text boxes are put in reading order:
sorted top to bottom, grouped into physical lines by vertical overlap, left to right inside a line;
coordinates are converted back to PDF points, so the PDF reader's paragraph logic runs on OCR lines
as on text-layer lines. Ruled tables are found in the image (:func:`find_tables`: rules by
morphological opening, merged cells where a rule is missing) and their boxes go into cells, so
they become tables like text-layer ones. Images on pages that have a text layer are OCR'd too when
they are large enough to hold text (:func:`text_images`, :data:`MIN_IMAGE_SIDE`): the region is
rendered (:func:`ocr_region`) and its lines and tables take the image's place among the page's
text-layer lines. Not done: borderless tables.

OCR is on when the extra is importable, unless the environment variable ``POLICYPARSE_OCR`` is
``0``/``off`` (what ``--no-ocr`` and ``api.extract(..., ocr=False)`` set; worker processes inherit
it). ``POLICYPARSE_OCR_THREADS`` sets onnxruntime's threads per process (default 1: batch runs use
one worker process per core).
"""

from __future__ import annotations

import importlib.util
import os
import re
import statistics
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

SCALE = 2.0  # render at 2x (144 dpi): PP-OCR reads body text of an A4 page reliably at this size
ENGINE = "rapidocr-onnxruntime"
INSTALL_HINT = 'pip install -e ".[ocr]" would read it with OCR'
_DASHED_NUMBER = re.compile(r"^\s*[一—－\-–]\s*(\d{1,4})\s*[一—－\-–]\s*$")
_OFF = {"0", "false", "no", "off"}


@dataclass(slots=True)
class OcrLine:
    """One physical line read by OCR, in PDF points (top-left origin, like pdfplumber)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # estimated font size (the line's box height)
    confidence: float  # the lowest box score of the line (0-1)


# Facts quoted from OCR lines whose engine score is below this are flagged ``low_confidence``.
# Measured with ``scripts/evaluate_ocr.py --confidence`` (the first 3 pages of the 5 corpus PDFs,
# each rendered clean at 150 dpi and 4 ways degraded: 1,507 engine lines compared with the text
# layer under them). CER of the lines by score: >= 0.98: 0.33 % (6 % of lines with any error);
# 0.95-0.98: 1.56 % (25 %); 0.90-0.95: 5.5 % (69 %); 0.85-0.90: 10.5 % (96 %); 0.80-0.85: 16.6 %;
# below 0.80: 41-48 %. Below 0.95 a line's CER is over the 2 % the OCR tests allow a page and
# more than two lines in three have an error: that is where the flag starts.
LOW_CONFIDENCE = 0.95


def low_confidence(score: float | None) -> bool:
    """The engine's ``score`` of a line is low enough that its text is likely wrong."""
    return score is not None and score < LOW_CONFIDENCE


def installed() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def enabled() -> bool:
    """OCR may be used: the extra is installed and ``POLICYPARSE_OCR`` does not turn it off."""
    return os.environ.get("POLICYPARSE_OCR", "1").strip().lower() not in _OFF and installed()


@contextmanager
def ocr_setting(ocr: bool | None):
    """Within the block, OCR on (``True``: as when installed) or off (``False``); ``None`` leaves
    the environment alone. Sets ``POLICYPARSE_OCR``, so worker processes started inside inherit it."""
    if ocr is None:
        yield
        return
    old = os.environ.get("POLICYPARSE_OCR")
    os.environ["POLICYPARSE_OCR"] = "1" if ocr else "0"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("POLICYPARSE_OCR", None)
        else:
            os.environ["POLICYPARSE_OCR"] = old


@lru_cache(maxsize=1)
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    threads = int(os.environ.get("POLICYPARSE_OCR_THREADS", "1") or 1)
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)


def render(pdf, index: int, scale: float = SCALE):
    """Page ``index`` (0-based) of a ``pypdfium2.PdfDocument`` as an RGB numpy array."""
    import numpy as np

    page = pdf[index]
    try:
        return np.asarray(page.render(scale=scale).to_pil().convert("RGB"))
    finally:
        page.close()


def _boxes(result, scale: float) -> list[tuple[str, float, float, float, float, float]]:
    out = []
    for box, text, score in result or ():
        text = str(text).strip()
        if not text:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        out.append((text, min(xs) / scale, max(xs) / scale, min(ys) / scale, max(ys) / scale, float(score)))
    return out


def group_lines(boxes: list[tuple[str, float, float, float, float, float]]) -> list[OcrLine]:
    """Boxes ``(text, x0, x1, top, bottom, score)`` -> physical lines in reading order.

    Sorted top to bottom; a box joins the current line when it overlaps it vertically by at least
    half the smaller height; inside a line boxes go left to right, a space where the gap between two
    boxes is wider than 0.6 of the line height (as the text-layer reader does for glyphs). Line
    heights within 35 % of the page's median are set to the median, so a paragraph's lines have
    one size (the paragraph logic starts a new block where the size changes; an OCR box is taller
    around a short line or punctuation, so box heights barely tell a title from body text). A line
    that is only a page number between dashes, which PP-OCR reads as 一 ("一1一"), gets its dashes
    back ("— 1 —"), so the running-line pass drops it as it does on text pages.
    """
    if not boxes:
        return []
    boxes = sorted(boxes, key=lambda b: (b[3], b[1]))
    clusters: list[list[tuple]] = []
    cur = [boxes[0]]
    top, bottom = boxes[0][3], boxes[0][4]
    for b in boxes[1:]:
        h = min(b[4] - b[3], bottom - top) or 1.0
        if min(b[4], bottom) - max(b[3], top) >= 0.5 * h:
            cur.append(b)
            top, bottom = min(top, b[3]), max(bottom, b[4])
        else:
            clusters.append(cur)
            cur, top, bottom = [b], b[3], b[4]
    clusters.append(cur)
    lines: list[OcrLine] = []
    for cl in clusters:
        cl.sort(key=lambda b: b[1])
        height = statistics.median(b[4] - b[3] for b in cl)
        parts = [cl[0][0]]
        for prev, b in zip(cl, cl[1:], strict=False):
            if b[1] - prev[2] > 0.6 * height:
                parts.append(" ")
            parts.append(b[0])
        lines.append(
            OcrLine(
                text="".join(parts),
                x0=cl[0][1],
                x1=max(b[2] for b in cl),
                top=min(b[3] for b in cl),
                bottom=max(b[4] for b in cl),
                size=height,
                confidence=min(b[5] for b in cl),
            )
        )
    median = statistics.median(ln.size for ln in lines)
    for ln in lines:
        if abs(ln.size - median) <= 0.35 * median:
            ln.size = median
        m = _DASHED_NUMBER.match(ln.text)
        if m:
            ln.text = f"— {m.group(1)} —"
    return lines


@dataclass(slots=True)
class OcrCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str = ""
    confidence: float | None = None


@dataclass(slots=True)
class OcrTable:
    """A ruled table found in the page image: grid lines in PDF points, cells with spans."""

    top: float
    bottom: float
    xs: list[float]  # column boundaries (ncols + 1)
    ys: list[float]  # row boundaries (nrows + 1)
    cells: list[OcrCell]


def _runs(values, gap: int = 3) -> list[tuple[int, int]]:
    """Consecutive runs of sorted integer positions -> (first, last)."""
    out: list[tuple[int, int]] = []
    for v in values:
        if out and v - out[-1][1] <= gap:
            out[-1] = (out[-1][0], v)
        else:
            out.append((v, v))
    return out


def _grid_cells(hor, ver, xs: list[float], ys: list[float]) -> list[OcrCell]:
    """Cells of the grid ``xs`` x ``ys`` (pixels); a cell spans on while the rule that would end
    it is missing from the rule masks ``hor`` / ``ver``."""
    nr, nc = len(ys) - 1, len(xs) - 1

    def has_vrule(r: int, c: int) -> bool:  # rule at xs[c] between ys[r] and ys[r+1]
        xi = int(xs[c])
        seg = ver[int(ys[r]) + 2 : int(ys[r + 1]) - 1, max(xi - 3, 0) : xi + 4]
        return seg.size > 0 and (seg.max(axis=1) > 0).mean() > 0.6

    def has_hrule(r: int, c: int) -> bool:  # rule at ys[r] between xs[c] and xs[c+1]
        yi = int(ys[r])
        seg = hor[max(yi - 3, 0) : yi + 4, int(xs[c]) + 2 : int(xs[c + 1]) - 1]
        return seg.size > 0 and (seg.max(axis=0) > 0).mean() > 0.6

    owner = [[-1] * nc for _ in range(nr)]
    cells: list[OcrCell] = []
    for r in range(nr):
        for c in range(nc):
            if owner[r][c] >= 0:
                continue
            cs = 1
            while c + cs < nc and not has_vrule(r, c + cs) and owner[r][c + cs] < 0:
                cs += 1
            rs = 1
            while r + rs < nr and not any(has_hrule(r + rs, cc) for cc in range(c, c + cs)):
                if any(owner[r + rs][cc] >= 0 for cc in range(c, c + cs)):
                    break
                rs += 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    owner[rr][cc] = len(cells)
            cells.append(OcrCell(r, c, rs, cs))
    return cells


def find_tables(img, scale: float = SCALE) -> list[OcrTable]:
    """Ruled tables in an RGB page image: horizontal and vertical rules (morphological opening
    with long thin kernels), a table where at least 3 horizontal and 2 vertical rules cross in one
    connected frame; a grid cell is merged with its neighbour where the rule between them is
    missing (rowspan / colspan)."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) if img.ndim == 3 else img
    bw = (gray < 160).astype(np.uint8) * 255
    h, w = bw.shape
    hor = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 25, 10), 1)))
    ver = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 80, 10))))
    frame = cv2.dilate(hor | ver, np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(frame)
    tables: list[OcrTable] = []
    for k in range(1, n):
        x, y, bw_, bh = (int(v) for v in stats[k, :4])
        if bw_ < 0.25 * w or bh < 20:
            continue
        hs, vs = hor[y : y + bh, x : x + bw_], ver[y : y + bh, x : x + bw_]
        rows = _runs(np.flatnonzero((hs > 0).sum(axis=1) > 0.5 * bw_))
        cols = _runs(np.flatnonzero((vs > 0).sum(axis=0) > 0.3 * bh))
        if len(rows) < 3 or len(cols) < 2:
            continue
        ys = [float(y + (a + b) / 2) for a, b in rows]
        xs = [float(x + (a + b) / 2) for a, b in cols]
        cells = _grid_cells(hor, ver, xs, ys)
        tables.append(OcrTable(top=ys[0] / scale, bottom=ys[-1] / scale, xs=[v / scale for v in xs],
                               ys=[v / scale for v in ys], cells=cells))
    return tables


def _fill(table: OcrTable, boxes: list[tuple]) -> None:
    """Put each OCR box (centre) into the table cell that holds it; cell text = its lines."""
    from bisect import bisect_right

    grid: dict[tuple[int, int], OcrCell] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                grid[(r, c)] = cell
    per_cell: dict[int, list[tuple]] = {}
    for b in boxes:
        cx, cy = (b[1] + b[2]) / 2, (b[3] + b[4]) / 2
        r = min(max(bisect_right(table.ys, cy) - 1, 0), len(table.ys) - 2)
        c = min(max(bisect_right(table.xs, cx) - 1, 0), len(table.xs) - 2)
        per_cell.setdefault(id(grid[(r, c)]), []).append(b)
    for cell in table.cells:
        lines = group_lines(per_cell.get(id(cell), []))
        cell.text = "\n".join(ln.text for ln in lines)
        cell.confidence = min((ln.confidence for ln in lines), default=None)


def _read_image(img, scale: float, dx: float = 0.0, dy: float = 0.0, *, tables: bool = True):
    """OCR an RGB image rendered at ``scale`` whose top-left corner is at (``dx``, ``dy``) PDF points
    on its page: ``(lines, tables)`` in page points, the lines outside ruled tables in reading order
    and the tables with their cells' text."""
    result, _ = _engine()(img)
    boxes = [(t, x0 + dx, x1 + dx, top + dy, bottom + dy, s) for t, x0, x1, top, bottom, s in _boxes(result, scale)]
    found = find_tables(img, scale) if tables else []
    for t in found:
        t.top, t.bottom = t.top + dy, t.bottom + dy
        t.xs = [x + dx for x in t.xs]
        t.ys = [y + dy for y in t.ys]
    inside: list[list[tuple]] = [[] for _ in found]
    outside = []
    for b in boxes:
        cx, cy = (b[1] + b[2]) / 2, (b[3] + b[4]) / 2
        for i, t in enumerate(found):
            if t.xs[0] <= cx <= t.xs[-1] and t.top <= cy <= t.bottom:
                inside[i].append(b)
                break
        else:
            outside.append(b)
    for t, bs in zip(found, inside, strict=True):
        _fill(t, bs)
    return group_lines(outside), found


def ocr_page(pdf, index: int, scale: float = SCALE, *, tables: bool = True):
    """OCR page ``index`` (0-based) of a ``pypdfium2.PdfDocument``: ``(lines, tables)``, the lines
    outside ruled tables in reading order and the tables with their cells' text."""
    return _read_image(render(pdf, index, scale), scale, tables=tables)


# An image on a page that has a text layer is OCR'd when it can hold text: at least
# MIN_IMAGE_SIDE points on each side (36 pt = half an inch: two lines of 12-16 pt body text, three
# characters across) and at least MIN_IMAGE_AREA of the page's area (2 %: about 10,000 pt2 on A4,
# e.g. a 300 x 33 pt one-line caption across the measure or a 100 x 100 pt figure). Icons, logos,
# bullets and rules are below it. An image with more than MAX_CHARS_ON_IMAGE text-layer characters
# on it is not OCR'd: a scan under its own invisible OCR layer, a background, or a seal stamped
# over the signature and date, whose text the layer already has.
MIN_IMAGE_SIDE = 36.0
MIN_IMAGE_AREA = 0.02
MAX_CHARS_ON_IMAGE = 3


def text_images(images: list[dict], chars: list[dict], width: float, height: float) -> list[tuple[float, float, float, float]]:
    """The bboxes (x0, top, x1, bottom; PDF points, top-left origin, clipped to the page) of the
    pdfplumber ``images`` of a text page that are worth OCR (see :data:`MIN_IMAGE_SIDE`), top to
    bottom; overlapping ones are merged (an image drawn in tiles)."""
    boxes: list[list[float]] = []
    for im in images:
        x0, top = max(float(im["x0"]), 0.0), max(float(im["top"]), 0.0)
        x1, bottom = min(float(im["x1"]), width), min(float(im["bottom"]), height)
        if x1 - x0 < MIN_IMAGE_SIDE or bottom - top < MIN_IMAGE_SIDE:
            continue
        if (x1 - x0) * (bottom - top) < MIN_IMAGE_AREA * width * height:
            continue
        boxes.append([x0, top, x1, bottom])
    boxes.sort(key=lambda b: (b[1], b[0]))
    merged: list[list[float]] = []
    for b in boxes:
        for m in merged:
            if b[0] < m[2] and m[0] < b[2] and b[1] < m[3] and m[1] < b[3]:
                m[:] = [min(m[0], b[0]), min(m[1], b[1]), max(m[2], b[2]), max(m[3], b[3])]
                break
        else:
            merged.append(b)
    out = []
    for x0, top, x1, bottom in merged:
        on = sum(
            1 for c in chars
            if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
            and not c["text"].isspace()
        )
        if on <= MAX_CHARS_ON_IMAGE:
            out.append((x0, top, x1, bottom))
    return out


def render_region(pdf, index: int, bbox: tuple[float, float, float, float], scale: float = SCALE):
    """The region ``bbox`` (x0, top, x1, bottom; PDF points, top-left origin) of page ``index`` of a
    ``pypdfium2.PdfDocument``, rendered at ``scale`` as an RGB numpy array."""
    import numpy as np

    page = pdf[index]
    try:
        width, height = page.get_size()
        x0, top, x1, bottom = bbox
        # pdfium's crop: the margins cut off (left, bottom, right, top), bottom-left origin
        crop = (max(x0, 0.0), max(height - bottom, 0.0), max(width - x1, 0.0), max(top, 0.0))
        return np.asarray(page.render(scale=scale, crop=crop).to_pil().convert("RGB"))
    finally:
        page.close()


def ocr_region(pdf, index: int, bbox: tuple[float, float, float, float], scale: float = SCALE, *, tables: bool = True):
    """OCR the region ``bbox`` of page ``index`` (an image on a text page): ``(lines, tables)`` in
    the page's PDF points, as :func:`ocr_page`."""
    img = render_region(pdf, index, bbox, scale)
    return _read_image(img, scale, bbox[0], bbox[1], tables=tables)


def open_pdfium(data: bytes):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)
