"""DOCX reader (python-docx for the package, the body XML walked directly).

- Body elements in document order: paragraphs and tables interleaved (``w:sdt`` content controls
  and ``w:customXml`` wrappers are looked through); text boxes become blocks after their anchor.
- Headings from paragraph styles ("Heading N" / "标题 N" / outline level -> HEADING + level;
  "Title" / "Subtitle" -> HEADING).
- Word automatic numbering is rendered, since python-docx does not: ``numPr`` (from the paragraph
  or its style chain) -> ``w:num`` -> ``w:abstractNum`` level (start, ``numFmt``, ``lvlText``,
  ``lvlRestart``, ``isLgl``, ``startOverride``); counters run per list (per abstract list, or per
  ``w:num`` when it overrides a start), deeper levels restart when a shallower one advances; the
  marker ("一、", "（一）", "1.", "①") goes into :attr:`RawBlock.number`. Bullets give LIST_ITEM.
- Tables from the XML: ``gridSpan`` -> colspan, ``vMerge`` restart/continue -> rowspan on the top
  cell (continued cells are not emitted), ``gridBefore`` skips grid columns; a cell's paragraphs
  are joined with "\\n"; nested tables are flattened into the cell text (cells joined by a space,
  rows by "\\n").
- Pages: hard page breaks (``w:br w:type="page"``, ``pageBreakBefore``, next-page section breaks)
  and Word's ``w:lastRenderedPageBreak`` marks advance the page number (a break immediately
  followed by a rendered-break mark counts once).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.budget import check_expansion
from policyparse.errors import CorruptFileError, EncryptedFileError
from policyparse.model import BlockKind, RawBlock, RawCell
from policyparse.readers.base import RawDocument
from policyparse.readers.sniff import extension_warning

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W = f"{{{W_NS}}}"
_CJK = re.compile(r"[\u3400-\u9fff]")


def _w(tag: str) -> str:
    return W + tag


def _val(el, tag: str, attr: str = "val") -> str | None:
    """``w:val`` of child ``tag`` of ``el`` (None if absent)."""
    if el is None:
        return None
    child = el.find(_w(tag))
    if child is None:
        return None
    return child.get(_w(attr))


def _int(v: str | None, default: int | None = None) -> int | None:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


# --------------------------------------------------------------------------- number formats

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip


def _roman(n: int) -> str:
    out = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: A..Z, AA..ZZ, AAA...
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word number format ``fmt`` (``w:numFmt``)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting",
               "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):  # fmt: skip
        import cn2an

        if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
            return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
        return cn2an.an2cn(n) if n > 0 else "〇"
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        import cn2an

        return cn2an.an2cn(n, "up") if n > 0 else "零"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return _PAREN[n - 1]
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return _FULLSTOP[n - 1]
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart (1-based level after which it restarts; 0 = never)
    legal: bool = False


@dataclass
class _Num:
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


def _parse_level(lvl) -> _Level:
    return _Level(
        start=_int(_val(lvl, "start"), 1) or 0,
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") if lvl.find(_w("lvlText")) is not None else "",
        restart=_int(_val(lvl, "lvlRestart")),
        legal=lvl.find(_w("isLgl")) is not None and _val(lvl, "isLgl") not in ("0", "false"),
    )


class _Numbering:
    """Numbering definitions plus the running counters of every list."""

    def __init__(self, numbering_el, styles: _Styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNum with w:numStyleLink -> style id
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.styles = styles
        if numbering_el is None:
            return
        for an in numbering_el.iter(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"))
            self.abstract[aid] = {
                _int(lvl.get(_w("ilvl")), 0) or 0: _parse_level(lvl) for lvl in an.iter(_w("lvl"))
            }
            link = _val(an, "numStyleLink")
            if link:
                self.style_link[aid] = link
        for num in numbering_el.iter(_w("num")):
            nid = num.get(_w("numId"))
            n = _Num(abstract=_val(num, "abstractNumId") or "")
            for ov in num.iter(_w("lvlOverride")):
                ilvl = _int(ov.get(_w("ilvl")), 0) or 0
                so = _int(_val(ov, "startOverride"))
                if so is not None:
                    n.start_overrides[ilvl] = so
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    n.level_overrides[ilvl] = _parse_level(lvl)
            self.nums[nid] = n

    def _levels(self, num: _Num) -> dict[int, _Level]:
        aid = num.abstract
        for _ in range(3):  # follow numStyleLink -> style numPr -> num -> abstract
            link = self.style_link.get(aid)
            if not link:
                break
            npr = self.styles.num_pr(link)
            target = self.nums.get(npr[0]) if npr else None
            if target is None:
                break
            aid = target.abstract
        levels = dict(self.abstract.get(aid, {}))
        levels.update(num.level_overrides)
        return levels

    def render(self, num_id: str, ilvl: int) -> tuple[str | None, bool]:
        """Advance the counter of (list, level); return (marker, is_bullet)."""
        num = self.nums.get(num_id)
        if num is None:
            return None, False
        levels = self._levels(num)
        level = levels.get(ilvl)
        if level is None:
            return None, False
        if level.fmt == "bullet":
            return None, True
        # Word: w:num instances of one abstract list share counters unless they override a start
        key = f"num:{num_id}" if (num.start_overrides or num.level_overrides) else f"abs:{num.abstract}"
        counters = self.counters.setdefault(key, [None] * 10)

        def start_of(i: int) -> int:
            if i in num.start_overrides:
                return num.start_overrides[i]
            lv = levels.get(i)
            return lv.start if lv else 1

        counters[ilvl] = start_of(ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            lv = levels.get(deeper)
            restart = lv.restart if lv and lv.restart is not None else deeper
            if restart != 0 and ilvl + 1 <= restart:
                counters[deeper] = None
        if level.fmt == "none" or not level.text:
            return None, False

        def sub(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            value = counters[i] if counters[i] is not None else start_of(i)
            lv = levels.get(i)
            fmt = lv.fmt if lv else "decimal"
            if level.legal and fmt != "decimal":
                fmt = "decimal"
            return format_number(value, fmt)

        marker = re.sub(r"%([1-9])", sub, level.text)
        return (marker or None), False


# --------------------------------------------------------------------------- styles


class _Styles:
    def __init__(self, styles_el):
        self.by_id: dict[str, object] = {}
        self.default_para: str | None = None
        self.root = styles_el
        self._fmt_cache: dict = {}
        if styles_el is None:
            return
        for st in styles_el.iter(_w("style")):
            sid = st.get(_w("styleId"))
            self.by_id[sid] = st
            if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self.default_para = sid

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            st = self.by_id[sid]
            yield st
            sid = _val(st, "basedOn")

    def heading(self, sid: str | None) -> tuple[bool, int | None]:
        """(is heading, level) from the style's name or outline level (first in the chain)."""
        for st in self._chain(sid or self.default_para):
            name = (_val(st, "name") or "").strip().lower()
            m = re.match(r"^(?:heading|标题)\s*([1-9])$", name)
            if m:
                return True, int(m.group(1))
            if name in ("title", "subtitle", "标题", "副标题"):
                return True, None
            lvl = _int(_val(st.find(_w("pPr")), "outlineLvl"))
            if lvl is not None and lvl < 9:
                return True, lvl + 1
        return False, None

    def _defaults_rpr(self):
        return None if self.root is None else self.root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")

    def run_format(self, para_sid: str | None, rpr) -> tuple[str, bool, int]:
        """Effective (East Asian font, bold, size in half-points) of a run."""
        key = (para_sid, None if rpr is None else _val(rpr, "rStyle"))
        chain = []
        if rpr is not None:
            chain.append(rpr)
        base = self._fmt_cache.get(key)
        if base is None:
            sources = [st.find(_w("rPr")) for st in self._chain(key[1])]
            sources += [st.find(_w("rPr")) for st in self._chain(para_sid or self.default_para)]
            sources.append(self._defaults_rpr())
            base = [x for x in sources if x is not None]
            self._fmt_cache[key] = base
        font = bold = size = None
        for r in chain + base:
            if font is None:
                f = r.find(_w("rFonts"))
                if f is not None:
                    font = f.get(_w("eastAsia")) or f.get(_w("eastAsiaTheme"))
            if bold is None and r.find(_w("b")) is not None:
                bold = _val(r, "b") not in ("0", "false", "off")
            if size is None:
                size = _int(_val(r, "sz"))
        return font or "", bool(bold), size or 20

    def num_pr(self, sid: str | None) -> tuple[str, int] | None:
        for st in self._chain(sid):
            npr = st.find(f"{_w('pPr')}/{_w('numPr')}")
            if npr is not None:
                nid = _val(npr, "numId")
                if nid is not None:
                    return nid, _int(_val(npr, "ilvl"), 0) or 0
        return None

    def page_break_before(self, sid: str | None) -> bool:
        for st in self._chain(sid):
            ppr = st.find(_w("pPr"))
            if ppr is not None and ppr.find(_w("pageBreakBefore")) is not None:
                return _val(ppr, "pageBreakBefore") not in ("0", "false", "off")
        return False


# --------------------------------------------------------------------------- body walk


_WRAPPERS = {_w("sdt"), _w("sdtContent"), _w("customXml"), _w("smartTag")}
_INLINE_CONTAINERS = {
    _w("hyperlink"), _w("smartTag"), _w("ins"), _w("customXml"), _w("fldSimple"), _w("sdt"),
    _w("sdtContent"), _w("bdo"), _w("dir"), _w("moveTo"),
}  # fmt: skip


class _Reader:
    def __init__(self, doc):
        self.styles = _Styles(_part_element(doc, "styles"))
        self.numbering = _Numbering(_part_element(doc, "numbering"), self.styles)
        self.page = 1
        self.pending = False  # a page break counted, no text since
        self.any_text = False
        self.blocks: list[RawBlock] = []
        self.text_page: int | None = None
        self.cur_style: str | None = None
        self.cur_fonts = {}
        self.cur_sizes = {}
        # (block, CJK glyphs per (font, bold), CJK glyphs per size) of body paragraphs
        self.formats: list[tuple[RawBlock, dict, dict]] = []

    # ------------------------------------------------------------------ pages
    def _break(self) -> None:
        if self.any_text and not self.pending:
            self.page += 1
            self.pending = True

    def _rendered_break(self) -> None:
        if self.any_text and not self.pending:
            self.page += 1
        self.pending = True

    # ------------------------------------------------------------------ paragraphs
    def _inline(self, el, out: list[str], boxes: list) -> None:
        for child in el:
            tag = child.tag
            if tag == _w("r"):
                self._run(child, out, boxes)
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, out, boxes)
            elif tag == f"{{{M_NS}}}oMath" or tag == f"{{{M_NS}}}oMathPara":
                out.append("".join(t.text or "" for t in child.iter(f"{{{M_NS}}}t")))
                self._text_seen(out)

    def _text_seen(self, out: list[str]) -> None:
        if out and out[-1].strip():
            if self.text_page is None:
                self.text_page = self.page
            self.any_text = True
            self.pending = False

    def _run(self, r, out: list[str], boxes: list) -> None:
        for child in r:
            tag = child.tag
            if tag == _w("t"):
                if child.text:
                    out.append(child.text)
                    self._text_seen(out)
                    n_cjk = len(_CJK.findall(child.text))
                    if n_cjk:
                        font, bold, size = self.styles.run_format(self.cur_style, r.find(_w("rPr")))
                        self.cur_fonts[(font, bold)] = self.cur_fonts.get((font, bold), 0) + n_cjk
                        self.cur_sizes[size] = self.cur_sizes.get(size, 0) + n_cjk
            elif tag == _w("tab") or tag == _w("ptab"):
                out.append("\t")
            elif tag == _w("br"):
                kind = child.get(_w("type"))
                if kind == "page":
                    self._break()
                elif kind != "column":
                    out.append("\n")
            elif tag == _w("cr"):
                out.append("\n")
            elif tag == _w("lastRenderedPageBreak"):
                self._rendered_break()
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            elif tag in (_w("drawing"), _w("pict"), f"{{{MC_NS}}}AlternateContent"):
                boxes.extend(_text_boxes(child))

    def _paragraph_text(self, p) -> tuple[str, list]:
        out: list[str] = []
        boxes: list = []
        self._inline(p, out, boxes)
        return "".join(out), boxes

    def _number(self, p, ppr, sid: str | None) -> tuple[str | None, bool]:
        npr = ppr.find(_w("numPr")) if ppr is not None else None
        num: tuple[str, int] | None = None
        style_num = self.styles.num_pr(sid)
        if npr is not None:
            nid = _val(npr, "numId")
            ilvl = _int(_val(npr, "ilvl"))
            if nid is None and style_num:
                nid = style_num[0]
            if ilvl is None:
                ilvl = style_num[1] if style_num else 0
            num = (nid, ilvl) if nid is not None else None
        else:
            num = style_num
        if num is None or num[0] == "0":
            return None, False
        return self.numbering.render(num[0], num[1])

    def paragraph(self, p, *, in_table: bool = False) -> tuple[RawBlock | None, str]:
        """Read ``p``; return its block (None if empty) and its full text (number included)."""
        ppr = p.find(_w("pPr"))
        sid = _val(ppr, "pStyle")
        pbb = ppr is not None and ppr.find(_w("pageBreakBefore")) is not None
        if pbb:
            pbb = _val(ppr, "pageBreakBefore") not in ("0", "false", "off")
        elif self.styles.page_break_before(sid):
            pbb = True
        if pbb:
            self._break()
        self.text_page = None
        self.cur_style = sid
        self.cur_fonts: dict[tuple[str, bool], int] = {}
        self.cur_sizes: dict[int, int] = {}
        text, boxes = self._paragraph_text(p)
        fonts, sizes = self.cur_fonts, self.cur_sizes
        number, bullet = self._number(p, ppr, sid)
        page = self.text_page or self.page  # the block is on the page where its text starts
        sect = ppr.find(_w("sectPr")) if ppr is not None else None
        if sect is not None and (_val(sect, "type") or "nextPage") != "continuous":
            self._break()
        block: RawBlock | None = None
        if text.strip():
            is_heading, level = self.styles.heading(sid)
            own_outline = _int(_val(ppr, "outlineLvl"))
            if own_outline is not None and own_outline < 9:  # direct outline level on the paragraph
                is_heading, level = True, own_outline + 1
            hint = BlockKind.HEADING if is_heading else (BlockKind.LIST_ITEM if bullet else None)
            block = RawBlock(
                page=page, lines=text.split("\n"), hint=hint, level=level if is_heading else None,
                number=number,
            )  # fmt: skip
        full = (number or "") + text if text.strip() else ""
        if not in_table:
            if block is not None:
                self.blocks.append(block)
                self.formats.append((block, fonts, sizes))
            for box in boxes:
                for bp in box.iter(_w("p")):
                    b, _ = self.paragraph(bp, in_table=True)
                    if b is not None:
                        self.blocks.append(b)
        return block, full

    # ------------------------------------------------------------------ tables
    def _cell_text(self, tc) -> str:
        parts: list[str] = []
        for el in _block_children(tc):
            if el.tag == _w("p"):
                _, full = self.paragraph(el, in_table=True)
                parts.append(full)
            elif el.tag == _w("tbl"):
                rows = self._table_rows(el)
                parts.append("\n".join(" ".join(c.text for c in row if c.text) for row in rows))
        # drop empty paragraphs at both ends; keep inner ones as line breaks
        while parts and not parts[-1].strip():
            parts.pop()
        while parts and not parts[0].strip():
            parts.pop(0)
        return "\n".join(parts)

    def _table_rows(self, tbl) -> list[list[RawCell]]:
        rows: list[list[RawCell]] = []
        active: dict[int, RawCell] = {}  # grid column -> top cell of a running vertical merge
        for tr in _children(tbl, "tr"):
            trpr = tr.find(_w("trPr"))
            col = _int(_val(trpr, "gridBefore"), 0) or 0
            row: list[RawCell] = []
            extended: list[RawCell] = []
            for tc in _children(tr, "tc"):
                tcpr = tc.find(_w("tcPr"))
                span = max(_int(_val(tcpr, "gridSpan"), 1) or 1, 1)
                vm_el = tcpr.find(_w("vMerge")) if tcpr is not None else None
                vmerge = None if vm_el is None else (vm_el.get(_w("val")) or "continue")
                if vmerge == "continue" and col in active:
                    active[col].rowspan += 1
                    extended.append(active[col])
                    self._cell_text(tc)  # walk it for page marks
                    col += span
                    continue
                cell = RawCell(text=self._cell_text(tc), colspan=span)
                for c in range(col, col + span):
                    active.pop(c, None)
                if vmerge == "restart":
                    active[col] = cell
                row.append(cell)
                col += span
            if row:
                rows.append(row)
            else:  # every cell continues a merge: the row adds nothing
                for cell in extended:
                    cell.rowspan -= 1
        return rows

    def table(self, tbl) -> None:
        page = self.page
        rows = self._table_rows(tbl)
        if rows:
            self.blocks.append(RawBlock(page=page, rows=rows))
        self.any_text = self.any_text or bool(rows)

    # ------------------------------------------------------------------ body
    def body(self, body) -> None:
        for el in _block_children(body):
            if el.tag == _w("p"):
                self.paragraph(el)
            elif el.tag == _w("tbl"):
                self.table(el)
            elif el.tag == _w("sectPr"):
                continue
        self._emphasis_hints()

    def _emphasis_hints(self) -> None:
        """HEADING for a short paragraph set in another font/weight than the body, or larger.

        Same rule as the PDF reader's, so hand-formatted headings (no heading style) get the
        same kind from a DOCX as from the PDF exported from it.
        """
        fonts: dict = {}
        sizes: dict = {}
        for _, f, z in self.formats:
            for k, v in f.items():
                fonts[k] = fonts.get(k, 0) + v
            for k, v in z.items():
                sizes[k] = sizes.get(k, 0) + v
        if not fonts:
            return
        body_font = max(fonts, key=fonts.get)
        body_size = max(sizes, key=sizes.get)
        for block, f, z in self.formats:
            total = sum(f.values())
            if block.hint is not None or not total or len("".join(block.lines).strip()) > 80:
                continue
            if f.get(body_font, 0) <= 0.2 * total or min(z) >= body_size + 4:
                block.hint = BlockKind.HEADING


def _block_children(el):
    """Block-level children of a body/cell, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag in _WRAPPERS:
            yield from _block_children(child)
        elif child.tag in (_w("p"), _w("tbl"), _w("sectPr")):
            yield child


def _children(el, name: str):
    """``w:name`` children of ``el``, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == _w(name):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, name)


def _text_boxes(el) -> list:
    """``w:txbxContent`` elements under ``el``, skipping the VML fallback copies."""
    out = []
    for tb in el.iter(_w("txbxContent")):
        anc = tb.getparent()
        fallback = False
        while anc is not None and anc is not el:
            if anc.tag == f"{{{MC_NS}}}Fallback":
                fallback = True
                break
            anc = anc.getparent()
        if not fallback:
            out.append(tb)
    return out


def _part_element(doc, which: str):
    try:
        if which == "styles":
            return doc.styles.element
        if which == "numbering":
            return doc.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return None
    return None


def _check_declared_sizes(path: Path, data: bytes) -> None:
    """A DOCX whose XML parts declare more bytes than the memory budget is refused before inflating."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            declared = sum(i.file_size for i in z.infolist() if i.filename.endswith(".xml"))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        return  # python-docx reports the broken package below
    check_expansion(path, declared, "XML")


def read_raw(path: Path, data: bytes) -> RawDocument:
    """Read a DOCX into a :class:`RawDocument` (``line_broken=False``)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    warnings: list[str] = []
    if w := extension_warning(path, "docx"):
        warnings.append(w)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise EncryptedFileError(path, "a password-protected Word document (encrypted OLE package)")
    _check_declared_sizes(path, data)
    try:
        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError) as e:
        raise CorruptFileError(path, f"not a readable DOCX (broken ZIP package): {e}") from e
    except (KeyError, ValueError, OSError, EOFError, zipfile.LargeZipFile) as e:
        raise CorruptFileError(path, f"not a readable DOCX: {type(e).__name__}: {e}") from e
    except Exception as e:  # lxml syntax errors, missing parts, ...
        raise CorruptFileError(path, f"not a readable DOCX: {type(e).__name__}: {e}") from e
    reader = _Reader(doc)
    try:
        reader.body(doc.element.body)
    except Exception as e:  # pragma: no cover - malformed XML structures
        raise CorruptFileError(path, f"unexpected DOCX structure: {type(e).__name__}: {e}") from e
    return RawDocument(
        path=str(path),
        format="docx",
        blocks=reader.blocks,
        pages=reader.page,
        warnings=warnings,
        line_broken=False,
    )
