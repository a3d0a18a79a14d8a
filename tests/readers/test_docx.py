"""DOCX reader: Word numbering rendered, heading styles, merged cells as spans, page breaks."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from policyparse.errors import CorruptFileError
from policyparse.model import BlockKind
from policyparse.readers import docx as docx_reader
from policyparse.readers.docx import format_number

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIX = ROOT / "tests" / "fixtures"
SEEDS = sorted(p.stem for p in CORPUS.glob("*.txt"))


def _read(path: Path):
    return docx_reader.read_raw(path, path.read_bytes())


def test_auto_numbering_rendered():
    """python-docx does not render Word's list numbering; the reader does (一、 / （一） / 1.)."""
    expected = json.loads((FIX / "docx" / "auto-numbering.json").read_text(encoding="utf-8"))["blocks"]
    doc = _read(FIX / "docx" / "auto-numbering.docx")
    paras = [b for b in doc.blocks if not b.is_table]
    assert [(b.number, "".join(b.lines)) for b in paras] == [(e["number"], e["text"]) for e in expected]
    for b, e in zip(paras, expected, strict=True):
        if e["style"] and e["style"].startswith("Heading"):
            assert b.hint is BlockKind.HEADING and b.level == int(e["style"].split()[-1])
        if e["style"] == "Title":
            assert b.hint is BlockKind.HEADING
    # （一） restarts under each 一、/二、/三、
    numbers = [b.number for b in paras if b.number]
    assert numbers.count("（一）") == 2 and numbers.count("1.") == 2


def test_merged_cells_become_spans():
    doc = _read(FIX / "docx" / "auto-numbering.docx")
    (table,) = [b for b in doc.blocks if b.is_table]
    head, sub = table.rows[0], table.rows[1]
    assert [(c.text, c.rowspan, c.colspan) for c in head] == [
        ("类别", 2, 1), ("指标", 2, 1), ("目标值", 1, 2), ("责任单位", 2, 1),
    ]  # fmt: skip
    assert [c.text for c in sub] == ["2024年", "2026年"]  # covered cells are not emitted
    assert table.rows[2][0].text == "创新投入" and table.rows[2][0].rowspan == 2
    assert len(table.rows[3]) == 4
    assert all(c is not None for r in table.rows for c in r)


@pytest.mark.parametrize("seed", SEEDS)
def test_corpus_docx_reads(seed, raw):
    doc = raw(CORPUS / f"{seed}.docx")
    assert doc.format == "docx" and doc.line_broken is False
    assert len(doc.blocks) > 20
    assert all(b.lines and all("\n" not in ln for ln in b.lines) for b in doc.blocks if not b.is_table)


def test_attachments_on_later_pages(raw):
    """Attachments start with a page break (pageBreakBefore): their blocks get later pages."""
    doc = raw(CORPUS / "000_66384f2078c7182b.docx")
    att = [b for b in doc.blocks if not b.is_table and b.lines[0].startswith("附件")]
    assert [b.page for b in att] == [2, 3] and doc.pages == 3


def test_heading_styles(raw):
    doc = raw(CORPUS / "000_66384f2078c7182b.docx")
    first = doc.blocks[0]
    assert first.hint is BlockKind.HEADING and first.lines == ["关于推进国家创新型城市建设的意见"]
    h = next(b for b in doc.blocks if b.lines == ["一、总体要求"])
    assert h.hint is BlockKind.HEADING and h.level == 1


def test_generated_docx_breaks_nested_tables_and_lines(tmp_path):
    d = docx.Document()
    d.add_paragraph("第一页正文。")
    p = d.add_paragraph("分页前")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("分页后")
    d.add_paragraph("第二页正文，含换行").add_run().add_break()
    d.paragraphs[-1].add_run("第二行")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "外层"
    t.cell(0, 1).text = "多段"
    t.cell(0, 1).add_paragraph("第二段")
    inner = t.cell(1, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内1"
    inner.cell(0, 1).text = "内2"
    t.cell(1, 1).merge(t.cell(0, 1))  # vertical merge
    empty = d.add_paragraph("")
    empty.paragraph_format.space_after = Pt(0)
    path = tmp_path / "gen.docx"
    d.save(path)
    doc = _read(path)
    texts = [(b.page, b.lines) for b in doc.blocks if not b.is_table]
    assert texts[0] == (1, ["第一页正文。"])
    assert texts[1] == (1, ["分页前分页后"])  # the block starts on page 1
    assert texts[2] == (2, ["第二页正文，含换行", "第二行"])
    (table,) = [b for b in doc.blocks if b.is_table]
    assert table.page == 2 and doc.pages == 2
    assert table.rows[0][1].text == "多段\n第二段" and table.rows[0][1].rowspan == 2
    assert len(table.rows[1]) == 1 and "内1 内2" in table.rows[1][0].text


def test_corrupt_docx(tmp_path):
    data = (CORPUS / "003_1b4764571c7d463f.docx").read_bytes()[:5000]
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(CorruptFileError) as e:
        docx_reader.read_raw(path, data)
    assert "broken.docx" in str(e.value)


def test_not_a_zip_named_docx(tmp_path):
    with pytest.raises(CorruptFileError):
        docx_reader.read_raw(tmp_path / "x.docx", b"PK\x03\x04 not really a zip" + bytes(100))


@pytest.mark.parametrize(
    ("n", "fmt", "out"),
    [
        (3, "chineseCounting", "三"), (10, "chineseCounting", "十"), (12, "chineseCountingThousand", "十二"),
        (2, "decimalEnclosedCircle", "②"), (1, "ideographTraditional", "甲"), (4, "decimal", "4"),
        (3, "upperRoman", "III"), (2, "lowerLetter", "b"), (7, "decimalFullWidth", "７"),
        (2, "chineseLegalSimplified", "贰"),
    ],
)  # fmt: skip
def test_format_number(n, fmt, out):
    assert format_number(n, fmt) == out


def test_reads_from_bytes_only(tmp_path):
    """The reader uses the bytes it is given (the path only names the file)."""
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("只在内存中")
    d.save(buf)
    doc = docx_reader.read_raw(tmp_path / "missing.docx", buf.getvalue())
    assert doc.blocks[0].lines == ["只在内存中"]


def test_rendered_page_breaks_counted_once(tmp_path):
    """Word marks where it broke pages (w:lastRenderedPageBreak); after a hard break the mark that
    follows it is the same break."""
    from docx.oxml import OxmlElement

    def lrpb(paragraph, at_start=True):
        run = paragraph.runs[0] if at_start else paragraph.add_run("续")
        run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))

    d = docx.Document()
    d.add_paragraph("第一页。")
    p = d.add_paragraph("硬分页")
    p.add_run().add_break(WD_BREAK.PAGE)
    q = d.add_paragraph("第二页开头。")
    lrpb(q)  # the same break as the hard one
    r = d.add_paragraph("跨页的段落，前半在第二页")
    lrpb(r, at_start=False)  # Word broke the page inside this paragraph
    d.add_paragraph("第三页的段落。")
    path = tmp_path / "rendered.docx"
    d.save(path)
    doc = _read(path)
    assert [(b.page, "".join(b.lines)) for b in doc.blocks] == [
        (1, "第一页。"), (1, "硬分页"), (2, "第二页开头。"), (2, "跨页的段落，前半在第二页续"), (3, "第三页的段落。"),
    ]  # fmt: skip
    assert doc.pages == 3
