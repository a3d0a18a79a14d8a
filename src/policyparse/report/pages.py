"""Page images of a PDF's source view (``policyparse report --pages``): every page that holds a fact
rendered once with pypdfium2 (a pdfplumber dependency) to a JPEG beside the view, and every fact's
box on it, drawn as a positioned link over the image (no script, so the view stays script-free).

The store keeps a fact's page and offsets into the normalised text, not its glyphs, so the boxes
are recomputed: the page's characters are re-read with pdfplumber in the reader's own line order
(:func:`policyparse.readers.pdf.line_chars`), folded like the text (NFKC, no whitespace), and the
fact's quote is looked for there, with the text just before it in its block to pick the right one of
repeated values ("47" in a table); a quote that runs over a page break is boxed on both pages, one
split by table cells wrapped over lines is matched character by character in order. A fact's box
is one rectangle per physical line it covers, in PDF points, drawn as percentages of the page.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policyparse.report.common import esc

SCALE = 1.25  # 90 dpi: body text stays legible, an A4 page is 744 x 1053 px
QUALITY = 70  # JPEG quality: about 100 kB for a page of text
CONTEXT = 12  # characters before a quote used to tell repeated values apart
LABEL = {"target": "目标", "assignment": "任务"}

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True)
class Box:
    fact: str
    kind: str  # target | assignment
    lines: tuple[Rect, ...]

    @property
    def rect(self) -> Rect:
        return (min(r[0] for r in self.lines), min(r[1] for r in self.lines),
                max(r[2] for r in self.lines), max(r[3] for r in self.lines))


@dataclass(frozen=True)
class PageImage:
    number: int
    src: str  # URL of the image, relative to the source view
    width: float  # page size in PDF points
    height: float
    pixels: tuple[int, int]
    boxes: tuple[Box, ...]


def _fold(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s) if not ch.isspace())


class _PageText:
    """A page's characters as one folded string, each position pointing back to its glyph."""

    def __init__(self, page):
        from policyparse.readers.pdf import line_chars, page_chars

        self.page = page.page_number
        self.glyph: list[tuple[int, dict]] = []  # (line number, pdfplumber char) per position
        key: list[str] = []
        for n, line in enumerate(line_chars(page_chars(page))):
            for c in line:
                for ch in _fold(c["text"]):
                    key.append(ch)
                    self.glyph.append((n, c))
        self.text = "".join(key)

    def rects(self, positions: list[int]) -> tuple[Rect, ...]:
        by_line: dict[int, list[dict]] = {}
        for p in positions:
            n, c = self.glyph[p]
            by_line.setdefault(n, []).append(c)
        return tuple((min(c["x0"] for c in cs), min(c["top"] for c in cs), max(c["x1"] for c in cs),
                      max(c["bottom"] for c in cs)) for _, cs in sorted(by_line.items()))

    def find(self, quote: str, before: str) -> list[int]:
        """Positions of ``quote`` (folded), preferring the occurrence preceded by ``before``."""
        q = _fold(quote)
        if not q:
            return []
        b = _fold(before)
        for k in sorted({len(b), len(b) // 2, 0}, reverse=True):
            at = self.text.find(b[len(b) - k:] + q)
            if at >= 0:
                return list(range(at + k, at + k + len(q)))
        return []

    def find_spread(self, quote: str) -> list[int]:
        """Positions of ``quote``'s characters in order with gaps (a table cell wrapped over lines
        is read line by line, between the neighbouring cells' text): the tightest match that starts
        with the quote's first characters, never left of them, over a few times its length."""
        q = _fold(quote)
        m = min(3, len(q))
        if m < 2:
            return []
        best: list[int] = []
        at = self.text.find(q[:m])
        while at >= 0:
            pos, k = list(range(at, at + m)), at + m
            left = min(self.glyph[p][1]["x0"] for p in pos)
            for ch in q[m:]:
                k = self.text.find(ch, k)
                while k >= 0 and self.glyph[k][1]["x1"] < left - 1:  # left of the match: another column
                    k = self.text.find(ch, k + 1)
                if k < 0 or k - at > 3 * len(q) + 80:
                    break
                pos.append(k)
                k += 1
            else:
                if not best or pos[-1] - pos[0] < best[-1] - best[0]:
                    best = pos
            at = self.text.find(q[:m], at + 1)
        return best


def _locate(texts: dict[int, _PageText], plumber, page: int, quote: str,
            before: str) -> list[tuple[int, list[int]]]:
    """[(page, positions)] of a quote said to start on ``page``: there exactly, then on the next and
    the previous page (a block that runs over a page break keeps its first page), then run over the
    break (its end on the next page), then spread (table cells wrapped over lines)."""

    def text(p: int) -> _PageText:
        if p not in texts:
            texts[p] = _PageText(plumber.pages[p - 1])
        return texts[p]

    order = [p for p in (page, page + 1, page - 1) if 1 <= p <= len(plumber.pages)]
    for p in order:
        if got := text(p).find(quote, before):
            return [(p, got)]
    if page + 1 in order and (got := _over_break(text(page), text(page + 1), _fold(quote))):
        return got
    for p in order:
        if got := text(p).find_spread(quote):
            return [(p, got)]
    return []


def _over_break(a: _PageText, b: _PageText, q: str, slack: int = 12) -> list[tuple[int, list[int]]]:
    """A quote whose head ends page ``a`` (before at most ``slack`` characters: a page number) and
    whose tail starts page ``b`` (after at most ``slack``: a running head)."""
    for cut in range(len(q) - 1, 1, -1):
        head, tail = q[:cut], q[cut:]
        at = a.text.rfind(head)
        if at < 0 or len(a.text) - at - cut > slack:
            continue
        bt = b.text.find(tail)
        if 0 <= bt <= slack:
            return [(a.page, list(range(at, at + cut))), (b.page, list(range(bt, bt + len(tail))))]
    return []


def _facts_by_page(facts: dict) -> dict[int, list[tuple[str, str, dict]]]:
    by_page: dict[int, list[tuple[str, str, dict]]] = {}
    for kind, key in (("target", "targets"), ("assignment", "assignments")):
        for x in facts.get(key) or []:
            src = x.get("source") or {}
            if x.get("id") and src.get("page") and src.get("text"):
                by_page.setdefault(int(src["page"]), []).append((kind, x["id"], src))
    return by_page


def page_images(path: str | Path, doc_id: str, facts: dict, text: Callable[[int, int], str],
                blocks: list[dict], folder: Path, prefix: str) -> tuple[list[PageImage], str | None]:
    """Render the pages of the PDF at ``path`` that hold a fact into ``folder`` (as
    ``<prefix>-p<N>.jpg``) and locate each fact's box on them. Returns the pages and ``None``, or
    no pages and why (the file moved or changed since it was ingested)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return [], f"没有页面图像：找不到文件 {path}（{e.strerror or e}）"
    if hashlib.sha256(data).hexdigest() != doc_id:
        return [], f"没有页面图像：{path} 在入库后已改动"
    by_page = _facts_by_page(facts)
    if not by_page:
        return [], None
    starts = sorted(b["start"] for b in blocks)

    def before(a: int) -> str:  # the text of the fact's block just before its span
        lo = max((s for s in starts if s <= a), default=0)
        return text(max(lo, a - CONTEXT), a)

    import pdfplumber
    import pypdfium2 as pdfium

    try:
        plumber = pdfplumber.open(io.BytesIO(data))
        pdfium_doc = pdfium.PdfDocument(data)
    except Exception as e:  # noqa: BLE001 - it was read at ingest; say so rather than fail the report
        return [], f"没有页面图像：无法打开 {path}（{type(e).__name__}）"
    folder.mkdir(parents=True, exist_ok=True)
    out: list[PageImage] = []
    texts: dict[int, _PageText] = {}
    try:
        n_pages = min(len(plumber.pages), len(pdfium_doc))
        boxes: dict[int, list[Box]] = {p: [] for p in by_page if 1 <= p <= n_pages}
        for number in sorted(boxes):
            for kind, fid, src in by_page[number]:
                for p, positions in _locate(texts, plumber, number, src["text"], before(src.get("start") or 0)):
                    boxes.setdefault(p, []).append(Box(fid, kind, texts[p].rects(positions)))
        for number in sorted(boxes):
            page = plumber.pages[number - 1]
            name = f"{prefix}-p{number}.jpg"
            img = pdfium_doc[number - 1].render(scale=SCALE).to_pil().convert("RGB")
            img.save(folder / name, "JPEG", quality=QUALITY, optimize=True, progressive=True)
            out.append(PageImage(number, f"{folder.name}/{name}", float(page.width), float(page.height),
                                 img.size, tuple(boxes[number])))
    finally:
        plumber.close()
        pdfium_doc.close()
    return out, None


# ------------------------------------------------------------------------------------ HTML


def box_anchor(fact_id: str) -> str:
    """The element id of a fact's box on its page image."""
    return "box-" + fact_id


def _pct(v: float, whole: float) -> str:
    return f"{100 * v / whole:.3f}%" if whole else "0%"


def _box(b: Box, img: PageImage, first: bool) -> str:
    x0, top, x1, bottom = b.rect
    w, h = max(x1 - x0, 1e-6), max(bottom - top, 1e-6)
    parts = "".join(f'<i style="left:{_pct(r[0] - x0, w)};top:{_pct(r[1] - top, h)};width:{_pct(r[2] - r[0], w)};'
                    f'height:{_pct(r[3] - r[1], h)}"></i>' for r in b.lines)
    ident = f' id="{esc(box_anchor(b.fact))}"' if first else ""
    label = esc(LABEL.get(b.kind, b.kind))
    return (f'<a class="box k-{esc(b.kind)}"{ident} href="#fact-{esc(b.fact)}" data-fact="{esc(b.fact)}" '
            f'data-label="{label}" title="{label}：点击跳到正文中的高亮" '
            f'style="left:{_pct(x0, img.width)};top:{_pct(top, img.height)};width:{_pct(w, img.width)};'
            f'height:{_pct(h, img.height)}">{parts}</a>')


def section(images: list[PageImage], note: str | None) -> str:
    """The page images with their boxes (each a link to the fact's highlight in the text)."""
    if not images:
        return f'<section class="pages"><p class="muted">{esc(note)}</p></section>' if note else ""
    seen: set[str] = set()
    figs = []
    for img in images:
        boxes = []
        for b in img.boxes:
            boxes.append(_box(b, img, b.fact not in seen))
            seen.add(b.fact)
        w, h = img.pixels
        figs.append(f'<figure class="pg" id="page-img-{img.number}"><figcaption>第 {img.number} 页（页面图像）</figcaption>'
                    f'<div class="pgi"><img src="{esc(img.src)}" width="{w}" height="{h}" loading="lazy" '
                    f'alt="第 {img.number} 页">{"".join(boxes)}</div></figure>')
    return ('<section class="pages" id="pages"><h2>页面图像</h2><p class="muted">有抽取结果的页面；框出每条结果在页面上的'
            '位置，点击框跳到正文中的高亮。</p>' + "".join(figs) + "</section>")


CSS = """
section.pages{margin-top:18px;border-top:2px solid #dde2e8;padding-top:6px}
section.pages h2{font-size:16px;color:#1f3a5f}
figure.pg{margin:10px 0 18px}figure.pg figcaption{font-size:12px;color:#52606d}
.pgi{position:relative;display:inline-block;max-width:100%;border:1px solid #cbd2d9;line-height:0}
.pgi img{display:block;max-width:100%;height:auto}
a.box{position:absolute;display:block;scroll-margin-top:30vh}
a.box i{position:absolute;background:rgba(224,168,0,.22);outline:1.5px solid #e0a800}
a.box.k-assignment i{background:rgba(36,113,163,.16);outline-color:#2471a3}
a.box::before{content:attr(data-label);position:absolute;bottom:100%;left:0;font-size:10px;line-height:1.2;
 background:#fff3bf;color:#7a5c00;padding:0 2px;white-space:nowrap}
a.box.k-assignment::before{background:#e3f0fb;color:#1b4f72}
a.box:target i{outline:3px solid #d35400;background:rgba(211,84,0,.25)}
a.pglink{font-size:12px}
"""
