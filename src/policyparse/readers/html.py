"""HTML reader: the article body of a government web page, without the site around it.

1. Encoding: BOM, then the declared charset (``<meta charset>`` / ``http-equiv`` / XML
   declaration; GB2312/GBK read as GB18030), checked by decoding strictly; else charset-normalizer.
   A declaration that does not decode is reported as a warning.
2. Chrome removal: scripts, styles, forms, ``nav``/``aside`` (and ``header``/``footer`` outside an
   ``article``/``main``), hidden elements (not ``<body>``/``<html>``: portals hide the whole body
   until a script shows it).
3. Body location, generic (no site-specific class names): every run of text scores by its length
   and its punctuation (link text scores nothing); a score goes to the block that holds the text
   and, halved, to its ancestors; an element's total is damped by its link density. The best
   element is the body; sibling elements that score well (e.g. an attachment after the main text)
   are added in document order, and so are later siblings of the body's own tag with text and no
   link (Word's "save as HTML" sections: forms attached after the text). A page with no article
   text but a list of document links (a column page) reads as that list
   (:mod:`policyparse.readers.html_listing`).
4. Walk in document order: ``h1``-``h6`` -> headings (levels relative to the body's top heading),
   ``p``/``div`` text -> paragraphs (``<br>`` splits them), ``li`` -> list items, ``table`` ->
   rows of cells with ``rowspan``/``colspan`` (nested tables flattened into the cell text; a
   one-row/one-column table wrapping block content is treated as a layout container; a first row
   that is one cell across the table is its caption and goes before it as paragraphs). Leftover
   chrome inside the body (tool and share bars, breadcrumbs, date/source lines, metadata tables,
   blocks with 网站标识码 / ICP备 / 版权所有: :mod:`policyparse.readers.html_chrome`) is
   dropped, and so are trailing footer blocks (two of 主办单位 / 联系电话 / 地址 ... in a block
   that is not a sentence). Whitespace runs collapse to one space.
5. The article title before the body (the nearest earlier block whose text the page's <title>
   contains, else an ``h1``-``h3`` just before the body) is added as the first block when the
   body does not already start with that title.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from policyparse.errors import CorruptFileError, EmptyFileError
from policyparse.model import BlockKind, RawBlock, RawCell
from policyparse.readers.base import RawDocument
from policyparse.readers.html_chrome import is_chrome as _is_chrome
from policyparse.readers.html_chrome import is_footer as _is_footer
from policyparse.readers.html_chrome import is_metadata_table
from policyparse.readers.html_listing import listing_items
from policyparse.readers.sniff import extension_warning

_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button",
    "input", "select", "textarea", "svg", "canvas", "nav", "aside", "map", "audio", "video",
    "head", "link", "meta",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dd", "dt",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5",
    "h6", "pre", "center", "figure", "figcaption", "address", "header", "footer", "hr", "body",
    "form", "fieldset", "html",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS = re.compile(r"[ \t\n\r\f\v]+")
_PUNCT = re.compile(r"[，。；：、,;！？]")

_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)["']""", re.I)


# --------------------------------------------------------------------------- decoding


def _norm_encoding(name: str) -> str | None:
    name = name.strip().lower()
    if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-gb18030"):
        return "gb18030"
    if name in ("big5", "big5-hkscs", "x-x-big5", "cp950"):
        return "big5hkscs"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode(data: bytes, warnings: list[str]) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:4096]
    m = _CHARSET.search(head) or _XML_DECL.search(head)
    declared = _norm_encoding(m.group(1).decode("ascii", "ignore")) if m else None
    tried: list[str] = []
    for enc in [declared, "utf-8"]:
        if enc and enc not in tried:
            tried.append(enc)
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if declared and enc != declared:
                warnings.append(f"declared charset {m.group(1).decode()} does not decode; read as {enc}")
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        enc = _norm_encoding(best.encoding) or best.encoding
        if declared:
            warnings.append(f"declared charset {m.group(1).decode()} does not decode; detected {enc}")
        else:
            warnings.append(f"no charset declared; detected {enc}")
        return data.decode(enc, errors="replace"), enc
    enc = declared or "utf-8"
    warnings.append(f"encoding could not be determined; decoded as {enc} with replacement characters")
    return data.decode(enc, errors="replace"), enc


# --------------------------------------------------------------------------- cleaning


def _clean(root) -> None:
    from lxml import etree

    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        drop = tag in _DROP_TAGS
        if not drop and tag in ("header", "footer"):
            drop = not any(a.tag in ("article", "main") for a in el.iterancestors())
        if not drop and tag not in ("html", "body"):  # portals hide the body until a script shows it
            style = (el.get("style") or "").replace(" ", "").lower()
            drop = "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None
        if drop and el.getparent() is not None:
            _remove(el)


def _remove(el) -> None:
    """Remove ``el`` but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# --------------------------------------------------------------------------- body location


def _in_link(el) -> bool:
    return el.tag == "a" or any(a.tag == "a" for a in el.iterancestors())


def _score_text(text: str) -> float:
    n = len(_WS.sub("", text))
    if n < 2:
        return 0.0
    return n / 40.0 + len(_PUNCT.findall(text))


def _block_of(el):
    while el is not None and el.tag not in _BLOCK_TAGS:
        el = el.getparent()
    return el


def _find_body(root):
    """The article body and the sibling blocks that continue it, by text density (text length and
    punctuation, discounted for link text). readability-lxml 0.9 was measured as a replacement: it
    found the same bodies on the five corpus pages, but on a short government page (one heading,
    a few <br> lines, a table) it kept the whole page, navigation included
    (tests/readers/test_html.py::test_synthetic_page_body_only), so this rule stays. trafilatura
    2.3 was measured on the 48 real portal pages (scripts/measure_html_real.py): alone it passes
    37 (it drops layout-table content and keeps footer link lists), and as the locator for this
    walker 42-45 depending on the cover threshold; this finder passes 48, so it stays."""
    scores: dict = {}
    text_len: dict = {}
    link_len: dict = {}

    def add(el, s: float, n: int, linked: bool) -> None:
        w = 1.0
        while el is not None:
            scores[el] = scores.get(el, 0.0) + s * w
            text_len[el] = text_len.get(el, 0) + n
            if linked:
                link_len[el] = link_len.get(el, 0) + n
            w *= 0.5 if w > 0.13 else 1.0  # ancestors get half, then a quarter, then 1/8 onwards
            el = el.getparent()

    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        linked = _in_link(el)
        if el.text and el.text.strip():
            n = len(_WS.sub("", el.text))
            add(_block_of(el), 0.0 if linked else _score_text(el.text), n, linked)
        if el.tail and el.tail.strip() and el.getparent() is not None:
            parent = el.getparent()
            plinked = _in_link(parent)
            n = len(_WS.sub("", el.tail))
            add(_block_of(parent), 0.0 if plinked else _score_text(el.tail), n, plinked)

    def final(el) -> float:
        t = text_len.get(el, 0)
        density = link_len.get(el, 0) / t if t else 1.0
        return scores.get(el, 0.0) * (1.0 - density)

    candidates = [
        el for el in scores
        if el.tag in ("div", "article", "section", "main", "td", "body", "blockquote", "center")
    ]  # fmt: skip
    if not candidates:
        return root, []
    best = max(candidates, key=final)
    best_score = final(best)
    extra = []
    parent = best.getparent()
    if parent is not None and best_score > 0:
        for sib in parent:
            if sib is best or not isinstance(sib.tag, str):
                continue
            t = text_len.get(sib, 0)
            density = link_len.get(sib, 0) / t if t else 1.0
            scores_well = final(sib) >= max(5.0, 0.2 * best_score) and density < 0.25
            if scores_well or _continues_body(sib, best, t, link_len.get(sib, 0)):
                extra.append(sib)
    return best, extra


def _continues_body(sib, best, text_len: int, link_len: int) -> bool:
    """A later sibling of the body's own kind with text and no link at all goes on with the
    document even when it scores low: Word's "save as HTML" puts each section (an attachment, a
    form) into its own ``<div class=WordSectionN>`` after the first."""
    return (
        sib.tag == best.tag
        and text_len >= 20
        and link_len == 0
        and any(s is best for s in sib.itersiblings(preceding=True))
    )


# --------------------------------------------------------------------------- walking


def _collapse(text: str) -> str:
    return _WS.sub(" ", text)


_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_LINE_CONTAINERS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "caption", "figcaption"}
_CJK = re.compile(r"[\u3400-\u9fff]")


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.buf: list[str] = []
        self.cjk = 0  # CJK ideographs in the buffer
        self.bold = 0  # ... of which inside <b>/<strong>/bold style
        self.heading_base: int | None = None

    # paragraphs ------------------------------------------------------
    def add(self, text: str, bold: bool) -> None:
        self.buf.append(text)
        n = len(_CJK.findall(text))
        self.cjk += n
        if bold:
            self.bold += n

    def flush(
        self, hint: BlockKind | None = None, level: int | None = None, number: str | None = None,
        keep_lines: bool = False,
    ):  # fmt: skip
        """Emit the buffered inline text. Lines split by <br> stay one block (lines the assembler
        joins) in a heading, a centred paragraph (a title broken over two lines) or an all-bold
        one; otherwise each line is its own block (a signature "机关<br>日期", paragraphs written
        as "text<br>text")."""
        raw_lines = "".join(self.buf).split("\n")
        bold = self.cjk and self.bold >= 0.8 * self.cjk
        keep_lines = keep_lines or bool(bold) or hint is BlockKind.HEADING
        self.buf, self.cjk, self.bold = [], 0, 0
        groups: list[list[str]] = [[]]
        for raw in raw_lines:
            line = _collapse(raw)
            if not line.strip():
                if groups[-1]:
                    groups.append([])
                continue
            if groups[-1] and (not keep_lines or re.match(r"^[ ]?[\u3000\xa0]{1,4}", line)):
                groups.append([])
            groups[-1].append(line.strip(" "))
        for lines in groups:
            text = "".join(lines).strip()
            if not text or _is_chrome(text):
                continue
            h = hint
            if h is None and bold and len(text) <= 80:
                h = BlockKind.HEADING
            self.blocks.append(RawBlock(page=1, lines=lines, hint=h, level=level, number=number))

    def inline(self, el, bold: bool = False) -> None:
        """Append ``el``'s inline content to the buffer; block children are walked as blocks."""
        bold = bold or el.tag in ("b", "strong") or bool(_BOLD_STYLE.search(el.get("style") or ""))
        if el.text:
            self.add(el.text, bold)
        for child in el:
            if not isinstance(child.tag, str):
                if child.tail:
                    self.add(child.tail, bold)
                continue
            tag = child.tag
            if tag == "br":
                if el.tag in _LINE_CONTAINERS or any(a.tag in _LINE_CONTAINERS for a in el.iterancestors()):
                    self.add("\n", bold)  # a line break inside a paragraph
                else:
                    self.flush()
            elif tag in _BLOCK_TAGS:
                self.flush()
                self.block(child)
            elif tag == "img":
                pass
            else:
                self.inline(child, bold)
            if child.tail:
                self.add(child.tail, bold)

    # blocks ----------------------------------------------------------
    def block(self, el) -> None:
        tag = el.tag
        if tag in _HEADINGS:
            self.flush()
            self.inline(el)
            level = _HEADINGS[tag] - (self.heading_base or 1) + 1
            self.flush(hint=BlockKind.HEADING, level=max(level, 1))
        elif tag == "table":
            self.flush()
            self.table(el)
        elif tag in ("ul", "ol"):
            self.flush()
            n = _int_attr(el, "start", 1)
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                if child.tag == "li":
                    self.inline(child)
                    number = f"{n}." if tag == "ol" else None
                    self.flush(hint=BlockKind.LIST_ITEM, number=number)
                    n += 1
                else:
                    self.block(child)
        elif tag == "li":
            self.flush()
            self.inline(el)
            self.flush(hint=BlockKind.LIST_ITEM)
        elif tag == "pre":
            self.flush()
            for line in el.text_content().split("\n"):
                self.buf.append(line)
                self.flush()
        elif tag == "hr":
            self.flush()
        else:  # p, div, section, blockquote, dd, dt, center, ...
            self.flush()
            self.inline(el)
            self.flush(keep_lines=_centred(el))

    # tables ----------------------------------------------------------
    def table(self, tbl) -> None:
        rows = _table_rows(tbl)
        if rows is None:  # a layout table: walk its cells as containers
            for cell in _iter_cells(tbl):
                self.flush()
                self.inline(cell)
                self.flush()
            return
        rows = [r for r in rows if r]
        if not rows:
            return
        rows = self._caption_rows(rows)
        if all(not c.text.strip() for r in rows for c in r):
            return
        if is_metadata_table([c.text for r in rows for c in r]):
            return
        self.blocks.append(RawBlock(page=1, rows=rows))

    def _caption_rows(self, rows: list[list[RawCell]]) -> list[list[RawCell]]:
        """A first row that is one cell across the whole table ("附件1 / 广州市…指标体系" typed into
        the table) is the table's caption: its lines become paragraphs before the table, so that
        the assembler sees the attachment label and the header row is the table's first row."""
        ncols = max(sum(c.colspan for c in r) for r in rows)

        def caption(row: list[RawCell]) -> bool:
            return len(row) == 1 and row[0].colspan >= ncols > 1 and row[0].rowspan == 1

        while len(rows) > 2 and caption(rows[0]):
            for line in rows[0][0].text.split("\n"):
                if line.strip() and not _is_chrome(line):
                    self.blocks.append(RawBlock(page=1, lines=[line.strip()]))
            rows = rows[1:]
        return rows


def _centred(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.tag == "center" or (el.get("align") or "").lower() == "center" or "text-align:center" in style


def _int_attr(el, name: str, default: int) -> int:
    try:
        return max(int(str(el.get(name, default)).strip()), 0)
    except ValueError:
        return default


def _own_rows(tbl):
    for child in tbl:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            for tr in child:
                if isinstance(tr.tag, str) and tr.tag == "tr":
                    yield tr


def _iter_cells(tbl):
    for tr in _own_rows(tbl):
        for td in tr:
            if isinstance(td.tag, str) and td.tag in ("td", "th"):
                yield td


def _cell_text(td) -> str:
    """A cell's text: line breaks at <br> and block boundaries; nested tables flattened."""
    parts: list[str] = []

    def walk(el) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                if child.tail:
                    parts.append(child.tail)
                continue
            if child.tag == "br":
                parts.append("\n")
            elif child.tag == "table":
                parts.append("\n")
                nested = _table_rows(child) or []
                parts.append("\n".join(" ".join(c.text for c in r if c.text) for r in nested))
                parts.append("\n")
            elif child.tag in _BLOCK_TAGS:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(td)
    lines = [_collapse(x).strip() for x in "".join(parts).split("\n")]
    return "\n".join(x for x in lines if x)


def _table_rows(tbl) -> list[list[RawCell]] | None:
    """Rows of cells, or None for a layout table (one row or column wrapping block content)."""
    trs = list(_own_rows(tbl))
    cells_per_row = [[td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")] for tr in trs]
    ncols = max((sum(_int_attr(td, "colspan", 1) or 1 for td in r) for r in cells_per_row), default=0)
    if trs and (len(trs) == 1 or ncols == 1):
        has_blocks = any(
            d.tag in ("p", "div", "table", "h1", "h2", "h3", "ul", "ol")
            for r in cells_per_row
            for td in r
            for d in td.iterdescendants()
            if isinstance(d.tag, str)
        )
        if has_blocks:
            return None
    rows: list[list[RawCell]] = []
    for r in cells_per_row:
        row = []
        for td in r:
            row.append(
                RawCell(
                    text=_cell_text(td),
                    rowspan=max(_int_attr(td, "rowspan", 1), 1),
                    colspan=max(_int_attr(td, "colspan", 1), 1),
                )
            )
        rows.append(row)
    return rows


def _preceding_title(root, body, page_title: str):
    """The article title just before ``body``: the nearest earlier text block that the page's
    <title> contains and starts with (sites append column and site names), else the nearest h1-h3 before ``body``
    inside its parent/grandparent; None if there is neither."""
    squeezed_title = _WS.sub("", page_title)
    if len(squeezed_title) >= 6:
        before = []
        for el in root.iter():
            if el is body:
                break
            if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
                before.append(el)
        for el in reversed(before[-40:]):
            text = _WS.sub("", el.text_content())
            title_like = squeezed_title.startswith(text) or len(text) >= 0.5 * len(squeezed_title)
            if len(text) >= 6 and text in squeezed_title and title_like and not any(
                _WS.sub("", c.text_content()) == text for c in el if isinstance(c.tag, str) and c.tag in _BLOCK_TAGS
            ):
                return el
    anc = body
    for _ in range(3):
        parent = anc.getparent()
        if parent is None:
            return None
        sib = anc.getprevious()
        while sib is not None:
            if isinstance(sib.tag, str):
                if sib.tag in ("h1", "h2", "h3"):
                    return sib
                inner = list(sib.iter("h1", "h2", "h3"))
                if inner:
                    return inner[-1]
            sib = sib.getprevious()
        anc = parent
    return None


def _listing_blocks(root, page_title: str) -> list[RawBlock]:
    """A column page's list of document titles (see :mod:`policyparse.readers.html_listing`): the
    column's name from the page's <title> (before the site's name) as the heading, then one list
    item per entry ("title [date]")."""
    items = listing_items(root)
    if not items:
        return []
    blocks = []
    column = re.split(r"\s*[-_|｜]\s*", page_title)[0].strip()
    if column and not _is_chrome(column):
        blocks.append(RawBlock(page=1, lines=[column], hint=BlockKind.HEADING))
    for item in items:
        text = _collapse(item.text_content()).strip()
        if text and not _is_chrome(text):
            blocks.append(RawBlock(page=1, lines=[text], hint=BlockKind.LIST_ITEM))
    return blocks


def read_raw(path: Path, data: bytes) -> RawDocument:
    """Read an HTML page's article body into a :class:`RawDocument` (``line_broken=False``)."""
    import lxml.html
    from lxml import etree

    path = Path(path)
    warnings: list[str] = []
    if w := extension_warning(path, "html"):
        warnings.append(w)
    text, encoding = _decode(data, warnings)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise CorruptFileError(path, f"not a parseable HTML page: {e}") from e
    for el in root.iter():  # lower-case tag names once (lxml keeps them as written for XHTML)
        if isinstance(el.tag, str):
            el.tag = el.tag.lower().rpartition("}")[2]
    title_tag = root.find(".//title")
    page_title = _collapse(title_tag.text_content()).strip() if title_tag is not None else ""
    _clean(root)
    body, extra = _find_body(root)
    walker = _Walker()
    heads = [h for h in body.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    walker.heading_base = min((_HEADINGS[h.tag] for h in heads), default=1)
    for el in [body, *extra]:
        walker.block(el) if el.tag != "td" else (walker.inline(el), walker.flush())
    walker.flush()
    blocks = walker.blocks
    while blocks and not blocks[-1].is_table and _is_footer("".join(blocks[-1].lines)):
        blocks.pop()
    if not blocks:
        blocks = _listing_blocks(root, page_title)
        title_el = None
    else:
        title_el = _preceding_title(root, body, page_title)
    if title_el is not None:
        title = _collapse(title_el.text_content()).strip()
        head_text = re.sub(r"\s+", "", "".join("".join(b.lines) for b in blocks[:4] if not b.is_table))
        if title and re.sub(r"\s+", "", title) not in head_text and not _is_chrome(title):
            blocks.insert(0, RawBlock(page=1, lines=[title], hint=BlockKind.HEADING))
    if not blocks:
        raise EmptyFileError(path, "no article text found in the HTML page")
    return RawDocument(
        path=str(path), format="html", blocks=blocks, pages=1, encoding=encoding, warnings=warnings
    )
