"""OCR of PDF pages the text layer cannot give (optional extra ``ocr``: ``pip install -e ".[ocr]"``).

A page with no text layer (a scan) or whose text is mostly ``(cid:N)`` glyphs is rendered with
pypdfium2 (a pdfplumber dependency) at :data:`SCALE` x and read by RapidOCR
(``rapidocr-onnxruntime``, Apache-2.0; its PP-OCR Chinese detection/recognition models ship inside
the wheel, nothing is downloaded at run time). The engine's text boxes are put in reading order:
sorted top to bottom, grouped into physical lines by vertical overlap, left to right inside a line;
coordinates are converted back to PDF points, so the PDF reader's paragraph logic runs on OCR lines
as on text-layer lines.

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


def ocr_page(pdf, index: int, scale: float = SCALE) -> list[OcrLine]:
    """OCR page ``index`` (0-based) of a ``pypdfium2.PdfDocument``: its lines in reading order."""
    result, _ = _engine()(render(pdf, index, scale))
    return group_lines(_boxes(result, scale))


def open_pdfium(data: bytes):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)
