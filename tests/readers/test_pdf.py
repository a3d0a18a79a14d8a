"""PDF reader on the corpus renderings (LibreOffice exports of the seeds) and generated PDFs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policyparse.errors import UndecodableGlyphsError
from policyparse.model import BlockKind
from policyparse.readers import pdf as pdf_reader

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIX = ROOT / "tests" / "fixtures"
SEEDS = sorted(p.stem for p in CORPUS.glob("*.txt"))
SEEDS_WITH_TABLES = ["000_66384f2078c7182b", "001_2193336686149f8c", "004_53cef2a0b11e33d7"]
PAGE_NUMBER = re.compile(r"^[—\-–]\s*\d+\s*[—\-–]$")


@pytest.mark.parametrize("seed", SEEDS)
def test_pages_and_format(seed, raw):
    import pypdf

    doc = raw(CORPUS / f"{seed}.pdf")
    assert doc.format == "pdf"
    assert doc.line_broken is True
    assert doc.pages == len(pypdf.PdfReader(CORPUS / f"{seed}.pdf").pages) > 1
    assert all(1 <= b.page <= doc.pages for b in doc.blocks)
    assert [b.page for b in doc.blocks] == sorted(b.page for b in doc.blocks)  # reading order


@pytest.mark.parametrize("seed", SEEDS)
def test_page_number_lines_dropped(seed, raw):
    import pdfplumber

    with pdfplumber.open(CORPUS / f"{seed}.pdf") as pdf:
        last_lines = [p.extract_text_lines()[-1]["text"] for p in pdf.pages[:3]]
    assert any(PAGE_NUMBER.match(t.strip()) for t in last_lines), "the rendering has '— N —' footers"
    doc = raw(CORPUS / f"{seed}.pdf")
    lines = [ln for b in doc.blocks if not b.is_table for ln in b.lines]
    assert not [ln for ln in lines if PAGE_NUMBER.match(ln.strip())]


@pytest.mark.parametrize("seed", SEEDS)
def test_text_same_as_docx(seed, raw, helpers):
    """Every sentence of the DOCX is in the PDF, in order (no page furniture, nothing lost)."""
    assert helpers.body_text(raw(CORPUS / f"{seed}.pdf")) == helpers.body_text(raw(CORPUS / f"{seed}.docx"))


@pytest.mark.parametrize("seed", SEEDS_WITH_TABLES)
def test_tables_same_as_docx(seed, raw, helpers):
    """Attachment tables: same rows, cells, row/column spans as the Word tables they came from,
    although they wrap cells and run across page breaks in the PDF."""
    pdf_tables = helpers.tables(raw(CORPUS / f"{seed}.pdf"))
    docx_tables = helpers.tables(raw(CORPUS / f"{seed}.docx"))
    assert pdf_tables
    assert pdf_tables == docx_tables


def test_seed000_attachment_table_structure(raw):
    doc = raw(CORPUS / "000_66384f2078c7182b.pdf")
    table_blocks = [b for b in doc.blocks if b.is_table]
    assert [len(b.rows) for b in table_blocks] == [31, 57]
    t = table_blocks[0]
    after = doc.blocks[doc.blocks.index(t) + 1]
    assert after.page >= t.page + 2  # the table ran over at least two page breaks, stitched as one
    header = [c.text.replace("\n", "") for c in t.rows[0]]
    assert header == ["一级指标", "二级指标", "序号", "三级指标", "责任单位"]
    first = t.rows[1]
    assert first[0].text.replace("\n", "") == "区域竞争力" and first[0].rowspan == 9
    assert first[1].text == "创新实力" and first[1].rowspan == 3
    assert [len(r) for r in t.rows[1:4]] == [5, 3, 3]  # covered cells are not emitted
    # wrapped cells keep their line breaks for the assembler to join
    assert any("\n" in c.text for r in t.rows for c in r)
    assert all(c is not None and isinstance(c.text, str) for r in t.rows for c in r)
    # the 30 indicators, numbered 1..30, each once, although the table spans three pages
    serials = [c.text for r in t.rows for c in r if re.fullmatch(r"\d+", c.text)]
    assert serials == [str(i) for i in range(1, 31)]


def test_table_across_pages_fixture(raw):
    """LibreOffice splits a row over the page break and repeats the header on page 2."""
    expected = json.loads((FIX / "pdf" / "table-across-pages.json").read_text(encoding="utf-8"))
    doc = raw(FIX / "pdf" / "table-across-pages.pdf")
    assert doc.pages == 2
    tables = [b for b in doc.blocks if b.is_table]
    assert len(tables) == 1
    rows = [[c.text.replace("\n", "") for c in r] for r in tables[0].rows]
    assert rows == expected["rows"]
    # the text after the table is on page 2
    assert doc.blocks[-1].page == 2 and "注" in doc.blocks[-1].lines[0]


def test_heading_hints_from_fonts(raw):
    doc = raw(CORPUS / "001_2193336686149f8c.pdf")
    by_text = {"".join(b.lines).replace(" ", ""): b for b in doc.blocks if not b.is_table}
    assert by_text["一、总体要求"].hint is BlockKind.HEADING
    assert by_text["(二)建设原则。"].hint is BlockKind.HEADING
    # a wrapped centred title stays one block
    assert any(t.startswith("科技部国家发展改革委关于印发建设创新型城市工作指引的通知") for t in by_text)


def test_paragraphs_split_at_indent_and_page_continuation_left_open(raw):
    doc = raw(CORPUS / "000_66384f2078c7182b.pdf")
    blocks = [b for b in doc.blocks if not b.is_table]
    first_para = next(b for b in blocks if b.lines[0].startswith("为深入实施"))
    assert len(first_para.lines) > 1 and first_para.hint is BlockKind.PARAGRAPH
    # page 2 starts mid-sentence ("全市综合科技创新水平指数..." continues page 1's paragraph):
    # no hint, so the assembler may join it; page 1's last block is left open too
    cont = next(b for b in blocks if b.page == 2)
    assert cont.lines[0].startswith("全市综合科技创新") and cont.hint is None
    last_p1 = [b for b in blocks if b.page == 1][-1]
    assert last_p1.hint is None


def test_running_head_and_page_numbers_dropped_body_kept(tmp_path, helpers):
    body = ["本市共有高新技术企业800家。", "第3页的内容在正文中出现时保留。", "到2025年达到1200家。"]
    pages = []
    for n in range(1, 5):
        items = [(250, 40, "XX市人民政府办公室"), (60, 300, body[0]), (60, 330, body[1]),
                 (60, 360, body[2]), (280, 810, f"- {n} -")]
        pages.append(items)
    path = helpers.write_pdf(tmp_path / "heads.pdf", pages, font="STSong-Light")
    doc = pdf_reader.read_raw(path, path.read_bytes())
    lines = [ln for b in doc.blocks for ln in b.lines]
    assert doc.pages == 4
    assert not any("XX市人民政府办公室" in ln for ln in lines)
    assert not any(re.fullmatch(r"-\s*\d\s*-", ln.strip()) for ln in lines)
    assert sum("第3页的内容" in ln for ln in lines) == 4


def test_ruled_table_cells_and_frame_box(tmp_path, helpers):
    """A 2x3 ruled grid becomes a table; a single box around text stays text."""
    xs, ys = [60, 160, 260, 360], [100, 130, 160]
    rects = [(0, x, y, xs[i + 1] - x, ys[j + 1] - y) for i, x in enumerate(xs[:-1]) for j, y in enumerate(ys[:-1])]
    rects.append((0, 50, 300, 300, 40))  # a frame
    items = [(70, 120, "A1"), (170, 120, "B1"), (270, 120, "C1"), (70, 150, "A2"), (170, 150, "B2"),
             (270, 150, "C2"), (60, 325, "Framed note text")]
    path = helpers.write_pdf(tmp_path / "grid.pdf", [items], rects=rects)
    doc = pdf_reader.read_raw(path, path.read_bytes())
    tables = [b for b in doc.blocks if b.is_table]
    assert len(tables) == 1
    assert [[c.text for c in r] for r in tables[0].rows] == [["A1", "B1", "C1"], ["A2", "B2", "C2"]]
    assert any("Framed note text" in ln for b in doc.blocks if not b.is_table for ln in b.lines)


class _FakePage:
    def __init__(self, texts):
        self.chars = [{"text": t} for t in texts]


def test_cid_glyphs_mostly_raise_naming_page():
    page = _FakePage(["(cid:12)"] * 40 + ["中"] * 5)
    with pytest.raises(UndecodableGlyphsError) as e:
        pdf_reader._page_chars(page, Path("x.pdf"), 3, [])
    assert "x.pdf" in str(e.value) and "page 3" in str(e.value)


def test_cid_glyphs_few_replaced_with_warning():
    warnings: list[str] = []
    chars = pdf_reader._page_chars(_FakePage(["中"] * 40 + ["(cid:7)"]), Path("x.pdf"), 2, warnings)
    assert [c["text"] for c in chars].count("\ufffd") == 1
    assert not any(c["text"].startswith("(cid:") for c in chars)
    assert warnings and "page 2" in warnings[0]


def test_repeated_lines_kept_when_they_are_all_the_text(tmp_path, helpers):
    """Lines repeated at the top of every page are running heads, unless they are all there is."""
    pages = [[(72, 60, f"Item {n}: the only line on this page.")] for n in range(1, 6)]
    path = helpers.write_pdf(tmp_path / "only-heads.pdf", pages)
    doc = pdf_reader.read_raw(path, path.read_bytes())
    assert [b.lines for b in doc.blocks] == [[f"Item {n}: the only line on this page."] for n in range(1, 6)]


def test_rotated_watermark_left_out_with_warning(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "watermark.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 12)
    body = ["为深入实施创新驱动发展战略，加快推进国家创新型城市建设，结合我市实际，", "制定本实施意见。"]
    for i, line in enumerate(body):
        c.drawString(72, 700 - 20 * i, line)
    c.saveState()
    c.translate(300, 400)
    c.rotate(45)
    c.setFont("STSong-Light", 48)
    c.drawString(0, 0, "征求意见稿")
    c.restoreState()
    c.save()
    doc = pdf_reader.read_raw(path, path.read_bytes())
    assert [b.lines for b in doc.blocks] == [body]
    assert any("征求意见稿" in w and "rotated" in w for w in doc.warnings)


def test_ragged_right_short_lines_left_to_the_assembler(tmp_path, helpers):
    """In ragged-right text a short line is weak evidence of a paragraph end: no PARAGRAPH hint,
    so the assembler re-joins the sentence."""
    from policyparse.readers import read_document

    lines = ["　　为深入实施创新驱动发展战略，加快推进国家创新型城市建设，", "结合我市实际，制定本",
             "实施意见。到2025年，高新技术企业达到1200家，研发投入强度达到", "2.8%。"]  # fmt: skip
    items = [(60, 100 + 20 * i, t) for i, t in enumerate(lines)]
    path = helpers.write_pdf(tmp_path / "ragged.pdf", [items], font="STSong-Light")
    raw = pdf_reader.read_raw(path, path.read_bytes())
    assert len(raw.blocks) == 2 and all(b.hint is None for b in raw.blocks)
    doc = read_document(path)
    assert "制定本实施意见。" in doc.text
