"""The committed corpus renderings (scripts/build_corpus.py) and reader fixtures
(scripts/make_bad_fixtures.py) are complete and are what the build script meant them to be."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
import yaml
from bs4 import BeautifulSoup
from docx.oxml.ns import qn

from script_modules import load_script

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIX = ROOT / "tests" / "fixtures"
SEEDS = sorted(p.stem for p in CORPUS.glob("*.txt"))
REQUIRED_KEYS = {"title", "issuer", "doc_number", "date", "status", "city", "province", "level", "source", "files"}


@pytest.fixture(scope="module")
def build():
    return load_script("build_corpus")


@pytest.fixture(scope="module")
def metadata() -> dict:
    return yaml.safe_load((CORPUS / "metadata.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed(build) -> dict:
    return {stem: build.PARSERS[stem](stem) for stem in SEEDS}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def docx_text(path: Path) -> str:
    """All paragraph and cell text of a DOCX body, in document order."""
    body = docx.Document(str(path)).element.body
    parts = []
    for el in body.iterchildren():
        if el.tag in (qn("w:p"), qn("w:tbl")):
            parts.extend(t.text or "" for t in el.iter(qn("w:t")))
    return "".join(parts)


def pdf_pages_text(path: Path) -> list[str]:
    with pdfplumber.open(str(path)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def test_five_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("stem", SEEDS)
def test_every_seed_has_its_four_renderings(stem: str, metadata: dict) -> None:
    for ext in ("txt", "docx", "pdf", "html"):
        f = CORPUS / f"{stem}.{ext}"
        assert f.is_file() and f.stat().st_size > 1000, f
    assert metadata[stem]["files"] == [f"{stem}.{ext}" for ext in ("txt", "docx", "pdf", "html")]


@pytest.mark.parametrize("stem", SEEDS)
def test_metadata_entry(stem: str, metadata: dict) -> None:
    m = metadata[stem]
    assert set(m) >= REQUIRED_KEYS, REQUIRED_KEYS - set(m)
    assert m["title"] and m["source"]
    assert m["status"] in ("draft", "final")
    assert m["level"] in ("city", "national")
    if m["date"] is not None:
        dt.date.fromisoformat(str(m["date"]))
    if m["level"] == "city":
        assert m["city"].endswith("市") and m["province"].endswith("省")
    # the title is stated in the seed (modulo the line breaks / spaces of the extraction)
    seed = squash((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))
    assert squash(m["title"]) in seed or squash(m["title"]).replace("科技部国家发展改革委", "") in seed


def test_metadata_facts(metadata: dict) -> None:
    assert set(metadata) == set(SEEDS)
    by_number = {m["doc_number"]: stem for stem, m in metadata.items() if m["doc_number"]}
    assert by_number == {
        "国科发创〔2016〕370号": "001_2193336686149f8c",
        "泰政发〔2022〕13号": "003_1b4764571c7d463f",
        "临政字〔2022〕98号": "004_53cef2a0b11e33d7",
    }
    assert metadata["000_66384f2078c7182b"]["status"] == "draft"
    assert metadata["001_2193336686149f8c"]["level"] == "national"
    assert metadata["002_101a49cb13188322"]["province"] == "甘肃省"
    assert str(metadata["003_1b4764571c7d463f"]["date"]) == "2022-12-07"
    assert str(metadata["004_53cef2a0b11e33d7"]["date"]) == "2022-10-20"
    for stem, m in metadata.items():  # every stated date appears in the seed text
        if m["date"]:
            y, mo, d = str(m["date"]).split("-")
            assert f"{int(y)}年{int(mo)}月{int(d)}日" in (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- DOCX


@pytest.mark.parametrize("stem", SEEDS)
def test_docx_tables_match_build_intent(stem: str, parsed: dict, metadata: dict) -> None:
    d = docx.Document(str(CORPUS / f"{stem}.docx"))
    intended = parsed[stem].tables
    assert len(d.tables) == len(intended) == len(metadata[stem]["tables"])
    for t_docx, t_int, t_meta in zip(d.tables, intended, metadata[stem]["tables"], strict=True):
        assert t_docx.style.name == "Table Grid"
        assert len(t_docx.rows) == len(t_int.grid) == t_meta["rows"]
        assert len(t_docx.columns) == t_int.n_cols == t_meta["cols"]
        # merged cells: one w:vMerge restart / w:gridSpan per intended span
        tbl = t_docx._tbl
        restarts = [v for v in tbl.iter(qn("w:vMerge")) if v.get(qn("w:val")) == "restart"]
        spans = [g for g in tbl.iter(qn("w:gridSpan")) if int(g.get(qn("w:val"))) > 1]
        n_v = sum(1 for *_x, rs, _cs in t_int.spans() if rs > 1)
        n_h = sum(1 for *_x, _rs, cs in t_int.spans() if cs > 1)
        assert len(restarts) == n_v
        assert len(spans) >= n_h
        # header row repeats on each page
        assert t_docx.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_docx_merged_category_cells() -> None:
    t = docx.Document(str(CORPUS / "000_66384f2078c7182b.docx")).tables[0]
    # 区域竞争力 covers indicators 1-9: one merged cell over 9 body rows
    first = t.cell(1, 0)
    assert first.text == "区域竞争力"
    assert t.cell(9, 0)._tc is first._tc
    assert t.cell(10, 0).text == "区域创新能力"
    assert t.cell(2, 1)._tc is t.cell(1, 1)._tc  # 创新实力 over rows 1-3
    assert t.cell(1, 3).text == "综合科技进步水平指数"


@pytest.mark.parametrize("stem", SEEDS)
def test_docx_text_is_the_repaired_seed(stem: str, parsed: dict) -> None:
    text = squash(docx_text(CORPUS / f"{stem}.docx"))
    build = load_script("build_corpus")
    lines = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
    seed = squash("\n".join(build.delatex(ln) for ln in lines))
    pieces = [squash(t) for t in parsed[stem].body_texts() if t]
    assert "".join(pieces) == text
    for piece in pieces:  # every paragraph / cell is seed text (titles: line breaks removed)
        assert piece in seed or piece.replace("科技部国家发展改革委", "") in seed, piece[:40]
    # nav chrome stays out of the DOCX
    for chrome in ("甘肃招商网络", "当前位置", "【下载Word】", "投资咨询热线", "收文顺序号"):
        assert chrome not in text


def test_docx_broken_lines_are_repaired() -> None:
    text = docx_text(CORPUS / "003_1b4764571c7d463f.docx")
    assert "坚持“一事一议”“特事特办”" in text
    assert "健全完善企业化管理的法人治理机制和以市场化为导向的运营管理机制" in text
    t001 = docx_text(CORPUS / "001_2193336686149f8c.docx")
    assert "企业科技成果转移转化" in t001
    assert "计算公式： (国家高新技术产业开发区营业总收入/地区 GDP) × 100%" in t001


@pytest.mark.parametrize("stem", SEEDS)
def test_docx_has_page_footer_and_cjk_font(stem: str) -> None:
    d = docx.Document(str(CORPUS / f"{stem}.docx"))
    footer = d.sections[0].footer._element
    assert any("PAGE" in (i.text or "") for i in footer.iter(qn("w:instrText")))
    fonts = {f.get(qn("w:eastAsia")) for f in d.element.body.iter(qn("w:rFonts"))}
    assert fonts & {"Noto Serif CJK SC", "Noto Sans CJK SC"}


def test_docx_headings_and_attachments() -> None:
    d = docx.Document(str(CORPUS / "000_66384f2078c7182b.docx"))
    h1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert h1[0] == "一、总体要求" and len(h1) == 8
    items = [p.text for p in d.paragraphs if re.match(r"^\d+\.", p.text)]
    assert len(items) == 27
    attach = [p for p in d.paragraphs if p.text in ("附件1", "附件2")]
    assert len(attach) == 2 and all(p.paragraph_format.page_break_before for p in attach)


# --------------------------------------------------------------------------- PDF


@pytest.mark.parametrize("stem", SEEDS)
def test_pdf_pages_and_text_layer(stem: str, metadata: dict) -> None:
    pages = pdf_pages_text(CORPUS / f"{stem}.pdf")
    assert len(pages) > 1
    full = "".join(pages)
    assert "(cid:" not in full
    title = squash(metadata[stem]["title"])
    assert title in squash(full)
    assert re.search(r"—\s*2\s*—", pages[1]), "page-number footer"


@pytest.mark.parametrize("stem", SEEDS)
def test_pdf_tables_found(stem: str, metadata: dict) -> None:
    n_intended = len(metadata[stem]["tables"])
    with pdfplumber.open(str(CORPUS / f"{stem}.pdf")) as pdf:
        found = [t for p in pdf.pages for t in p.extract_tables()]
    if n_intended:
        assert len(found) >= n_intended
    else:
        assert not found


def test_pdf_attachment_starts_new_page() -> None:
    pages = pdf_pages_text(CORPUS / "000_66384f2078c7182b.pdf")
    starts = [i for i, p in enumerate(pages) if squash(p).startswith("附件1")]
    assert len(starts) == 1 and starts[0] > 0
    assert "附件1" not in squash(pages[starts[0] - 1])


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize("stem", SEEDS)
def test_html_chrome_and_body(stem: str, parsed: dict) -> None:
    raw = (CORPUS / f"{stem}.html").read_bytes()
    assert re.search(rb"<meta[^>]+charset=\"?utf-8", raw, re.I)
    soup = BeautifulSoup(raw.decode("utf-8"), "html.parser")
    page = soup.get_text()
    for chrome in ("首页", "主办单位", "网站标识码", "ICP备", "联系电话", "打印"):
        assert chrome in page, chrome
    assert re.search(r"联系电话：0\d{2,3}-\d{7,8}", page)
    body = soup.find(id=re.compile("^(zoom|Zoom)$")) or soup.find("article")
    assert body is not None
    body_text = squash(body.get_text())
    for piece in parsed[stem].body_texts():
        assert squash(piece) in body_text, piece[:40]
    # chrome is outside the article body
    assert "网站标识码" not in body_text and "首页" not in body_text
    tables = body.find_all("table")
    assert len(tables) == len(parsed[stem].tables)
    for t_html, t_int in zip(tables, parsed[stem].tables, strict=True):
        assert len(t_html.find_all("tr")) == len(t_int.grid)
        has_v = any(rs > 1 for *_x, rs, _cs in t_int.spans())
        assert bool(t_html.find(attrs={"rowspan": True})) == has_v


def test_html_pages_differ_in_structure() -> None:
    classes = set()
    for stem in SEEDS:
        soup = BeautifulSoup((CORPUS / f"{stem}.html").read_text(encoding="utf-8"), "html.parser")
        body = soup.find(id=re.compile("^(zoom|Zoom)$")) or soup.find("article")
        classes.add((body.name, tuple(body.get("class") or ())))
    assert len(classes) == 5


# --------------------------------------------------------------------------- reader fixtures


BAD = FIX / "bad"


def test_bad_fixtures_present_and_small() -> None:
    names = {"corrupt.pdf", "encrypted.pdf", "empty.pdf", "scanned.pdf", "really_docx.pdf",
             "undecodable.txt", "gbk.txt", "big5_traditional.txt"}
    assert names <= {p.name for p in BAD.iterdir()}
    for p in [*BAD.iterdir(), *(FIX / "pdf").iterdir(), *(FIX / "docx").iterdir()]:
        assert p.stat().st_size < 200_000, p
    assert (BAD / "empty.pdf").stat().st_size == 0


def test_bad_fixture_properties() -> None:
    from pypdf import PdfReader

    assert (BAD / "corrupt.pdf").read_bytes().startswith(b"%PDF")
    assert b"%%EOF" not in (BAD / "corrupt.pdf").read_bytes()
    enc = PdfReader(str(BAD / "encrypted.pdf"))
    assert enc.is_encrypted
    assert enc.decrypt("policyparse")
    assert "泰安市人民政府" in enc.pages[0].extract_text()
    with pdfplumber.open(str(BAD / "scanned.pdf")) as pdf:
        assert len(pdf.pages) == 1
        assert not (pdf.pages[0].extract_text() or "").strip()
        assert pdf.pages[0].images
    assert zipfile.is_zipfile(BAD / "really_docx.pdf")
    assert "word/document.xml" in zipfile.ZipFile(BAD / "really_docx.pdf").namelist()
    raw = (BAD / "undecodable.txt").read_bytes()
    assert b"\x00" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    gbk = (BAD / "gbk.txt").read_bytes()
    assert gbk.decode("gb18030").startswith("关于推进国家创新型城市建设的意见")
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    big5 = (BAD / "big5_traditional.txt").read_bytes().decode("big5")
    assert "創新驅動發展戰略" in big5 and "國家創新型城市" in big5


def test_table_across_pages_fixture() -> None:
    import json

    expected = json.loads((FIX / "pdf" / "table-across-pages.json").read_text(encoding="utf-8"))
    with pdfplumber.open(str(FIX / "pdf" / "table-across-pages.pdf")) as pdf:
        assert len(pdf.pages) >= 2
        per_page = [p.extract_tables() for p in pdf.pages]
    assert per_page[0] and per_page[1], "the table is on both pages"
    rows = [r for tables in per_page for t in tables for r in t]
    data = [r for r in rows if r[0] != "序号"]
    assert [r[0] for r in data if r[0]] == [r[0] for r in expected["rows"][1:]]
    # the LibreOffice export splits one row over the page break: its continuation has no 序号
    assert any(not r[0] for r in data)
    assert any("\n" in (c or "") for r in data for c in r), "wrapped cells"
    assert [squash(c or "") for c in data[-1]] == [squash(c) for c in expected["rows"][-1]]


def test_auto_numbering_fixture() -> None:
    import json

    path = FIX / "docx" / "auto-numbering.docx"
    expected = json.loads((FIX / "docx" / "auto-numbering.json").read_text(encoding="utf-8"))
    d = docx.Document(str(path))
    numbered = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    exp_numbered = [b for b in expected["blocks"] if b["number"]]
    assert len(numbered) == len(exp_numbered)
    for p, b in zip(numbered, exp_numbered, strict=True):
        assert p.text == b["text"]  # the number is not in the text
        assert not re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", p.text)
    fmts = {lvl.find(qn("w:numFmt")).get(qn("w:val")) for lvl in d.part.numbering_part.element.iter(qn("w:lvl"))}
    assert "chineseCounting" in fmts
    t = d.tables[0]
    assert any(int(g.get(qn("w:val"))) > 1 for g in t._tbl.iter(qn("w:gridSpan")))
    assert any(v.get(qn("w:val")) == "restart" for v in t._tbl.iter(qn("w:vMerge")))
    assert t.cell(0, 2).text == "目标值" and t.cell(0, 3)._tc is t.cell(0, 2)._tc


def test_make_long_pdf(tmp_path: Path) -> None:
    make = load_script("make_bad_fixtures")
    out = make.make_long_pdf(tmp_path / "long.pdf", pages=200)
    with pdfplumber.open(str(out)) as pdf:
        assert len(pdf.pages) == 200
        first = pdf.pages[0].extract_text()
        assert "国家创新型城市建设资料汇编" in first and "(cid:" not in first
        assert pdf.pages[9].extract_tables()


EVAL_DIRS = (CORPUS / "heldout", CORPUS / "unseen", CORPUS / "unseen2")
EVAL_STEMS = [(d, p.stem) for d in EVAL_DIRS for p in sorted(d.glob("*.txt"))]


@pytest.mark.parametrize(("folder", "stem"), EVAL_STEMS, ids=lambda x: getattr(x, "name", x))
def test_evaluation_plans_have_renderings_and_metadata(folder: Path, stem: str) -> None:
    """Each evaluation plan: four renderings on disk, listed in its folder's metadata.yaml, whose
    facts the metadata reader finds in every rendering."""
    from policyparse.readers import read_document

    meta = yaml.safe_load((folder / "metadata.yaml").read_text(encoding="utf-8"))[stem]
    assert meta["files"] == [f"{stem}.{ext}" for ext in ("txt", "docx", "pdf", "html")]
    for name in meta["files"]:
        m = read_document(folder / name).metadata
        assert (m.doc_number, m.date, m.city, m.province) == (meta["doc_number"], str(meta["date"]), meta["city"],
                                                              meta["province"]), name
