"""Page images of PDF source views (report/pages.py, ``report --pages``): rendered only when asked,
each fact's box on the page where pdfplumber has the characters of its quote."""

from __future__ import annotations

import re
import shutil

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from conftest import CORPUS

PDF = CORPUS / "003_1b4764571c7d463f.pdf"
QUOTE = "全市科技企业孵化器、众创空间达到 20 家"  # a target of PDF, on its page 4
# a target of this PDF whose sentence runs from the foot of page 3 onto page 4
OVER = (CORPUS / "004_53cef2a0b11e33d7.pdf", "全市重点产业领域规模以上工业企业研发活动实现全覆盖")


@pytest.fixture(scope="module")
def paged(corpus_store, tmp_path_factory):
    from policyparse import api

    return api.report(corpus_store, tmp_path_factory.mktemp("paged") / "report.html", pages=True)


def _target(corpus_facts, path=PDF, quote=QUOTE):
    for f in corpus_facts:
        if f["document"]["path"].endswith(path.name):
            return f["document"]["id"], next(t for t in f["targets"] if t["source"]["text"] == quote)
    raise AssertionError("the corpus PDF is not in the store")


def _view(report, doc_id):
    from policyparse.report.source import view_name

    return report.parent / "sources" / view_name(doc_id)


def pdf_box(path, page: int, text: str) -> tuple[float, float, float, float]:
    """The union box of ``text`` on ``page`` as pdfplumber's own search finds it (PDF points)."""
    with pdfplumber.open(path) as pdf:
        hits = pdf.pages[page - 1].search(text, regex=False)
    assert hits, f"{text!r} not on page {page}"
    return hits[0]["x0"], hits[0]["top"], hits[0]["x1"], hits[0]["bottom"]


def overlap(a, b) -> float:
    """Share of ``b``'s area inside ``a``."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0) / ((b[2] - b[0]) * (b[3] - b[1]))


def test_without_pages_no_images(report_path, corpus_facts):
    doc_id, _ = _target(corpus_facts)
    assert not list(report_path.parent.glob("sources/pages/*"))
    html = _view(report_path, doc_id).read_text(encoding="utf-8")
    assert "<img" not in html and "img-src data:;" in html


def _boxes(soup, fid: str, path) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page, rect in PDF points) of each box of fact ``fid`` in a view, from the overlays' percentages."""
    out = []
    with pdfplumber.open(path) as pdf:
        for box in soup.select(f'a.box[data-fact="{fid}"]'):
            page = int(box.find_parent("figure")["id"].removeprefix("page-img-"))
            w, h = pdf.pages[page - 1].width, pdf.pages[page - 1].height
            style = dict(re.findall(r"(left|top|width|height):([\d.]+)%", box["style"]))
            x0, top = float(style["left"]) * w / 100, float(style["top"]) * h / 100
            out.append((page, (x0, top, x0 + float(style["width"]) * w / 100, top + float(style["height"]) * h / 100)))
    return out


def _first_line(path, page: int) -> str:
    with pdfplumber.open(path) as pdf:
        return pdf.pages[page - 1].extract_text().splitlines()[0].strip()


def test_pages_draws_the_box_of_a_known_target_over_its_text(paged, corpus_facts):
    doc_id, t = _target(corpus_facts)
    soup = BeautifulSoup(_view(paged, doc_id).read_text(encoding="utf-8"), "lxml")
    box = soup.find(id=f"box-{t['id']}")
    assert box is not None and box["href"] == f"#fact-{t['id']}" and box["data-label"] == "目标"
    fig = box.find_parent("figure")
    page = int(fig["id"].removeprefix("page-img-"))
    assert page == t["source"]["page"] == 4
    img = fig.find("img")
    assert (paged.parent / "sources" / img["src"]).is_file() and img["src"].endswith(".jpg")
    [(p, rect)] = _boxes(soup, t["id"], PDF)
    # the overlay, back in PDF points, covers pdfplumber's own box of the quote, and not another line
    assert overlap(rect, pdf_box(PDF, page, QUOTE)) > 0.8
    assert overlap(rect, pdf_box(PDF, page, _first_line(PDF, page))) < 0.2
    # the side list links the fact to its box, the page marker to the image
    assert soup.select_one(f'aside a.pglink[href="#box-{t["id"]}"]') is not None
    assert soup.select_one(f'.page a.pglink[href="#page-img-{page}"]') is not None
    assert "img-src 'self' data:" in soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def test_a_quote_over_a_page_break_is_boxed_on_both_pages(paged, corpus_facts):
    path, quote = OVER
    doc_id, t = _target(corpus_facts, path, quote)
    soup = BeautifulSoup(_view(paged, doc_id).read_text(encoding="utf-8"), "lxml")
    boxes = _boxes(soup, t["id"], path)
    assert [p for p, _ in boxes] == [3, 4]
    assert overlap(boxes[0][1], pdf_box(path, 3, "全市重点产业领域规模以上工业企业研发活")) > 0.8
    assert overlap(boxes[1][1], pdf_box(path, 4, "动实现全覆盖")) > 0.8
    assert soup.find(id=f"box-{t['id']}").find_parent("figure")["id"] == "page-img-3"  # the first carries the id


def test_pages_only_for_pages_with_facts_and_most_facts_boxed(paged, corpus_facts):
    for f in corpus_facts:
        if f["document"]["format"] != "pdf":
            continue
        facts = f["targets"] + f["assignments"]
        soup = BeautifulSoup(_view(paged, f["document"]["id"]).read_text(encoding="utf-8"), "lxml")
        shown = {int(x["id"].removeprefix("page-img-")) for x in soup.select("figure.pg")}
        assert shown <= {x["source"]["page"] + d for x in facts for d in (-1, 0, 1)}
        boxed = {a["data-fact"] for a in soup.select("a.box")}
        assert boxed <= {x["id"] for x in facts}
        assert len(boxed) >= 0.9 * len(facts), (f["document"]["path"], len(boxed), len(facts))
    assert not list((paged.parent / "sources").glob("*.jpg"))  # images live in sources/pages/


def test_moved_pdf_gets_a_note_and_no_images(tmp_path):
    from policyparse import api

    shutil.copy(PDF, tmp_path / "plan.pdf")
    api.ingest([tmp_path / "plan.pdf"], tmp_path / "s.sqlite", progress=False)
    (tmp_path / "plan.pdf").unlink()
    out = api.report(tmp_path / "s.sqlite", tmp_path / "out" / "report.html", pages=True)
    html = next((out.parent / "sources").glob("*.html")).read_text(encoding="utf-8")
    assert "没有页面图像：找不到文件" in html and "<img" not in html
    assert not list(out.parent.glob("sources/pages/*.jpg"))


def test_report_cli_pages(corpus_store, tmp_path):
    from policyparse.cli import app

    r = CliRunner().invoke(app, ["report", "--store", str(corpus_store), "--out", str(tmp_path), "--pages"])
    assert r.exit_code == 0, r.output
    assert len(list(tmp_path.glob("sources/pages/*.jpg"))) > 5
    # a run without --pages removes the images no view shows any more
    r = CliRunner().invoke(app, ["report", "--store", str(corpus_store), "--out", str(tmp_path)])
    assert r.exit_code == 0 and not list(tmp_path.glob("sources/pages/*.jpg"))
