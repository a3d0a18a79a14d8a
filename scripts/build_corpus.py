"""Build realistic DOCX / PDF / HTML renderings of the five seed documents in ``corpus/``.

For every seed ``corpus/STEM.txt`` this writes

* ``corpus/STEM.docx``: the document as a government office would have typed it in Word (title,
  heading paragraphs, repaired body paragraphs, real Word tables with merged cells, attachments on
  a new page, a "— N —" page-number footer, CJK East Asian font);
* ``corpus/STEM.pdf``: that DOCX exported by LibreOffice headless;
* ``corpus/STEM.html``: a government-website article page with site chrome around the body;

and ``corpus/metadata.yaml`` with the facts each seed states (title, issuer, number, date...).

This is a corpus builder, not the product: it knows each seed's layout explicitly (which lines are
the title, where each flattened table starts and ends, how its cells are laid out). The text of
the renderings is the seed's text after repair only: lines broken inside sentences are joined,
page artefacts (the receipt stamp of seed 001, LaTeX-encoded formulas of seed 001) and web
navigation chrome (seeds 002, 004) are removed from the DOCX/PDF; characters are otherwise kept.

Usage: ``python scripts/build_corpus.py [--no-pdf] [STEM ...]``
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

CJK_SERIF = "Noto Serif CJK SC"  # body text (宋体/仿宋 role)
CJK_HEI = "Noto Sans CJK SC"  # headings (黑体 role)
LATIN = "Times New Roman"

UP = "\x00UP"  # grid sentinel: covered by the cell above (vertical merge)
LEFT = "\x00LEFT"  # grid sentinel: covered by the cell to the left (horizontal merge)


# --------------------------------------------------------------------------- element model


@dataclass
class Table:
    """A table as a grid; merged cells use the UP / LEFT sentinels in covered positions."""

    grid: list[list[str]]
    header_rows: int = 1
    widths_cm: list[float] | None = None
    caption: str | None = None

    @property
    def n_cols(self) -> int:
        return len(self.grid[0])

    def spans(self):
        """Yield (row, col, text, rowspan, colspan) for every non-covered cell."""
        for r, row in enumerate(self.grid):
            for c, text in enumerate(row):
                if text in (UP, LEFT):
                    continue
                cs = 1
                while c + cs < self.n_cols and row[c + cs] == LEFT:
                    cs += 1
                rs = 1
                while r + rs < len(self.grid) and self.grid[r + rs][c] == UP:
                    rs += 1
                yield r, c, text, rs, cs


@dataclass
class El:
    """One element of a document: kind in
    redhead, docno, title, subtitle, addressee, h1, h2, h3, item, p, sig, note, attach, caption,
    pagebreak, table, cc (抄送 block line)."""

    kind: str
    text: str = ""
    table: Table | None = None
    bold_lead: bool = False  # bold the run-in heading up to the first 。


@dataclass
class Doc:
    stem: str
    elements: list[El] = field(default_factory=list)

    def add(self, kind: str, text: str = "", **kw) -> None:
        self.elements.append(El(kind, text, **kw))

    @property
    def tables(self) -> list[Table]:
        return [e.table for e in self.elements if e.kind == "table"]

    def body_texts(self) -> list[str]:
        out = []
        for e in self.elements:
            if e.kind == "table":
                out.extend(t for row in e.table.grid for t in row if t not in (UP, LEFT))
            elif e.text:
                out.append(e.text)
        return out


# --------------------------------------------------------------------------- text repair

TERMINAL = tuple("。；;！？!?：:）)”")
MARKER_RE = re.compile(
    r"^(\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|——|牵头单位|责任单位|附件)"
)
H1_RE = re.compile(r"^[一二三四五六七八九十]+、")
H2_RE = re.compile(r"^[（(]\s?[一二三四五六七八九十]+\s?[)）]")
ITEM_RE = re.compile(r"^\d+[.．]")
LATEX_RE = re.compile(r"\$(.*?)\$")


def delatex(line: str) -> str:
    r"""Turn the OCR'd LaTeX formulas of seed 001 back into the plain text the other formula lines
    of the same seed use: ``$(\text{A}/\text{B}) \times 100\%$`` -> ``(A/B) × 100%``."""

    def repl(m: re.Match) -> str:
        s = m.group(1)
        s = re.sub(r"\\text\{([^}]*)\}", r"\1", s)
        s = s.replace(r"\times", "×").replace(r"\%", "%")
        return s.strip()

    return LATEX_RE.sub(repl, line)


def repair_lines(lines: list[str], no_join: tuple[str, ...] = ()) -> list[str]:
    """Join physical lines into paragraphs: a line that does not end a sentence and looks like a
    full text line (has sentence punctuation or is long) continues on the next non-empty line."""
    src = [ln.strip() for ln in lines if ln.strip()]
    out: list[str] = []
    for ln in src:
        if out:
            prev = out[-1]
            joinable = (
                not prev.endswith(TERMINAL)
                and ("。" in prev or "，" in prev or "," in prev or len(prev) >= 45)
                and not MARKER_RE.match(ln)
                and not prev.startswith(("牵头单位", "责任单位"))
                and not any(prev.startswith(n) for n in no_join)
            )
            if joinable:
                out[-1] = prev + ln
                continue
        out.append(ln)
    return out


def classify(doc: Doc, paras: list[str], *, bold_lead: bool = False, short_items_are_h3: bool = False) -> None:
    """Append body paragraphs with their kind."""
    for p in paras:
        short = len(p) <= 32 and "。" not in p[:-1]
        if H1_RE.match(p) and short:
            doc.add("h1", p)
        elif H2_RE.match(p) and short:
            doc.add("h2", p)
        elif H2_RE.match(p):
            doc.add("p", p, bold_lead=bold_lead)
        elif ITEM_RE.match(p):
            if short_items_are_h3 and len(p) <= 60 and "。" not in p:
                doc.add("h3", p)
            else:
                doc.add("item", p, bold_lead=bold_lead)
        else:
            doc.add("p", p)


# --------------------------------------------------------------------------- table parsing


def cells_tab_block(lines: list[str]) -> list[list[str]]:
    """Seed 000 layout: rows separated by blank lines, each cell a line starting with TAB, a
    wrapped cell continuing on a line without TAB (joined without separator)."""
    rows: list[list[str]] = []
    cur: list[str] | None = None
    for ln in lines:
        ln = ln.rstrip("\n")
        if not ln.strip() and not ln.startswith("\t"):
            if cur:
                rows.append(cur)
            cur = None
            continue
        if ln.startswith("\t"):
            if cur is None:
                cur = []
            cur.append(ln[1:].strip())
        else:
            assert cur, f"continuation line without a cell: {ln!r}"
            cur[-1] += ln.strip()
    if cur:
        rows.append(cur)
    return rows


def merge_down(rows: list[list[str]], cols: list[int]) -> list[list[str]]:
    grid = [list(r) for r in rows]
    for r in range(1, len(grid)):
        for c in cols:
            if grid[r][c] == "":
                grid[r][c] = UP
    return grid


def table_000_a1(lines: list[str]) -> Table:
    rows = cells_tab_block(lines)
    header, body = rows[0], rows[1:]
    assert header == ["一级指标", "二级指标", "序号", "三级指标", "责任单位"], header
    assert all(len(r) == 5 for r in body), [r for r in body if len(r) != 5]
    grid = [header] + merge_down(body, [0, 1])
    return Table(grid, 1, [2.0, 2.0, 1.1, 5.4, 5.1], "国家创新型城市建设指标及责任分工")


def table_000_a2(lines: list[str]) -> Table:
    rows = cells_tab_block(lines)
    assert rows[0] == ["指标体系", "责任单位"], rows[0]
    assert all(len(r) == 2 for r in rows), [r for r in rows if len(r) != 2]
    return Table(rows, 1, [8.6, 7.0], "综合科技创新水平指数指标及责任分工")


def table_001_a1(lines: list[str]) -> Table:
    rows = [ln.split("\t") for ln in lines if ln.strip()]
    assert rows[0] == ["序号", "省(区、市)", "城市(区)"], rows[0]
    assert all(len(r) == 3 for r in rows)
    return Table([[c.strip() for c in r] for r in rows], 1, [1.6, 2.8, 11.2], "创新型城市试点建设名单")


def table_001_a2(lines: list[str]) -> Table:
    rows = [ln.split("\t") for ln in lines if ln.strip()]
    head = [c.strip() for c in rows[0]]
    assert head == ["一级指标", "二级指标", "", "数值", "与上年相比 增长率 (%)"], head
    grid = [["一级指标", "二级指标", LEFT, "数值", "与上年相比 增长率 (%)"]]
    for r in rows[1:]:
        r = [c.strip() for c in r]
        if len(r) == 3:  # the 特色指标 row: its text runs over the value columns
            r = r + [LEFT, LEFT]
        assert len(r) == 5, r
        grid.append(r)
    grid = grid[:1] + merge_down(grid[1:], [0])
    return Table(grid, 1, [2.8, 1.0, 8.2, 1.6, 2.0], "建设创新型城市指标体系")


def cells_per_paragraph(lines: list[str]) -> list[str]:
    return [ln.strip() for ln in lines if ln.strip()]


def table_004_targets(lines: list[str]) -> Table:
    cells = cells_per_paragraph(lines)
    assert len(cells) % 3 == 0, cells
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    assert rows[0] == ["指 标", "2021年", "2024年"], rows[0]
    return Table(rows, 1, [9.6, 3.0, 3.0], None)


def table_004_annex(lines: list[str]) -> Table:
    cells = cells_per_paragraph(lines)
    assert cells[:4] == ["一级指标", "二级指标", "单位", "责任单位"], cells[:4]
    grid = [["一级指标", "二级指标", LEFT, "单位", "责任单位"]]
    cells = cells[4:]
    categories = {"创新要素聚集能力", "综合实力和产业竞争力", "创新创业环境", "创新对社会民生发展的支撑", "特色指标"}
    i = 0
    while i < len(cells):
        category = ""
        if cells[i] in categories:
            category = cells[i]
            i += 1
        num, name = cells[i], cells[i + 1]
        assert num.isdigit(), (num, name)
        i += 2
        rest = []
        while i < len(cells) and not cells[i].isdigit() and cells[i] not in categories:
            rest.append(cells[i])
            i += 1
        assert len(rest) in (1, 2), (num, rest)
        unit, resp = (rest[0], rest[1]) if len(rest) == 2 else ("", rest[0])
        grid.append([category or UP, num, name, unit, resp])
    return Table(grid, 1, [2.6, 0.9, 6.2, 1.7, 4.2], "临沂市建设国家创新型城市指标及责任分工")


# --------------------------------------------------------------------------- per-seed parsing


def read_seed(stem: str) -> list[str]:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8").split("\n")


def find(lines: list[str], text: str, start: int = 0) -> int:
    for i in range(start, len(lines)):
        if lines[i].strip() == text:
            return i
    raise ValueError(f"line {text!r} not found")


def parse_000(stem: str) -> Doc:
    L = read_seed(stem)
    d = Doc(stem)
    d.add("title", L[0].strip())
    d.add("subtitle", L[1].strip())
    a1 = find(L, "附件1")
    classify(d, repair_lines(L[2:a1]))
    d.add("attach", "附件1")
    d.add("caption", L[a1 + 1].strip())
    a2 = find(L, "附件2", a1)
    d.elements.append(El("table", table=table_000_a1(L[a1 + 2 : a2])))
    d.add("attach", "附件2")
    d.add("caption", L[a2 + 1].strip())
    d.elements.append(El("table", table=table_000_a2(L[a2 + 2 :])))
    return d


def parse_001(stem: str) -> Doc:
    L = read_seed(stem)
    d = Doc(stem)
    # lines 3-6 are the receiving office's stamp (云南省科技厅 收文顺序号...): a page artefact
    i = find(L, "科学技术部 国家发展改革委 文件")
    d.add("redhead", L[i].strip())
    j = find(L, "国科发创〔2016〕370号", i)
    d.add("docno", L[j].strip())
    k = find(L, "科技部 国家发展改革委关于印发 建设创新型城市工作指引的通知", j)
    d.add("title", "科技部 国家发展改革委关于印发建设创新型城市工作指引的通知")
    m = find(L, "(此件主动公开)", k)
    paras = repair_lines(L[k + 1 : m])
    d.add("addressee", paras[0])
    classify(d, paras[1:])
    d.add("note", L[m].strip())
    d.add("pagebreak")
    g = find(L, "建设创新型城市工作指引", m)
    d.add("title", L[g].strip())
    a = next(n for n in range(g, len(L)) if L[n].startswith("- 附件："))
    classify(d, repair_lines(L[g + 1 : a]), bold_lead=True)
    d.add("p", L[a][2:].strip())  # "- " is a list-bullet artefact of the extraction
    d.add("p", L[a + 1].strip())
    a1 = find(L, "附件 1", a)
    d.add("attach", "附件1")
    cap1 = find(L, "创新型城市试点建设名单", a1)
    d.add("caption", L[cap1].strip())
    a2 = find(L, "附件 2", cap1)
    d.elements.append(El("table", table=table_001_a1(L[cap1 + 1 : a2])))
    d.add("attach", "附件2")
    cap2 = find(L, "建设创新型城市指标体系", a2)
    d.add("caption", L[cap2].strip())
    note = next(n for n in range(cap2, len(L)) if L[n].startswith("注："))
    d.elements.append(El("table", table=table_001_a2(L[cap2 + 1 : note])))
    d.add("note", L[note].strip())
    expl = find(L, "指标说明", note)
    d.add("h1", "指标说明")
    body = [delatex(ln) for ln in L[expl + 1 :]]
    classify(d, repair_lines(body, no_join=("25. ",)), short_items_are_h3=True)
    return d


def parse_002(stem: str) -> Doc:
    L = read_seed(stem)
    d = Doc(stem)
    # line 0 "甘肃招商网络> 正文" and the "2024-01-03 00:00" line are web chrome
    d.add("title", L[2].strip().replace(" ", ""))
    end = find(L, "展开")
    classify(d, repair_lines(L[5:end]))
    return d


def parse_003(stem: str) -> Doc:
    L = read_seed(stem)
    d = Doc(stem)
    d.add("redhead", find_text(L, "泰安市人民政府文件"))
    d.add("docno", find_text(L, "泰政发〔2022〕13号"))
    t = find(L, "泰安市人民政府 关于推进国家创新型城市建设的实施意见")
    d.add("title", "泰安市人民政府关于推进国家创新型城市建设的实施意见")
    sig = find(L, "泰安市人民政府", t + 1)
    paras = repair_lines(L[t + 1 : sig])
    d.add("addressee", paras[0])
    classify(d, paras[1:], bold_lead=True)
    d.add("sig", L[sig].strip())
    d.add("sig", L[sig + 1].strip())
    pub = find(L, "(此件公开发布)", sig)
    d.add("note", L[pub].strip())
    cc = repair_lines(L[pub + 1 : find(L, "泰安市人民政府办公室", pub)])
    for c in cc:
        d.add("cc", c)
    d.add("cc", "泰安市人民政府办公室")
    d.add("cc", find_text(L, "2022年12月7日印发"))
    return d


def find_text(lines: list[str], text: str) -> str:
    return lines[find(lines, text)].strip()


def parse_004(stem: str) -> Doc:
    L = read_seed(stem)
    d = Doc(stem)
    # lines 0-5: the website's breadcrumb and 信息公开 metadata box (web chrome, kept for HTML)
    h = find(L, "临沂市人民政府")
    t = find(L, "关于印发《临沂市建设国家创新型城市三年行动计划(2022-2024年)》的通知", h)
    d.add("title", L[h].strip() + L[t].strip())
    no = find(L, "临政字〔2022〕98号", t)
    d.add("docno", L[no].strip())
    sig = find(L, "临沂市人民政府", no)
    paras = repair_lines(L[no + 1 : sig])
    d.add("addressee", paras[0])
    classify(d, paras[1:])
    d.add("sig", L[sig].strip())
    date = find(L, "2022年10月20日", sig)
    d.add("sig", L[date].strip())
    pub = find(L, "(此件公开发布)", date)
    d.add("note", L[pub].strip())
    d.add("pagebreak")
    pt = find(L, "临沂市建设国家创新型城市三年行动计划", pub)
    d.add("title", L[pt].strip())
    d.add("subtitle", L[pt + 2].strip())
    tab = find(L, "指 标", pt)
    classify(d, repair_lines(L[pt + 3 : tab]), bold_lead=False)
    note = find(L, "标注*为2020年数据", tab)
    d.elements.append(El("table", table=table_004_targets(L[tab:note])))
    d.add("note", L[note].strip())
    ref = next(n for n in range(note, len(L)) if L[n].startswith("附件:临沂市"))
    classify(d, repair_lines(L[note + 1 : ref]))
    d.add("p", L[ref].strip())
    lab = find(L, "附件:", ref)
    d.add("attach", L[lab].strip())
    cap = find(L, "临沂市建设国家创新型城市指标及责任分工", lab)
    d.add("caption", L[cap].strip())
    end = next(n for n in range(cap, len(L)) if L[n].startswith("注:加注*"))
    d.elements.append(El("table", table=table_004_annex(L[cap + 1 : end])))
    d.add("note", L[end].strip())
    # after the note: "文字解读:..." link and 【下载Word】... buttons (web chrome)
    return d


PARSERS = {
    "000_66384f2078c7182b": parse_000,
    "001_2193336686149f8c": parse_001,
    "002_101a49cb13188322": parse_002,
    "003_1b4764571c7d463f": parse_003,
    "004_53cef2a0b11e33d7": parse_004,
}


# --------------------------------------------------------------------------- DOCX writing


def set_run_font(run, *, east: str = CJK_SERIF, size: float | None = None, bold: bool | None = None,
                 color: RGBColor | None = None) -> None:
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:cs"), LATIN)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color


def fix_style_fonts(style, east: str, size: float, bold: bool = False) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:cs"), LATIN)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)


def add_page_field(paragraph) -> None:
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        set_run_font(run, size=14)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._element.append(el)
        elif kind == "text":
            run.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._element.append(el)


def body_format(p, *, indent: bool = True, align=WD_ALIGN_PARAGRAPH.JUSTIFY) -> None:
    pf = p.paragraph_format
    pf.alignment = align
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if indent:
        pf.first_line_indent = Pt(32)


def add_text(p, text: str, *, size: float = 16, bold: bool = False, east: str = CJK_SERIF,
             bold_lead: bool = False, color: RGBColor | None = None) -> None:
    if bold_lead and "。" in text[:40]:
        k = text.index("。") + 1
        set_run_font(p.add_run(text[:k]), east=CJK_HEI, size=size, bold=True, color=color)
        text = text[k:]
        if not text:
            return
    set_run_font(p.add_run(text), east=east, size=size, bold=bold, color=color)


def set_repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def write_table(document, table: Table) -> None:
    n_rows, n_cols = len(table.grid), table.n_cols
    t = document.add_table(rows=n_rows, cols=n_cols)
    t.style = document.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    spans = list(table.spans())
    # columns of short values (序号, categories, numbers, units) are centred, text columns left-aligned
    centred_cols = {
        c for c in range(n_cols)
        if all(len(text) <= 12 for r, cc, text, _rs, _cs in spans if cc == c and r >= table.header_rows)
    }
    if n_cols >= 5:
        centred_cols |= {0}
    for r, c, _text, rs, cs in spans:
        if rs > 1 or cs > 1:
            t.cell(r, c).merge(t.cell(r + rs - 1, c + cs - 1))
    if table.widths_cm:
        for row in t.rows:
            for c, w in enumerate(table.widths_cm):
                row.cells[c].width = Cm(w)
        for c, w in enumerate(table.widths_cm):
            t.columns[c].width = Cm(w)
    for r, c, text, _rs, _cs in spans:
        cell = t.cell(r, c)
        p = cell.paragraphs[0]
        header = r < table.header_rows
        centred = header or c in centred_cols
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.space_before = Pt(2)
        p.paragraph_format.space_after = Pt(2)
        add_text(p, text, size=10.5, bold=header, east=CJK_HEI if header else CJK_SERIF)
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for r in range(table.header_rows):
        set_repeat_header(t.rows[r])


def _border(p, *sides: str, sz: int = 8, color: str = "000000") -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(sz))
        el.set(qn("w:space"), "1")
        el.set(qn("w:color"), color)
        bdr.append(el)
    ppr.append(bdr)


# seeds whose offices use Word heading styles; the others format headings by hand (黑体 / bold runs
# on Normal paragraphs), as many government offices do: readers must cope with both
HEADING_STYLES = {"000_66384f2078c7182b", "001_2193336686149f8c", "003_1b4764571c7d463f"}


def write_docx(doc: Doc, path: Path, title: str) -> None:
    document = new_docx()
    styles = document.styles
    fix_style_fonts(styles["Normal"], CJK_SERIF, 16)
    fix_style_fonts(styles["Title"], CJK_HEI, 22, bold=True)
    fix_style_fonts(styles["Heading 1"], CJK_HEI, 16)
    fix_style_fonts(styles["Heading 2"], CJK_HEI, 16, bold=True)
    fix_style_fonts(styles["Heading 3"], CJK_HEI, 16, bold=True)
    # Title style has a bottom border in the default template; remove it
    ppr = styles["Title"].element.get_or_add_pPr()
    for b in ppr.findall(qn("w:pBdr")):
        ppr.remove(b)

    sec = document.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.2)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    sec.footer_distance = Cm(2.0)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(fp.add_run("— "), size=14)
    add_page_field(fp)
    set_run_font(fp.add_run(" —"), size=14)

    document.core_properties.title = title
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    document.core_properties.comments = ""
    document.core_properties.keywords = ""
    document.core_properties.language = "zh-CN"

    # the body starts with an empty paragraph from the template? (python-docx's has none)
    pending_break = False
    red = RGBColor(0xE0, 0x00, 0x00)
    for e in doc.elements:
        k = e.kind
        if k == "pagebreak":
            pending_break = True
            continue
        if k == "table":
            write_table(document, e.table)
            continue
        if k == "title":
            p = document.add_paragraph(style="Title")
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(12)
            p.paragraph_format.space_after = Pt(12)
            p.paragraph_format.line_spacing = Pt(36)
            add_text(p, e.text, size=22, bold=True, east=CJK_HEI)
        elif k == "redhead":
            p = document.add_paragraph()
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(18)
            add_text(p, e.text, size=28, bold=True, east=CJK_HEI, color=red)
        elif k == "docno":
            p = document.add_paragraph()
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(18)
            add_text(p, e.text)
            if any(x.kind == "redhead" for x in doc.elements):
                _border(p, "bottom", sz=18, color="E00000")  # the red rule under the 发文字号
        elif k == "subtitle":
            p = document.add_paragraph()
            body_format(p, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
            p.paragraph_format.space_after = Pt(12)
            add_text(p, e.text, east=CJK_HEI)
        elif k in ("h1", "h2", "h3"):
            styled = doc.stem in HEADING_STYLES
            p = document.add_paragraph(style={"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}[k]
                                       if styled else None)
            body_format(p)
            p.paragraph_format.keep_with_next = True
            add_text(p, e.text, east=CJK_HEI, bold=k != "h1")
        elif k == "addressee":
            p = document.add_paragraph()
            body_format(p, indent=False)
            add_text(p, e.text)
        elif k == "sig":
            p = document.add_paragraph()
            body_format(p, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            p.paragraph_format.right_indent = Pt(64)
            p.paragraph_format.keep_with_next = True
            add_text(p, e.text)
        elif k == "note":
            p = document.add_paragraph()
            body_format(p)
            add_text(p, e.text, size=14 if e.text.startswith(("注", "标注")) else 16)
        elif k == "attach":
            p = document.add_paragraph()
            body_format(p, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
            pending_break = True
            add_text(p, e.text, east=CJK_HEI)
        elif k == "caption":
            p = document.add_paragraph()
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(12)
            p.paragraph_format.space_after = Pt(12)
            add_text(p, e.text, size=20, bold=True, east=CJK_HEI)
        elif k == "cc":  # 版记: ruled lines above and below
            p = document.add_paragraph()
            body_format(p, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
            first = doc.elements[doc.elements.index(e) - 1].kind != "cc"
            _border(p, *(("top", "bottom") if first else ("bottom",)), sz=8 if first else 4)
            add_text(p, e.text, size=14)
        else:  # p, item
            p = document.add_paragraph()
            body_format(p)
            add_text(p, e.text, bold_lead=e.bold_lead)
        if pending_break:
            p.paragraph_format.page_break_before = True
            pending_break = False
    _ = WD_SECTION  # (single section document)
    document.save(path)


# --------------------------------------------------------------------------- PDF


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit(
            "LibreOffice not found: apt-get install -y --no-install-recommends libreoffice-writer fonts-noto-cjk"
        )
    return exe


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), str(docx_path)],
            check=True, capture_output=True, timeout=300,
        )
    return out_dir / (docx_path.stem + ".pdf")


# --------------------------------------------------------------------------- HTML

def esc(s: str) -> str:
    return html.escape(s, quote=False)


def table_html(t: Table, *, thead: bool, attrs: str) -> str:
    by_row: dict[int, list[str]] = {r: [] for r in range(len(t.grid))}
    for r, _c, text, rs, cs in t.spans():
        tag = "th" if r < t.header_rows and thead else "td"
        span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
        inner = esc(text)
        if r < t.header_rows and not thead:
            inner = f"<strong>{inner}</strong>"
        by_row[r].append(f"<{tag}{span}>{inner}</{tag}>")
    rows_html = ["<tr>" + "".join(by_row[r]) + "</tr>" for r in range(len(t.grid))]
    if thead:
        head = "\n".join(rows_html[: t.header_rows])
        body = "\n".join(rows_html[t.header_rows :])
        return f"<table {attrs}>\n<thead>\n{head}\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    return f"<table {attrs}>\n<tbody>\n" + "\n".join(rows_html) + "\n</tbody>\n</table>"


@dataclass
class HtmlStyle:
    heading: str  # "h" (h2/h3 elements) or "strong" (<p><strong>)
    thead: bool
    table_attrs: str
    para: str  # paragraph open tag
    span: str | None = None  # Word-export style: paragraph text wrapped in a font <span>
    nbsp_indent: bool = False  # indentation typed as &nbsp; instead of CSS text-indent
    title_break: str | None = None  # put a <br> in the title after this prefix


def body_html(doc: Doc, st: HtmlStyle) -> str:
    out = []
    for e in doc.elements:
        k, t = e.kind, esc(e.text)
        if st.span and k not in ("table", "pagebreak"):
            t = f"{st.span}{t}</span>"
        if st.nbsp_indent and k in ("p", "item", "h1", "h2", "h3") and e.text:
            t = "&nbsp;&nbsp;&nbsp;&nbsp;" + t
        if k == "title" and st.title_break and e.text.startswith(st.title_break):
            t = esc(st.title_break) + "<br/>" + esc(e.text[len(st.title_break):])
        if k == "pagebreak":
            continue
        if k == "table":
            out.append(table_html(e.table, thead=st.thead, attrs=st.table_attrs))
        elif k == "title":
            out.append(f'<p style="text-align:center;font-size:22px;"><strong>{t}</strong></p>')
        elif k == "redhead":
            out.append(f'<p style="text-align:center;color:#e00;font-size:30px;"><strong>{t}</strong></p>')
        elif k in ("docno", "subtitle"):
            out.append(f'<p style="text-align:center;">{t}</p>')
        elif k in ("h1", "h2", "h3"):
            if st.heading == "h":
                n = {"h1": 2, "h2": 3, "h3": 4}[k]
                out.append(f"<h{n}>{t}</h{n}>")
            else:
                out.append(f"{st.para}<strong>{t}</strong></p>")
        elif k == "sig":
            out.append(f'<p style="text-align:right;">{t}</p>')
        elif k == "attach":
            out.append(f'<p style="text-align:left;"><strong>{t}</strong></p>')
        elif k == "caption":
            out.append(f'<p style="text-align:center;font-size:20px;"><strong>{t}</strong></p>')
        elif k in ("addressee", "cc"):
            out.append(f"<p>{t}</p>")
        else:
            if e.bold_lead and "。" in e.text[:40]:
                i = e.text.index("。") + 1
                lead = ("&nbsp;&nbsp;&nbsp;&nbsp;" if st.nbsp_indent else "") + esc(e.text[:i])
                out.append(f"{st.para}<strong>{lead}</strong>{esc(e.text[i:])}</p>")
            else:
                out.append(f"{st.para}{t}</p>")
    return "\n".join(out)


def page_000(doc: Doc, meta: dict) -> str:
    st = HtmlStyle("h", True, 'class="table-bordered" border="1" cellspacing="0" cellpadding="4"',
                   '<p style="text-indent:2em;">')
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(meta['title'])}_意见征集_泰安市科学技术局</title>
<meta name="ArticleTitle" content="{esc(meta['title'])}">
<meta name="ColumnName" content="意见征集">
<link rel="stylesheet" href="/static/css/main.css">
</head>
<body>
<div class="top-bar"><div class="w1200"><span>欢迎访问泰安市科学技术局网站</span>
<a href="/wza/">无障碍</a> | <a href="/en/">English</a> | <a href="javascript:void(0)" class="jt">繁体</a></div></div>
<div class="header"><div class="w1200"><div class="logo"><img src="/static/img/logo.png" alt="泰安市科学技术局"></div>
<form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键字"><button>搜索</button></form></div></div>
<div class="nav"><ul class="w1200">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zcwj/">政策文件</a></li>
<li><a href="/kjdt/">科技动态</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li>
</ul></div>
<div class="w1200 main">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/hdjl/">互动交流</a> &gt; <a href="/hdjl/yjzj/">意见征集</a> &gt; 正文</div>
<div class="article">
<h1 class="article-title">{esc(meta['title'])}（讨论稿）</h1>
<div class="article-info"><span>栏目：意见征集</span><span>浏览次数：<em id="hits">1024</em></span>
<span class="font">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
<div class="article-content" id="zoom">
{body_html(doc, st)}
</div>
<div class="article-tools"><a href="{doc.stem}.docx">【下载Word】</a><a href="{doc.stem}.pdf">【下载PDF】</a><a href="javascript:window.print()">【打印】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="share">分享到：<a class="wx" href="javascript:void(0)">微信</a><a class="wb" href="javascript:void(0)">微博</a><a class="qq" href="javascript:void(0)">QQ空间</a></div>
</div>
</div>
<div class="footer"><div class="w1200">
<p><a href="/about/">关于我们</a> | <a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
<p>主办单位：泰安市科学技术局　地址：山东省泰安市泰山区东岳大街</p>
<p>联系电话：0538-6200000　网站标识码：3709000000　<a href="https://beian.miit.gov.cn/">鲁ICP备00000000号-1</a></p>
<p><img src="/static/img/jiucuo.png" alt="政府网站找错"> 鲁公网安备 37090002000000号</p>
</div></div>
</body>
</html>
"""


def page_001(doc: Doc, meta: dict) -> str:
    st = HtmlStyle("strong", False, 'border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse;"',
                   '<p style="line-height:2;">', nbsp_indent=True)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(meta['title'])}</title>
<style>body{{font-family:"Microsoft YaHei",sans-serif}} .TRS_Editor td{{border:1px solid #000;padding:3px}}</style>
</head>
<body>
<div id="head"><a href="/" class="logo" title="中华人民共和国科学技术部">中华人民共和国科学技术部</a>
<ul id="menu"><li><a href="/">首页</a></li><li><a href="/jgjs/">机构</a></li><li><a href="/xxgk/">信息公开</a></li>
<li><a href="/kjzc/">科技政策</a></li><li><a href="/kjbgz/">科技部工作</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="location">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/xxgk/">信息公开</a> &gt;&gt; <a href="/xxgk/xinxifenlei/fdzdgknr/fgzc/gfxwj/">规范性文件</a></div>
<table class="xxgk-table" width="100%"><tr><td>文号：</td><td>{esc(meta['doc_number'])}</td><td>主题词：</td><td>创新型城市</td></tr></table>
<div class="wenzhang">
<div class="TRS_Editor" id="Zoom">
{body_html(doc, st)}
</div>
</div>
<div class="wz-tools">【<a href="javascript:void(0)" onclick="window.print()">打印</a>】【<a href="javascript:window.close()">关闭窗口</a>】【<a href="{doc.stem}.docx">下载Word</a>】【<a href="{doc.stem}.pdf">下载PDF</a>】</div>
<div class="xglj"><h4>相关链接</h4><ul>
<li><a href="/kjzc/">国家创新驱动发展战略纲要</a></li><li><a href="/kjzc/">国家创新型城市创新能力评价报告</a></li></ul></div>
<div id="foot"><p>版权所有：中华人民共和国科学技术部　<a href="/wzdt/">网站地图</a>　<a href="/lxwm/">联系我们</a></p>
<p>主办单位：中华人民共和国科学技术部　地址：北京市海淀区复兴路乙15号</p>
<p>联系电话：010-58880000　网站标识码：bm06000001　<a href="https://beian.miit.gov.cn/">京ICP备00000000号</a></p></div>
</body>
</html>
"""


def page_002(doc: Doc, meta: dict) -> str:
    st = HtmlStyle("strong", False, 'class="tb"', "<p>")
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="UTF-8">
<title>{esc(meta['title'])}-甘肃招商网络</title>
<meta name="keywords" content="陇南,综合科技进步水平指数,实施方案">
</head>
<body class="news-detail">
<header class="site-header">
<div class="logo"><a href="/">甘肃招商网络</a></div>
<nav class="menu"><a href="/">首页</a><a href="/zhengce/">招商政策</a><a href="/xiangmu/">招商项目</a><a href="/yuanqu/">产业园区</a><a href="/news/">资讯中心</a></nav>
</header>
<div class="crumbs"><a href="/">甘肃招商网络</a>&gt; 正文</div>
<div class="container">
<main class="left">
<h1 class="news-title">陇南市提升综合科技进步水平指数 实施方案</h1>
<div class="news-meta"><span class="time">2024-01-03 00:00</span></div>
<article class="news-body">
{body_html(doc, st)}
</article>
<div class="more"><a href="javascript:void(0)">展开</a></div>
<div class="tools">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
</main>
<aside class="right">
<div class="hotline"><h3>投资咨询热线</h3><p class="tel">400-168-6016</p></div>
<ul class="svc">
<li><a href="/zhengce/">招商引资政策</a></li><li><a href="/tudi/">工业用地信息</a></li>
<li><a href="/changfang/">厂房租购平台</a></li><li><a href="/qita/">其他招商信息</a></li>
</ul>
<div class="kongjian">已为您免费生成了个人网上空间<br>快去查看吧~<br><a href="#">政策下载</a> <a href="#">在线咨询</a> <a href="#">电话沟通</a></div>
<div class="tel2">电话咨询<br>400-115-5265<br><a href="#">免费下载产业扶持资料</a></div>
</aside>
</div>
<footer class="site-footer">
<p>主办单位：甘肃招商网络　联系电话：0939-8200000</p>
<p>网站标识码：6212000000　<a href="https://beian.miit.gov.cn/">陇ICP备00000000号-2</a></p>
</footer>
</body>
</html>
"""


def page_003(doc: Doc, meta: dict) -> str:
    st = HtmlStyle("h", False, 'border="1" cellspacing="0"', '<p class="p-text">', title_break="泰安市人民政府")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(meta['title'])}_市政府文件_泰安市人民政府</title>
<meta name="SiteName" content="泰安市人民政府">
<meta name="PubDate" content="2022-12-07">
</head>
<body>
<div class="g-header">
<div class="g-top"><a href="/">泰安市人民政府</a> <span class="date">今天是：<script>document.write(new Date().toLocaleDateString())</script></span></div>
<ul class="g-nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zcwj/">政策文件</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hygq/">互动交流</a></li><li><a href="/zjta/">走进泰安</a></li></ul>
</div>
<div class="g-body">
<div class="g-side">
<h3>政策文件</h3>
<ul><li><a href="/zcwj/szfwj/">市政府文件</a></li><li><a href="/zcwj/szfbgswj/">市政府办公室文件</a></li><li><a href="/zcwj/zcjd/">政策解读</a></li></ul>
<h3>相关文件</h3>
<ul><li><a href="#">泰安市“十四五”科技创新规划</a></li><li><a href="#">泰安市科技创新奖励办法</a></li></ul>
</div>
<div class="g-main">
<div class="position">您所在的位置：<a href="/">首页</a> » <a href="/zwgk/">政务公开</a> » <a href="/zcwj/">政策文件</a> » 市政府文件</div>
<div class="detail">
<div class="detail-title">{esc(meta['title'])}</div>
<div class="detail-info">发布时间：2022-12-07　来源：泰安市人民政府　文号：{esc(meta['doc_number'])}</div>
<div class="detail-content" id="zoom">
{body_html(doc, st)}
</div>
<div class="detail-down">附件下载：<a href="{doc.stem}.docx">【下载Word】</a> <a href="{doc.stem}.pdf">【下载PDF】</a></div>
<div class="detail-tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭窗口】</a> <a href="javascript:void(0)">【收藏】</a></div>
</div>
</div>
</div>
<div class="g-footer">
<p>泰安市人民政府办公室主办　泰安市大数据中心承办</p>
<p>主办单位：泰安市人民政府办公室　联系电话：0538-6990000</p>
<p>网站标识码：3709000001　<a href="https://beian.miit.gov.cn/">鲁ICP备00000001号</a>　鲁公网安备 37090202000001号</p>
</div>
</body>
</html>
"""


def page_004(doc: Doc, meta: dict) -> str:
    st = HtmlStyle("strong", True, 'class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" align="center" style="border-collapse:collapse;border:none"',
                   '<p class="MsoNormal" style="text-indent:32pt">',
                   span='<span style="font-family:仿宋_GB2312;font-size:16pt">')
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>临沂市人民政府 政策文件 {esc(meta['title'])}</title>
</head>
<body>
<div class="wrap">
<div class="top"><img src="/images/banner.jpg" alt="临沂市人民政府" /></div>
<div class="daohang"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zcwj/">政策文件</a> | <a href="/zwfw/">政务服务</a> | <a href="/hdjl/">政民互动</a> | <a href="/lyly/">魅力临沂</a></div>
<div class="dqwz">当前位置是: <a href="/">首页</a> &gt;&gt; <a href="/zcwj/">政策文件</a> &gt;&gt; <a href="/zcwj/szfwj/">市政府文件</a> &gt;&gt; <a href="/zcwj/szfwj/lzz/">临政字</a> &gt;&gt; 正文</div>
<table class="xxgk_table" width="100%" border="0">
<tr><td class="t1">标题</td><td colspan="3">{esc(meta['title'])}</td></tr>
<tr><td class="t1">索引号</td><td>1585729837/zfb/2022-0000031</td><td class="t1">主题分类</td><td>科技、教育-科技</td></tr>
<tr><td class="t1">发文机关</td><td>临沂市人民政府办公室</td><td class="t1">发文字号</td><td>临政字〔2022〕98号</td></tr>
<tr><td class="t1">成文日期</td><td>2022-10-20</td><td class="t1">发布日期</td><td>2022-10-24</td></tr>
<tr><td class="t1">统一编号</td><td></td><td class="t1">效力状态</td><td></td></tr>
</table>
<div class="content">
<div class="wzy_content" id="zoom">
{body_html(doc, st)}
</div>
<div class="jiedu">文字解读:<a href="#">《临沂市建设国家创新型城市三年行动计划(2022-2024年)》</a></div>
<div class="gongju"><a href="{doc.stem}.docx">【下载Word】</a> <a href="{doc.stem}.pdf">【下载PDF】</a><br />
<a href="javascript:window.close()">【关闭窗口】</a> 【字体: <a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】 <a href="javascript:window.print()">【打印本文】</a></div>
</div>
<div class="bottom">
<p>主办单位：临沂市人民政府办公室　承办：临沂市大数据局</p>
<p>联系电话：0539-8100000　网站标识码：3713000000</p>
<p><a href="https://beian.miit.gov.cn/">鲁ICP备00000002号</a>　鲁公网安备 37130202000002号</p>
</div>
</div>
</body>
</html>
"""


PAGES = {
    "000_66384f2078c7182b": page_000,
    "001_2193336686149f8c": page_001,
    "002_101a49cb13188322": page_002,
    "003_1b4764571c7d463f": page_003,
    "004_53cef2a0b11e33d7": page_004,
}


# --------------------------------------------------------------------------- metadata

METADATA: dict[str, dict] = {
    "000_66384f2078c7182b": {
        "title": "关于推进国家创新型城市建设的意见",
        "issuer": None,
        "doc_number": None,
        "date": None,
        "status": "draft",
        "city": "泰安市",
        "province": "山东省",
        "level": "city",
        "source": "讨论稿 (discussion draft) of 泰安市's opinions on building a national innovative city; "
        "the text names no issuing body and no date (issuer and date null). The final version is 003 "
        "(泰政发〔2022〕13号).",
    },
    "001_2193336686149f8c": {
        "title": "科技部 国家发展改革委关于印发建设创新型城市工作指引的通知",
        "issuer": "科学技术部、国家发展改革委",
        "doc_number": "国科发创〔2016〕370号",
        "date": None,
        "status": "final",
        "city": None,
        "province": None,
        "level": "national",
        "source": "scanned copy received by 云南省科技厅 (收文 stamp dated 2016-12-20, dropped from the "
        "renderings as a page artefact); the notice itself states no signing date. Attachments: "
        "附件1 pilot-city list, 附件2 indicator system with 指标说明.",
    },
    "002_101a49cb13188322": {
        "title": "陇南市提升综合科技进步水平指数实施方案",
        "issuer": None,
        "doc_number": None,
        "date": None,
        "published": "2024-01-03",
        "status": "final",
        "city": "陇南市",
        "province": "甘肃省",
        "level": "city",
        "source": "web page on 甘肃招商网络 (posted 2024-01-03 00:00); the text names the city but no "
        "issuing office, number or signing date.",
    },
    "003_1b4764571c7d463f": {
        "title": "泰安市人民政府关于推进国家创新型城市建设的实施意见",
        "issuer": "泰安市人民政府",
        "doc_number": "泰政发〔2022〕13号",
        "date": "2022-12-07",
        "status": "final",
        "city": "泰安市",
        "province": "山东省",
        "level": "city",
        "source": "official document (红头文件) of 泰安市人民政府 signed 2022-12-07, printed (印发) by "
        "泰安市人民政府办公室 the same day. Final version of the 000 draft.",
    },
    "004_53cef2a0b11e33d7": {
        "title": "临沂市人民政府关于印发《临沂市建设国家创新型城市三年行动计划(2022-2024年)》的通知",
        "issuer": "临沂市人民政府",
        "doc_number": "临政字〔2022〕98号",
        "date": "2022-10-20",
        "published": "2022-10-24",
        "status": "final",
        "city": "临沂市",
        "province": "山东省",
        "level": "city",
        "source": "web page of 临沂市人民政府 (政策文件 > 市政府文件 > 临政字; 成文日期 2022-10-20, "
        "发布日期 2022-10-24); the notice carries the 三年行动计划(2022-2024年) and its 附件.",
    },
}


def table_summary(doc: Doc) -> list[dict]:
    out = []
    for e in doc.tables:
        merged = sum(1 for _r, _c, _t, rs, cs in e.spans() if rs > 1 or cs > 1)
        out.append({"caption": e.caption, "rows": len(e.grid), "cols": e.n_cols,
                    "header_rows": e.header_rows, "merged_cells": merged})
    return out


# --------------------------------------------------------------------------- main


def build(stems: list[str], pdf: bool = True) -> dict:
    meta_all: dict[str, dict] = {}
    meta_path = CORPUS / "metadata.yaml"
    if meta_path.exists():
        meta_all = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    for stem in stems:
        doc = PARSERS[stem](stem)
        meta = dict(METADATA[stem])
        docx_path = CORPUS / f"{stem}.docx"
        write_docx(doc, docx_path, meta["title"])
        if pdf:
            docx_to_pdf(docx_path, CORPUS)
        (CORPUS / f"{stem}.html").write_text(PAGES[stem](doc, meta), encoding="utf-8")
        meta["files"] = [f"{stem}.txt", f"{stem}.docx", f"{stem}.pdf", f"{stem}.html"]
        meta["tables"] = table_summary(doc)
        meta_all[stem] = meta
        print(f"{stem}: {len(doc.elements)} elements, {len(doc.tables)} tables", file=sys.stderr)
    header = (
        "# Facts each seed states about itself, and its renderings. Generated by scripts/build_corpus.py.\n"
        "# date: the document's own date (成文/落款 date) or null if the document does not state it;\n"
        "# published: web publication date where the source page shows one.\n"
    )
    meta_path.write_text(
        header + yaml.safe_dump(dict(sorted(meta_all.items())), allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    return meta_all


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stems", nargs="*", help="seed stems (default: all)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDF export")
    args = ap.parse_args(argv)
    stems = args.stems or sorted(PARSERS)
    build(stems, pdf=not args.no_pdf)


if __name__ == "__main__":
    main()
