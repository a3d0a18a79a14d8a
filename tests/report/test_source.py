"""Source views (report/source.py): ``policyparse show`` / ``api.show`` of one file, and the
``sources/`` folder of the report with links from its rows to the highlighted spans and back."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import CORPUS

DOC = CORPUS / "002_101a49cb13188322.txt"

HOSTILE_TEXT = """泰安市人民政府关于推进科技创新的实施方案<script>alert(1)</script>

一、发展目标
到2025年,高新技术企业达到100家<script>alert(1)</script>。
说明:</script><!-- 这里不是注释 --> & <b>粗体</b>
二、重点任务
(一)加强创新平台建设。(牵头单位:市科技局;责任单位:市财政局)
"""


@pytest.fixture(scope="module")
def shown() -> tuple[str, dict]:
    from policyparse import api

    return api.show(DOC), api.extract(DOC)


def _fold(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def test_show_highlights_every_target(shown):
    html, facts = shown
    soup = _soup(html)
    assert facts["targets"]
    for t in facts["targets"]:
        el = soup.find(id=f"fact-{t['id']}")
        assert el is not None, t["id"]
        assert el.name == "mark" and "k-target" in el["class"]
        assert el.get_text() == t["source"]["text"], t["id"]
        # the side list links to it
        assert soup.select_one(f'aside a[href="#fact-{t["id"]}"]') is not None


def test_show_structure_and_labels(shown):
    html, facts = shown
    soup = _soup(html)
    article = soup.find("article")
    assert article.find(["h2", "h3", "h4"]) is not None  # headings as headings
    assert article.select(".page")  # page marker
    for a in facts["assignments"]:
        assert soup.find(id=f"fact-{a['id']}") is not None
    # departments named in a task's span are marked with their role
    assert article.select("mark.k-lead") and article.select("mark.k-responsible")
    assert {m["data-label"] for m in article.select("mark.hl")} >= {"目标", "任务", "牵头", "责任"}
    ids = [e["id"] for e in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    # standalone: nothing fetched, nothing run
    assert not re.search(r'\b(?:src|href)\s*=\s*"(?!#)', html)
    assert "script-src 'none'" in html
    data = json.loads(soup.find("script", id="facts").string)
    assert len(data["facts"]) == len(facts["targets"]) + len(facts["assignments"])


def test_show_tables_as_tables():
    from policyparse import api

    html = api.show(CORPUS / "000_66384f2078c7182b.docx")
    soup = _soup(html)
    table = soup.select_one("article table.src")
    assert table is not None and len(table.find_all("tr")) > 3
    assert "一级指标" in table.get_text()


def test_show_escapes_document_text(tmp_path):
    from policyparse import api

    p = tmp_path / "hostile.txt"
    p.write_text(HOSTILE_TEXT, encoding="utf-8")
    html = api.show(p)
    assert "<script>alert" not in html and "<!-- 这里" not in html and "<b>粗体" not in html
    soup = _soup(html)
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/json"]  # only the (inert) data
    raw = html.split('<script type="application/json" id="facts">')[1].split("</script>")[0]
    assert "</" not in raw and "<!--" not in raw
    json.loads(scripts[0].string)
    text = soup.find("article").get_text()
    assert "<script>alert(1)</script>" in text and "</script><!--" in text and "<b>粗体</b>" in text
    assert soup.find("article").find("b") is None
    # the target sentence with markup inside is still highlighted, as text
    facts = api.extract(p)
    t = next(t for t in facts["targets"] if t.get("value") == 100)
    assert soup.find(id=f"fact-{t['id']}").get_text() == t["source"]["text"]


def test_show_cli_mirrors_api(shown, tmp_path):
    from typer.testing import CliRunner

    from policyparse.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["show", str(DOC)])
    assert r.exit_code == 0, r.output
    assert r.stdout == shown[0]
    out = tmp_path / "view.html"
    r = runner.invoke(app, ["show", str(DOC), "-o", str(out)])
    assert r.exit_code == 0 and out.read_text(encoding="utf-8") == shown[0]
    r = runner.invoke(app, ["show", str(tmp_path / "missing.txt")])
    assert r.exit_code == 2 and "no such file" in r.stderr
    r = runner.invoke(app, ["show", str(DOC), "-o", str(tmp_path / "view.txt")])
    assert r.exit_code == 2


def test_show_into_folder(tmp_path):
    from policyparse import api

    p = tmp_path / "plan.txt"
    p.write_text(HOSTILE_TEXT, encoding="utf-8")
    out = api.show(p, tmp_path)
    assert out == tmp_path / "plan.html" and out.is_file()


# ------------------------------------------------------------------------------- in the report


def test_report_links_rows_to_highlights_and_back(report_path, report_html, corpus_facts):
    soup = _soup(report_html)
    folder = report_path.parent / "sources"
    assert len(list(folder.glob("*.html"))) == len(corpus_facts)
    quotes = {t["id"]: t["source"]["text"] for f in corpus_facts for t in f["targets"] + f["assignments"]}
    links = soup.select('#indicators a[href^="sources/"]')
    assert len(links) > 50
    views: dict[str, BeautifulSoup] = {}
    checked = exact = 0
    for a in links:
        name, _, frag = a["href"].partition("#")
        assert frag.startswith("fact-"), a["href"]
        view = views.get(name) or views.setdefault(name, _soup((report_path.parent / name).read_text("utf-8")))
        el = view.find(id=frag)
        assert el is not None, a["href"]
        fid = frag[len("fact-"):]
        # the highlight's text is the quote, up to the spaces the normalisation drops ("2.5 %")
        assert _fold(el.get_text()) == _fold(quotes[fid]), a["href"]
        exact += el.get_text() == quotes[fid]
        # and the fact links back to the report
        item = view.select_one(f'aside a[href="#{frag}"]').find_parent("li")
        assert item.select_one('a.back[href^="../report.html#"]') is not None
        row = a.find_parent("tr")
        assert row is not None and row.get("id")
        checked += 1
    assert checked == len(links)
    assert exact >= 0.8 * checked  # the file's characters (full-width brackets) within the spans
    # every back link lands on a row id of the report
    ids = {e["id"] for e in soup.find_all(id=True)}
    for name, view in views.items():
        for b in view.select("a.back"):
            assert b["href"].split("#", 1)[1] in ids, (name, b["href"])


def test_report_source_views_escape_hostile_text(hostile_report):
    folder = hostile_report.parent / "sources"
    views = list(folder.glob("*.html"))
    assert len(views) == 1
    html = views[0].read_text(encoding="utf-8")
    assert "<script>window" not in html and "<img" not in html and "<svg" not in html
    soup = _soup(html)
    assert [s.get("type") for s in soup.find_all("script")] == ["application/json"]
    assert "window.__pwned=1" in soup.find("article").get_text()


def test_report_removes_stale_views(corpus_store, tmp_path):
    from policyparse.report import report

    (tmp_path / "sources").mkdir()
    stale = tmp_path / "sources" / "0123456789ab.html"
    stale.write_text("old", encoding="utf-8")
    keep = tmp_path / "sources" / "notes.html"
    keep.write_text("mine", encoding="utf-8")
    report(corpus_store, tmp_path / "report.html")
    assert not stale.exists() and keep.exists()


def test_view_name_matches_fact_ids(corpus_facts):
    from policyparse.report.source import view_name

    for f in corpus_facts[:3]:
        name = view_name(f["document"]["id"])
        for t in f["targets"][:3]:
            assert Path(name).stem == t["id"].split(":")[0]
