"""The source view of one document: its text as read (headings, paragraphs, list items, tables as
HTML tables, page markers) with every extracted fact's span highlighted and labelled, and a side
list of the facts linking to their highlights (``#fact-<fact id>``).

Two inputs give the same page: a read :class:`~policyparse.model.Document` (``policyparse show``:
the characters shown are the file's own, so a highlight's text is the fact's quote) or the blocks
kept in the store (``policyparse report``: the normalised text of the blocks, with the quotes'
characters inside the facts' spans; the file may have moved). Every character from the document goes through :func:`esc`; the facts' JSON is embedded
with :func:`script_json` (``<`` never survives, so neither ``</script>`` nor ``<!--`` can end it).
The page runs no script: a fact is highlighted by the ``:target`` rule of its anchor.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from policyparse.report.common import esc, fmt_num, script_json, truncate
from policyparse.report.font import FONT_STACK

KIND_LABEL = {"target": "目标", "assignment": "任务", "lead": "牵头", "responsible": "责任", "deadline": "时限"}
# the order in which marks that start and end together nest (outermost first)
KIND_ORDER = {"target": 0, "assignment": 0, "deadline": 1, "lead": 2, "responsible": 2}


def anchor(fact_id: str) -> str:
    """The element id of a fact's highlight in its source view."""
    return "fact-" + fact_id


def view_name(doc_id: str) -> str:
    """The file name of a document's source view (in the report's ``sources/`` folder)."""
    return f"{doc_id[:12]}.html"


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # target | assignment | lead | responsible | deadline
    fact: str  # the fact's id
    label: str  # shown before the highlight (CSS, not text: the highlight's text stays the quote)
    primary: bool = False  # the fact's own span (carries the anchor id)

    @property
    def order(self) -> tuple:
        return (self.start, -self.end, KIND_ORDER.get(self.kind, 3), self.fact)


@dataclass
class SourceView:
    """What the page shows: the document's metadata, blocks (dicts as in ``policyparse blocks``),
    facts (the ``extract`` JSON) and a function giving the text shown for an offset range."""

    meta: dict
    blocks: list[dict]
    facts: dict
    text: Callable[[int, int], str]
    back: dict[str, str] = field(default_factory=dict)  # fact id -> id of its row in the report
    home: str | None = None  # URL of the report (the rows' links are home#id)
    pages: list = field(default_factory=list)  # PDF page images with fact boxes (report --pages)
    pages_note: str | None = None  # why a PDF has no page images


def _find_all(hay: str, needle: str) -> list[int]:
    out, k = [], hay.find(needle)
    while needle and k >= 0:
        out.append(k)
        k = hay.find(needle, k + len(needle))
    return out


def fact_marks(facts: dict, text: Callable[[int, int], str]) -> list[Mark]:
    """A mark per fact span, and inside it one per department named (lead / responsible) and the
    deadline, found by their surface text within the span (the facts keep no span of their own)."""
    marks: list[Mark] = []
    for kind, items in (("target", facts.get("targets") or []), ("assignment", facts.get("assignments") or [])):
        for x in items:
            src = x.get("source") or {}
            start, end, fid = src.get("start"), src.get("end"), x.get("id")
            if start is None or end is None or end <= start or not fid:
                continue
            marks.append(Mark(start, end, kind, fid, KIND_LABEL[kind], primary=True))
            span = text(start, end)
            taken: list[tuple[int, int]] = []

            def sub(name: str | None, what: str, label: str, fid: str = fid, span: str = span,
                    start: int = start, taken: list = taken) -> None:
                for k in _find_all(span, name or ""):
                    if any(k < b and k + len(name) > a for a, b in taken):
                        continue
                    taken.append((k, k + len(name)))
                    marks.append(Mark(start + k, start + k + len(name), what, fid, label))
                    return

            for m in x.get("lead") or []:
                sub(m.get("name"), "lead", "牵头（推定）" if m.get("inferred") else "牵头")
            for m in x.get("responsible") or []:
                sub(m.get("name"), "responsible", "责任")
            dl = x.get("deadline") or {}
            if dl.get("text"):
                sub(dl["text"], "deadline", "时限")
    return marks


def render_range(a: int, b: int, marks: list[Mark], text: Callable[[int, int], str], opened: set[str]) -> str:
    """HTML of the text [a, b) with the marks that overlap it, nested; a mark that crosses another is
    split, and only its first piece carries the anchor id (``opened`` remembers which were placed)."""
    inside = [m for m in marks if m.start < b and m.end > a]
    if not inside:
        return esc(text(a, b))
    cuts = sorted({a, b} | {max(a, m.start) for m in inside} | {min(b, m.end) for m in inside})
    out: list[str] = []
    stack: list[Mark] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        active = sorted((m for m in inside if m.start <= lo and m.end >= hi), key=lambda m: m.order)
        common = 0
        while common < len(stack) and common < len(active) and stack[common] is active[common]:
            common += 1
        out.extend("</mark>" for _ in stack[common:])
        stack = stack[:common]
        for m in active[common:]:
            out.append(_open(m, opened))
            stack.append(m)
        out.append(esc(text(lo, hi)))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _open(m: Mark, opened: set[str]) -> str:
    key = f"{m.fact}|{m.kind}|{m.start}"
    attrs = f' class="hl k-{m.kind}" data-fact="{esc(m.fact)}" data-label="{esc(m.label)}"'
    if m.primary and m.fact not in opened:
        attrs = f' id="{esc(anchor(m.fact))}"' + attrs
        opened.add(m.fact)
    elif key in opened:
        attrs = attrs.replace('class="hl', 'class="hl cont', 1)  # a continuation: no label again
    opened.add(key)
    return f"<mark{attrs}>"


def _block(b: dict, marks: list[Mark], text: Callable[[int, int], str], opened: set[str]) -> str:
    kind = b.get("kind")
    if kind == "table" and b.get("rows"):
        rows = []
        for row in b["rows"]:
            cells = []
            for c in row:
                span = "".join(f' {k}="{int(c[k])}"' for k in ("rowspan", "colspan") if (c.get(k) or 1) > 1)
                cells.append(f"<td{span}>{render_range(c['start'], c['end'], marks, text, opened)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return f'<div class="scroll"><table class="src">{"".join(rows)}</table></div>'
    body = render_range(b["start"], b["end"], marks, text, opened)
    if kind == "heading":
        level = min(max(int(b.get("level") or 1), 1), 4) + 1
        return f'<h{level} class="b">{body}</h{level}>'
    return f'<p class="b {esc(kind)}">{body}</p>'


def _fact_line(kind: str, x: dict) -> str:
    if kind == "target":
        value = x.get("value")
        what = (f'{fmt_num(value)}{x.get("unit") or ""}' if value is not None else (x.get("qualitative") or ""))
        year = f' {x["year"]}年' if x.get("year") else ""
        return f'{x.get("indicator") or ""}：{what}{year}'
    dl = (x.get("deadline") or {}).get("text")
    return truncate(x.get("item") or "", 60) + (f"（{dl}）" if dl else "")


def _compact(kind: str, x: dict) -> dict:
    """A fact as the page's JSON lists it (``policyparse extract`` gives every field)."""
    return {"id": x.get("id"), "kind": kind, "what": _fact_line(kind, x), "source": x.get("source"),
            "lead": [m.get("name") for m in x.get("lead") or []],
            "responsible": [m.get("name") for m in x.get("responsible") or []]}


def _side(view: SourceView, placed: set[str]) -> str:
    from policyparse.report.pages import box_anchor

    boxed = {b.fact for img in view.pages for b in img.boxes}
    items = []
    for kind, key in (("target", "targets"), ("assignment", "assignments")):
        for x in view.facts.get(key) or []:
            fid = x.get("id") or ""
            depts = [("牵头", m.get("name")) for m in x.get("lead") or []] + \
                    [("责任", m.get("name")) for m in x.get("responsible") or []]
            who = "；".join(f"{r}：{esc(n)}" for r, n in depts if n)
            page = (x.get("source") or {}).get("page")
            line = esc(_fact_line(kind, x))
            head = (f'<a href="#{esc(anchor(fid))}">{line}</a>' if fid in placed
                    else f'{line} <span class="muted">（原文未定位）</span>')
            back = view.back.get(fid)
            back_link = f' <a class="back" href="{esc(view.home)}#{esc(back)}">报告中</a>' if back and view.home else ""
            if fid in boxed:
                back_link += f' <a class="pglink" href="#{esc(box_anchor(fid))}">页面图</a>'
            items.append(f'<li class="f k-{kind}"><span class="tag k-{kind}">{KIND_LABEL[kind]}</span>{head}'
                         f'{" · 第" + esc(page) + "页" if page else ""}{back_link}'
                         f'{"<br><span class=muted>" + who + "</span>" if who else ""}</li>')
    n_t, n_a = len(view.facts.get("targets") or []), len(view.facts.get("assignments") or [])
    return (f'<aside class="facts"><h2>抽取结果（目标 {n_t}，任务 {n_a}）</h2>'
            + (f'<ol>{"".join(items)}</ol>' if items else '<p class="muted">没有抽取到目标或任务。</p>') + "</aside>")


CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:FONTSTACK;color:#1f2933;background:#f4f5f7;line-height:1.7;font-size:15px}
header{background:#1f3a5f;color:#fff;padding:12px 18px}
header h1{margin:0;font-size:19px}header p{margin:2px 0 0;color:#cdd8e6;font-size:13px;overflow-wrap:anywhere}
header a{color:#fff}
.wrap{display:flex;gap:14px;max-width:1400px;margin:0 auto;padding:12px}
article{flex:1 1 auto;min-width:0;background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:10px 22px}
aside.facts{flex:0 0 360px;max-height:calc(100vh - 24px);overflow-y:auto;position:sticky;top:12px;background:#fff;
 border:1px solid #dde2e8;border-radius:8px;padding:8px 12px;font-size:13.5px}
aside h2{font-size:15px;margin:4px 0 8px}
aside ol{margin:0;padding-left:22px}aside li{margin:0 0 6px}
.muted{color:#6b7684;font-size:12.5px}
p.b{margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
h2.b,h3.b,h4.b,h5.b{margin:14px 0 6px;white-space:pre-wrap;color:#1f3a5f}
.page{margin:16px 0 6px;border-top:1px dashed #9aa5b1;color:#52606d;font-size:12px;padding-top:2px}
table.src{border-collapse:collapse;width:100%;font-size:13.5px;margin:8px 0}
table.src td{border:1px solid #cbd2d9;padding:4px 6px;vertical-align:top;white-space:pre-wrap}
.scroll{overflow-x:auto}
mark.hl{background:#fff3bf;color:inherit;border-bottom:2px solid #e0a800;padding:0 1px;scroll-margin-top:40vh}
mark.hl::before{content:attr(data-label);font-size:10px;vertical-align:super;color:#7a5c00;margin-right:1px}
mark.hl.cont::before{content:none}
mark.k-assignment{background:#e3f0fb;border-bottom-color:#2471a3}mark.k-assignment::before{color:#1b4f72}
mark.k-lead{background:#f9d6d2;border-bottom-color:#c0392b}mark.k-lead::before{color:#922b21}
mark.k-responsible{background:#d5f0dd;border-bottom-color:#1e8449}mark.k-responsible::before{color:#145a32}
mark.k-deadline{background:#eadcf3;border-bottom-color:#7d3c98}mark.k-deadline::before{color:#5b2c6f}
mark.hl:target{outline:3px solid #d35400;outline-offset:1px;background:#ffd8a8}
.tag{display:inline-block;font-size:11px;border-radius:8px;padding:0 6px;margin-right:4px;background:#fff3bf}
.tag.k-assignment{background:#e3f0fb}
a.back{font-size:12px}
@media (max-width:800px){.wrap{flex-direction:column}aside.facts{position:static;max-height:none;flex:none}}
""".replace("FONTSTACK", FONT_STACK)

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; base-uri 'none'; "
       "form-action 'none'")
# with page images: the JPEGs beside the view too ('self': files next to it, also under file://)
CSP_PAGES = CSP.replace("img-src data:", "img-src 'self' data:")


def page(view: SourceView) -> str:
    """The standalone HTML page of ``view``."""
    from policyparse.report import pages

    imaged = {img.number for img in view.pages}
    marks = fact_marks(view.facts, view.text)
    opened: set[str] = set()
    parts, page_no, seen = [], None, set()
    for b in view.blocks:
        if b.get("page") != page_no:
            page_no = b.get("page")
            pid = f' id="page-{esc(page_no)}"' if page_no not in seen else ""
            seen.add(page_no)
            img = f' <a class="pglink" href="#page-img-{esc(page_no)}">页面图像</a>' if page_no in imaged else ""
            parts.append(f'<div class="page"{pid}>第 {esc(page_no)} 页{img}</div>')
        parts.append(_block(b, marks, view.text, opened))
    placed = {m.fact for m in marks if m.primary and m.fact in opened}
    meta = view.meta
    title = meta.get("title") or meta.get("path") or meta.get("id") or ""
    sub = " · ".join(esc(v) for v in (meta.get("city") or meta.get("province"), meta.get("issuer"),
                                      meta.get("doc_number"), meta.get("date"), meta.get("format"),
                                      meta.get("path")) if v)
    home = f' · <a href="{esc(view.home)}">返回报告</a>' if view.home else ""
    data = {"document": {k: meta.get(k) for k in ("id", "path", "format", "title", "city", "pages")},
            "facts": [_compact(kind, x) for kind, key in (("target", "targets"), ("assignment", "assignments"))
                      for x in view.facts.get(key) or []]}
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP_PAGES if view.pages else CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>原文：{esc(title)}</title><style>{CSS}{pages.CSS if view.pages else ''}</style></head><body>"
            f"<header><h1>{esc(title)}</h1><p>{sub}{home}</p></header>"
            f'<div class="wrap"><article id="source">{"".join(parts) or "<p>（没有文本）</p>"}'
            f'{pages.section(view.pages, view.pages_note)}</article>'
            f"{_side(view, placed)}</div>"
            f'<script type="application/json" id="facts">{script_json(data)}</script></body></html>')


# ------------------------------------------------------------------------------------ inputs


def from_document(doc, facts: dict) -> SourceView:
    """The view of a read document: the characters shown are the file's (``verbatim``)."""
    from policyparse.text.verbatim import verbatim

    def text(a: int, b: int) -> str:
        return verbatim(doc.text, doc.source_index, doc.source_text, a, b)

    return SourceView(dict(facts.get("document") or {}), [b.to_dict() for b in doc.blocks], facts, text)


def blocks_from_store(conn: sqlite3.Connection, doc_id: str) -> list[dict]:
    import json

    out = []
    for r in conn.execute('SELECT idx, kind, text, start, "end", page, level, number, section, rows FROM blocks '
                          "WHERE doc_id = ? ORDER BY idx", (doc_id,)):
        d = {"index": r[0], "kind": r[1], "text": r[2], "start": r[3], "end": r[4], "page": r[5], "level": r[6],
             "number": r[7], "section": r[8]}
        if r[9]:
            d["rows"] = json.loads(r[9])
        out.append(d)
    return out


def from_store(conn: sqlite3.Connection, facts: dict) -> SourceView:
    """The view of a stored document, from its blocks (normalised text; the file is not read)."""
    blocks = blocks_from_store(conn, facts["document"]["id"])
    size = max((b["end"] for b in blocks), default=0)
    chars = [" "] * size
    for b in blocks:
        for k, ch in enumerate(b["text"][: b["end"] - b["start"]]):
            chars[b["start"] + k] = ch
        for row in b.get("rows") or []:
            for c in row:
                for k, ch in enumerate((c.get("text") or "")[: c["end"] - c["start"]]):
                    chars[c["start"] + k] = ch
    # within a fact's span, the file's own characters where the quote maps one to one onto the
    # normalised text (width folding: "（R&D）" for "(R&D)"), so the highlight reads as the quote
    for x in (facts.get("targets") or []) + (facts.get("assignments") or []):
        src = x.get("source") or {}
        a, b, quote = src.get("start"), src.get("end"), src.get("text") or ""
        if (a is not None and b is not None and 0 <= a < b <= size and len(quote) == b - a
                and all(c.isspace() == q.isspace() for c, q in zip(chars[a:b], quote, strict=True))):
            chars[a:b] = quote
    full = "".join(chars)

    def text(a: int, b: int) -> str:
        return full[a:b]

    return SourceView(dict(facts["document"]), blocks, facts, text)
