"""OCR of PDF pages without a usable text layer (readers/pdf_ocr.py, the ``ocr`` extra).

The fixture ``tests/fixtures/pdf/ocr-scanned-page1.pdf`` (scripts/make_ocr_fixtures.py) is page 1
of ``corpus/000_66384f2078c7182b.pdf`` rendered at 2x and wrapped as an image-only PDF; its
reference is the same page copied with its text layer (made here, in a temporary folder).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from policyparse.errors import UndecodableGlyphsError
from policyparse.readers import pdf as pdf_reader
from policyparse.readers import pdf_ocr, read_document, read_raw

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ROOT / "tests" / "fixtures" / "pdf" / "ocr-scanned-page1.pdf"
SOURCE = ROOT / "corpus" / "000_66384f2078c7182b.pdf"
MAX_CER = 0.02

needs_ocr = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr_onnxruntime") is None,
    reason='OCR extra not installed (pip install -e ".[ocr]" installs rapidocr-onnxruntime)',
)


@pytest.fixture(autouse=True)
def _ocr_on(monkeypatch):
    monkeypatch.delenv("POLICYPARSE_OCR", raising=False)


@pytest.fixture(scope="module")
def text_page(tmp_path_factory) -> Path:
    """Page 1 of the corpus PDF with its text layer: what the scan must read back."""
    import pypdfium2 as pdfium

    out = tmp_path_factory.mktemp("ocr") / "text-layer-page1.pdf"
    new = pdfium.PdfDocument.new()
    new.import_pages(pdfium.PdfDocument(str(SOURCE)), [0])
    new.save(str(out))
    return out


@pytest.fixture(scope="module")
def scanned_doc():
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        pytest.skip("OCR extra not installed")
    return read_document(SCANNED)


def _facts(d: dict) -> list[tuple]:
    return sorted((t["indicator"], t["value"], t["unit"], t["comparator"], t["year"]) for t in d["targets"])


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: Levenshtein distance / reference length, whitespace removed."""
    from rapidfuzz.distance import Levenshtein

    ref, hyp = re.sub(r"\s+", "", reference), re.sub(r"\s+", "", hypothesis)
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)


# --------------------------------------------------------------------------- no engine needed


def test_boxes_grouped_into_lines_in_reading_order():
    # (text, x0, x1, top, bottom, score), shuffled; two boxes on the second line, far apart
    boxes = [
        ("第二行右", 300, 400, 52, 68, 0.9),
        ("第一行", 80, 500, 20, 36, 0.99),
        ("第二行左", 80, 200, 50, 66, 0.95),
        ("一3一", 280, 320, 800, 814, 0.8),
    ]
    lines = pdf_ocr.group_lines(boxes)
    assert [ln.text for ln in lines] == ["第一行", "第二行左 第二行右", "— 3 —"]
    assert lines[1].confidence == 0.9 and lines[1].x0 == 80 and lines[1].x1 == 400
    assert len({ln.size for ln in lines[:2]}) == 1  # one paragraph size despite box heights


def test_grid_with_merged_cells_found_in_an_image():
    pytest.importorskip("cv2", reason='the grid finder needs OpenCV, part of the OCR extra (pip install -e ".[ocr]")')
    import numpy as np

    img = np.full((400, 600), 255, np.uint8)
    for y in (50, 150, 250, 350):
        img[y - 1 : y + 1, 50:550] = 0
    for x in (50, 550):
        img[50:350, x - 1 : x + 1] = 0
    img[50:150, 299:301] = 0  # row 1: one inner rule at x=300
    img[150:350, 199:201] = 0  # rows 2-3: a rule at x=200
    img[150:250, 399:401] = 0  # row 2 only: a rule at x=400
    (t,) = pdf_ocr.find_tables(img, scale=1.0)
    assert len(t.xs) == 5 and len(t.ys) == 4  # columns at every rule: 50, 200, 300, 400, 550
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in t.cells}
    assert spans[(0, 0)] == (1, 2) and spans[(0, 2)] == (1, 2)  # no rule at 200 / 400 in row 1
    assert spans[(1, 1)] == (1, 2) and spans[(2, 1)] == (1, 3)


def test_ocr_turned_off_by_environment(monkeypatch):
    monkeypatch.setenv("POLICYPARSE_OCR", "0")
    assert not pdf_ocr.enabled()


def test_undecodable_page_without_ocr_says_how(monkeypatch, text_page):
    def garbage(page, path, number, warnings):
        raise UndecodableGlyphsError(path, f"page {number}: glyphs are undecodable (cid:N)")

    monkeypatch.setattr(pdf_reader, "_page_chars", garbage)
    monkeypatch.setattr(pdf_ocr, "installed", lambda: False)
    with pytest.raises(UndecodableGlyphsError) as e:
        read_raw(text_page)
    assert 'pip install -e ".[ocr]"' in e.value.reason


# --------------------------------------------------------------------------- with the engine


@needs_ocr
def test_scanned_page_is_read_by_ocr(scanned_doc):
    doc = scanned_doc
    assert doc.ocr_pages == (1,)
    assert "page 1 read by OCR (no text layer)" in doc.warnings
    assert doc.metadata.title == "关于推进国家创新型城市建设的意见"
    text_blocks = [b for b in doc.blocks if b.rows is None]
    assert text_blocks and all(b.confidence is not None and 0 < b.confidence <= 1 for b in text_blocks)
    for b in text_blocks:
        x0, top, x1, bottom = b.bbox
        assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842
        assert doc.text[b.start : b.end] == b.text  # offsets index `policyparse text` exactly
    tops = [b.bbox[1] for b in text_blocks]
    assert tops == sorted(tops)  # reading order: top to bottom
    assert "— 1 —" not in doc.text  # the page number (OCR'd as 一1一) went with the running lines
    d = doc.to_dict()
    assert d["ocr_pages"] == [1] and "ocr" in d["blocks"][0]


@needs_ocr
def test_ocr_text_close_to_text_layer(scanned_doc, text_page):
    rate = cer(read_document(text_page).text, scanned_doc.text)
    print(f"\nOCR character error rate against the text layer: {rate:.2%}")
    assert rate <= MAX_CER


@needs_ocr
def test_scanned_page_extracts_the_text_layer_targets(scanned_doc, text_page):
    from policyparse.extract import extract_document

    ocr = extract_document(scanned_doc)
    ref = extract_document(read_document(text_page))
    assert len(ref["targets"]) >= 4
    assert _facts(ocr) == _facts(ref)
    assert ocr["document"]["ocr_pages"] == [1] and "ocr_pages" not in ref["document"]
    assert all("ocr" in t["flags"] for t in ocr["targets"])
    assert not any("ocr" in t["flags"] for t in ref["targets"])
    quotes = [(t["source"]["page"], re.sub(r"\s+", "", t["source"]["text"])) for t in ocr["targets"]]
    assert sorted(quotes) == sorted((t["source"]["page"], re.sub(r"\s+", "", t["source"]["text"])) for t in ref["targets"])
    for t in ocr["targets"]:  # the quote is the document's text at start:end (normalised there)
        s = t["source"]
        assert re.sub(r"\s+", "", scanned_doc.text[s["start"] : s["end"]]).replace("(", "（").replace(")", "）") \
            == s["text"].replace(" ", "").replace("(", "（").replace(")", "）")


@needs_ocr
def test_undecodable_page_is_read_by_ocr(monkeypatch, text_page):
    def garbage(page, path, number, warnings):
        raise UndecodableGlyphsError(path, f"page {number}: glyphs are undecodable (cid:N)")

    monkeypatch.setattr(pdf_reader, "_page_chars", garbage)
    raw = read_raw(text_page)
    assert raw.ocr_pages == [1]
    assert "page 1 read by OCR (its text is undecodable (cid:N) glyphs)" in raw.warnings
    assert any("全社会研发" in ln for b in raw.blocks for ln in b.lines)


def test_scanned_page_refused_without_ocr(monkeypatch):
    from policyparse.errors import NoTextLayerError

    monkeypatch.setenv("POLICYPARSE_OCR", "0")
    with pytest.raises(NoTextLayerError) as e:
        read_raw(SCANNED)
    assert "OCR it first" in e.value.reason


@needs_ocr
def test_ruled_table_in_a_scan_becomes_a_table(tmp_path):
    """Page 4 of corpus/004 (the 7-indicator target table), rasterised at 2x: the grid is found
    from the rules in the image and the table extracts the text-layer page's targets."""
    import pypdfium2 as pdfium

    from policyparse.extract import extract_document

    src = pdfium.PdfDocument(str(ROOT / "corpus" / "004_53cef2a0b11e33d7.pdf"))
    text_page = tmp_path / "t4.pdf"
    new = pdfium.PdfDocument.new()
    new.import_pages(src, [3])
    new.save(str(text_page))
    scan = tmp_path / "s4.pdf"
    page = src[3]
    page.render(scale=2).to_pil().convert("L").save(str(scan), "PDF", resolution=144, quality=50)
    ocr_doc, ref_doc = read_document(scan), read_document(text_page)
    (ocr_table,) = [b for b in ocr_doc.blocks if b.rows]
    (ref_table,) = [b for b in ref_doc.blocks if b.rows]
    assert [[c.text for c in r] for r in ocr_table.rows] == [[c.text for c in r] for r in ref_table.rows]
    assert ocr_table.confidence is not None and len(ocr_table.bbox) == 4
    assert ocr_doc.text[ocr_table.start : ocr_table.end] == ocr_table.text
    ocr, ref = extract_document(ocr_doc), extract_document(ref_doc)
    assert len(ref["targets"]) >= 6 and _facts(ocr) == _facts(ref)
    assert all("ocr" in t["flags"] for t in ocr["targets"])


def test_no_ocr_switch_api_and_cli():
    from typer.testing import CliRunner

    from policyparse import api
    from policyparse.cli import app
    from policyparse.errors import NoTextLayerError

    with pytest.raises(NoTextLayerError):
        api.extract(SCANNED, ocr=False)
    assert "POLICYPARSE_OCR" not in __import__("os").environ  # the setting is restored
    result = CliRunner().invoke(app, ["extract", "--no-ocr", str(SCANNED)])
    assert result.exit_code == 2 and "NoTextLayerError" in result.stderr


@needs_ocr  # without the extra the page is refused anyway, so the switch would change nothing
def test_no_ocr_on_every_reading_command(tmp_path):
    """``--no-ocr`` (and ``ocr=False``) on text, blocks, read and run: the scanned page is refused,
    saying OCR is off, and the environment is restored afterwards."""
    import shutil

    from typer.testing import CliRunner

    from policyparse import api
    from policyparse.cli import app
    from policyparse.errors import NoTextLayerError

    for fn in (api.text, api.blocks, api.read_document):
        with pytest.raises(NoTextLayerError, match="turned off"):
            fn(SCANNED, ocr=False)
    assert "POLICYPARSE_OCR" not in __import__("os").environ
    runner = CliRunner()
    for cmd in ("text", "blocks"):
        result = runner.invoke(app, [cmd, "--no-ocr", str(SCANNED)])
        assert result.exit_code == 2 and "NoTextLayerError" in result.stderr, cmd
    result = runner.invoke(app, ["read", "--no-ocr", str(SCANNED)])
    assert result.exit_code == 1 and "NoTextLayerError" in result.stdout and "turned off" in result.stdout
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SCANNED, corpus / "scan.pdf")
    shutil.copy(SOURCE, corpus / "text.pdf")
    result = runner.invoke(app, ["run", "--no-ocr", "--no-progress", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    summary = __import__("json").loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    (failure,) = summary["ingest"]["failures"]
    assert failure["path"].endswith("scan.pdf") and failure["error"] == "NoTextLayerError"
    assert "turned off" in failure["reason"] and summary["ingest"]["documents"] == 1


# --------------------------------------------------------------------------- images on text pages

TABLE_IMAGE = ROOT / "tests" / "fixtures" / "pdf" / "ocr-table-image-page4.pdf"
TABLE_SOURCE = ROOT / "corpus" / "004_53cef2a0b11e33d7.pdf"


@pytest.fixture(scope="module")
def table_text_page(tmp_path_factory) -> Path:
    """Page 4 of corpus/004 with its text layer (the 7-indicator target table as text)."""
    import pypdfium2 as pdfium

    out = tmp_path_factory.mktemp("ocr") / "text-layer-page4.pdf"
    new = pdfium.PdfDocument.new()
    new.import_pages(pdfium.PdfDocument(str(TABLE_SOURCE)), [3])
    new.save(str(out))
    return out


def test_text_images_size_threshold():
    page_w, page_h = 595.0, 842.0
    chars = [{"x0": 100, "x1": 112, "top": 710, "bottom": 722, "text": c} for c in "盖章日期已"]
    images = [
        {"x0": 77, "x1": 523, "top": 299, "bottom": 440},  # a table picture: kept
        {"x0": 50, "x1": 80, "top": 50, "bottom": 80},  # a 30 pt logo: below MIN_IMAGE_SIDE
        {"x0": 80, "x1": 500, "top": 500, "bottom": 530},  # a 30 pt high strip: below MIN_IMAGE_SIDE
        {"x0": 80, "x1": 200, "top": 560, "bottom": 620},  # 120 x 60 pt: 1.4 % of the page, < 2 %
        {"x0": 90, "x1": 220, "top": 650, "bottom": 780},  # a seal over text-layer characters
        {"x0": 300, "x1": 450, "top": 300, "bottom": 420},  # overlaps the first: merged into it
    ]
    assert pdf_ocr.text_images(images, chars, page_w, page_h) == [(77.0, 299.0, 523.0, 440.0)]
    assert pdf_ocr.text_images([{"x0": -10, "x1": 700, "top": 0, "bottom": 900}], [], page_w, page_h) == [
        (0.0, 0.0, page_w, page_h)  # clipped to the page
    ]


def test_table_image_fixture_keeps_the_text_layer_elsewhere(monkeypatch, table_text_page):
    """Without OCR the committed fixture reads as page 4 of corpus/004 minus its table: the font
    programs were stripped, the text layer was not touched (offsets of that text are unchanged)."""
    monkeypatch.setenv("POLICYPARSE_OCR", "0")
    doc, ref = read_document(TABLE_IMAGE), read_document(table_text_page)
    assert not [b for b in doc.blocks if b.rows] and [b for b in ref.blocks if b.rows]
    assert [b.text for b in doc.blocks] == [b.text for b in ref.blocks if not b.rows]
    assert not doc.ocr_image_pages and doc.ocr_seconds == 0
    assert not any("OCR" in w for w in doc.warnings)
    from policyparse.extract import extract_document

    assert extract_document(doc)["targets"] == []  # the targets are only in the picture


@pytest.fixture(scope="module")
def table_image_doc():
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        pytest.skip("OCR extra not installed")
    return read_document(TABLE_IMAGE)


@needs_ocr
def test_table_image_on_text_page_is_read(table_image_doc, table_text_page):
    """The target table pasted as a picture into the text page is OCR'd and becomes a table at the
    picture's place: same rows, same targets as the text-layer original, flagged ``ocr``."""
    from policyparse.extract import extract_document

    doc, ref = table_image_doc, read_document(table_text_page)
    assert doc.ocr_pages == () and doc.ocr_image_pages == (1,) and doc.ocr_seconds > 0
    assert "page 1: 1 image(s) read by OCR" in doc.warnings
    (table,) = [b for b in doc.blocks if b.rows]
    (ref_table,) = [b for b in ref.blocks if b.rows]
    assert [[c.text for c in r] for r in table.rows] == [[c.text for c in r] for r in ref_table.rows]
    assert [b.kind for b in doc.blocks] == [b.kind for b in ref.blocks]  # the table at the image's place
    x0, top, x1, bottom = table.bbox
    assert 70 < x0 < x1 < 530 and 295 < top < bottom < 445 and 0 < table.confidence <= 1
    assert all(b.confidence is None for b in doc.blocks if not b.rows)  # the rest is the text layer
    for b in doc.blocks:  # offsets index `policyparse text` exactly
        assert doc.text[b.start : b.end] == b.text
        for row in b.rows or ():
            for c in row:
                assert doc.text[c.start : c.end] == c.text
    rate = cer(ref_table.text, table.text)
    print(f"\nOCR character error rate of the table picture: {rate:.2%}")
    assert rate <= MAX_CER
    ocr, want = extract_document(doc), extract_document(ref)
    assert len(want["targets"]) >= 6
    assert sorted((t["indicator"], t["value"], t["unit"], t["year"]) for t in ocr["targets"]) == sorted(
        (t["indicator"], t["value"], t["unit"], t["year"]) for t in want["targets"]
    )
    assert _facts(ocr) == _facts(want)
    assert all("ocr" in t["flags"] for t in ocr["targets"])
    assert ocr["document"]["ocr_image_pages"] == [1] and "ocr_pages" not in ocr["document"]
    for t in ocr["targets"]:
        s = t["source"]
        assert doc.block_at(s["start"]) is table and doc.text[s["start"] : s["end"]].strip()
    assert doc.to_dict()["ocr_image_pages"] == [1]


@needs_ocr
def test_text_layer_facts_beside_an_ocr_image_are_not_flagged(table_image_doc):
    doc = table_image_doc
    (table,) = [b for b in doc.blocks if b.rows]
    body = next(b for b in doc.blocks if not b.rows)
    assert doc.ocr_confidence(table.rows[1][1].start, table.rows[1][1].end) is not None
    assert doc.ocr_confidence(body.start, body.end) is None


@needs_ocr
def test_no_ocr_leaves_images_on_text_pages_alone(monkeypatch):
    from policyparse import api

    doc = api.read_document(TABLE_IMAGE, ocr=False)
    assert not doc.ocr_image_pages and not [b for b in doc.blocks if b.rows]
    assert api.extract(TABLE_IMAGE, ocr=False)["targets"] == []


# --------------------------------------------------------------------------- low_confidence


def test_low_confidence_flag_follows_the_quoted_lines():
    """Facts are flagged by the engine scores of the very lines their quote comes from: one from a
    line scored under LOW_CONFIDENCE gets ``low_confidence``, one from a well-read line does not,
    a text-layer fact gets neither ``ocr`` nor ``low_confidence``."""
    from policyparse.assemble import assemble
    from policyparse.extract import extract_document
    from policyparse.model import RawBlock
    from policyparse.readers.base import RawDocument

    low, high = pdf_ocr.LOW_CONFIDENCE - 0.05, min(pdf_ocr.LOW_CONFIDENCE + 0.04, 1.0)
    raw = RawDocument(path="x.pdf", format="pdf", line_broken=True, ocr_image_pages=[1], blocks=[
        RawBlock(page=1, lines=["到2025年，高新技术企业达到800家。"]),  # the text layer
        RawBlock(page=1, lines=["到2025年，技术合同成交额达到50亿元。"], confidence=high, line_confidence=[high]),
        RawBlock(page=1, lines=["到2025年，规模以上工业企业达到300家。"], confidence=low, line_confidence=[low]),
    ])
    doc = assemble(raw, "0" * 64)
    flags = {t["source"]["text"][-8:]: t["flags"] for t in extract_document(doc)["targets"]}
    assert len(flags) == 3, flags
    by = {k[-4:-1]: v for k, v in flags.items()}
    assert "ocr" not in by["800"] and "low_confidence" not in by["800"]
    assert "ocr" in by["50亿"] and "low_confidence" not in by["50亿"]
    assert "ocr" in by["300"] and "low_confidence" in by["300"]
    assert pdf_ocr.low_confidence(low) and not pdf_ocr.low_confidence(high) and not pdf_ocr.low_confidence(None)


@needs_ocr
def test_degraded_scan_gives_low_confidence_facts(tmp_path, scanned_doc):
    """Page 1 of corpus/000 rendered at 96 dpi, blurred, noised and JPEG q25 (the worst render of
    ``evaluate_ocr.py --confidence``): the engine misreads the target lines and scores them under
    LOW_CONFIDENCE, so their facts carry ``low_confidence``; the clean scan's facts do not."""
    import pypdfium2 as pdfium

    from policyparse.extract import extract_document
    from script_modules import load_script

    ev = load_script("evaluate_ocr")
    _, dpi, blur, noise, jpeg = next(d for d in ev.DEGRADATIONS if d[0].startswith("96 dpi"))
    page = pdfium.PdfDocument(str(SOURCE))[0]
    img = ev.degrade(page.render(scale=dpi / 72).to_pil().convert("L"), blur, noise, jpeg, seed=0)
    degraded = tmp_path / "degraded.pdf"
    img.save(str(degraded), "PDF", resolution=dpi)
    doc = read_document(degraded)
    facts = extract_document(doc)["targets"]
    low = [t for t in facts if "low_confidence" in t["flags"]]
    assert low, [t["flags"] for t in facts]
    for t in facts:
        score = doc.ocr_confidence(t["source"]["start"], t["source"]["end"])
        assert ("low_confidence" in t["flags"]) == (score < pdf_ocr.LOW_CONFIDENCE)
    clean = extract_document(scanned_doc)["targets"]
    assert clean and not any("low_confidence" in t["flags"] for t in clean)


def test_confidence_table_bins_lines():
    from script_modules import load_script

    ev = load_script("evaluate_ocr")
    lines = [{"score": 0.99, "chars": 10, "errors": 0}, {"score": 0.97, "chars": 10, "errors": 1},
             {"score": 0.91, "chars": 20, "errors": 4}]
    rows = {(r["from"], r["to"]): r for r in ev.confidence_table(lines, [0.9, 0.95, 0.98, 1.0001])}
    assert rows[(0.9, 0.95)]["cer"] == 0.2 and rows[(0.95, 0.98)]["lines_with_errors"] == 1.0
    assert rows[(0.98, 1.0)]["cer"] == 0 and abs(rows[(0.98, 1.0)]["cer_below"] - 5 / 40) < 1e-9


# --------------------------------------------------------------------------- scripts/bench.py


def test_bench_ocr_section_skipped_without_the_extra(monkeypatch, capsys):
    from script_modules import load_script

    bench = load_script("bench")
    monkeypatch.setattr(pdf_ocr, "installed", lambda: False)
    o = bench.ocr_throughput()
    assert "skipped" in o and "ocr" in o["skipped"]
    bench.print_ocr(o)
    out = capsys.readouterr().out
    assert "6. OCR throughput" in out and "skipped: OCR extra not installed" in out


@needs_ocr
def test_bench_ocr_section_measures_pages_per_second(capsys):
    from script_modules import load_script

    bench = load_script("bench")
    o = bench.ocr_throughput([SOURCE], pages=1)
    assert o["pages"] == 1 and o["dpi"] == 150 and o["lines"] > 10
    assert 0 < o["pages_per_s_per_core"] < 50 and o["ocr_seconds"] > 0
    bench.print_ocr(o)
    assert "pages/s/core" in capsys.readouterr().out


# --------------------------------------------------------------------------- OCR time in batch reports


def _doc_with_ocr(**kw):
    from policyparse.model import Block, BlockKind, Document, Metadata

    return Document(id="0" * 64, path="x.pdf", format="pdf", text="正文", metadata=Metadata(),
                    blocks=(Block(0, BlockKind.PARAGRAPH, "正文", 0, 2, 1),), pages=3, **kw)


def test_per_file_reports_carry_ocr_pages_and_seconds(tmp_path):
    from policyparse.cli.corpus import run_summary
    from policyparse.parallel._common import Outcome, Writer
    from policyparse.readers.batch import ReadResult
    from policyparse.store.ingest import IngestSummary
    from policyparse.store.schema import connect

    scanned = _doc_with_ocr(ocr_pages=(1, 2), ocr_image_pages=(3,), ocr_seconds=7.256)
    plain = _doc_with_ocr()
    assert ReadResult("a.pdf", "ok", document=scanned).to_dict()["ocr"] == {"pages": 3, "seconds": 7.26}
    assert "ocr" not in ReadResult("b.pdf", "ok", document=plain).to_dict()
    s = IngestSummary(store="s.sqlite")
    s.add_ocr("a.pdf", scanned)
    s.add_ocr("b.pdf", plain)
    s.add_ocr("c.pdf", None)
    d = s.to_dict()
    assert d["ocr"] == [{"path": "a.pdf", "pages": 3, "seconds": 7.26}]
    assert d["ocr_pages"] == 3 and d["ocr_seconds"] == 7.26
    # the parallel writer notes them too (whatever became of the document afterwards)
    conn = connect(tmp_path / "s.sqlite")
    try:
        s2 = IngestSummary(store="s.sqlite")
        Writer(conn, s2, enrich=False).write(Outcome(path="a.pdf", status="extract_failed", document=scanned,
                                                     error=("ValueError", "boom")))
        assert s2.ocr == [{"path": "a.pdf", "pages": 3, "seconds": 7.26}] and s2.failures
    finally:
        conn.close()
    res = {"ingest": d | {"seen": 2, "documents": 2, "unchanged": 0, "duplicates": [], "failures": []},
           "counts": {"documents": 2, "targets": 0, "assignments": 0, "unmatched": 0},
           "graph": {"exports": []}, "store": "s", "report": "r", "summary": "j"}
    assert "  OCR a.pdf: 3 page(s) in 7.3 s" in run_summary(res).splitlines()


@needs_ocr
def test_read_and_run_report_ocr_per_document(tmp_path):
    import json
    import shutil

    from typer.testing import CliRunner

    from policyparse.cli import app

    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SCANNED, corpus / "scan.pdf")
    shutil.copy(TABLE_IMAGE, corpus / "table.pdf")
    (corpus / "plain.txt").write_text("到2025年，高新技术企业达到800家。\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["read", "--format", "json", str(corpus)])
    assert result.exit_code == 0, result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["scan.pdf"]["ocr"]["pages"] == 1 and files["scan.pdf"]["ocr"]["seconds"] > 0
    assert files["table.pdf"]["ocr"]["pages"] == 1 and "ocr" not in files["plain.txt"]
    text = runner.invoke(app, ["read", str(corpus / "scan.pdf")]).stdout
    assert re.search(r"OCR 1 page\(s\) in \d+\.\d s", text)
    result = runner.invoke(app, ["run", "--no-progress", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["ingest"]
    ocr = {Path(o["path"]).name: o for o in summary["ocr"]}
    assert set(ocr) == {"scan.pdf", "table.pdf"} and all(o["seconds"] > 0 for o in ocr.values())
    assert summary["ocr_pages"] == 2 and summary["ocr_seconds"] > 0
    assert "OCR " in result.stdout and "scan.pdf: 1 page(s) in" in result.stdout
