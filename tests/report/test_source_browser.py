"""Source views in Debian's headless chromium: ``policyparse show``'s page opens offline without
console errors, the element of a fact id is highlighted when the page is opened at its anchor, and
a link in the report's comparison table lands on the highlighted quote (and links back)."""

from __future__ import annotations

import unicodedata

import pytest
from report_browser import chromium_path

from conftest import CORPUS

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

HIGHLIGHT = """(id => { const el = document.getElementById(id); if (!el) return null;
  const s = getComputedStyle(el);
  return {text: el.textContent, outline: s.outlineStyle, bg: s.backgroundColor, target: el.matches(':target'),
          plain: getComputedStyle(document.querySelector('mark.hl:not(:target)')).backgroundColor}; })"""



def _outside(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(("file:", "data:"))]


def test_show_page_highlights_the_fact(browser, tmp_path):
    from policyparse import api

    doc = CORPUS / "002_101a49cb13188322.txt"
    facts = api.extract(doc)
    page = api.show(doc, tmp_path / "view.html")
    t = facts["targets"][2]
    browser.open(f"{page.as_uri()}#fact-{t['id']}", width=1280)
    assert browser.errors() == []
    assert _outside(browser.requests()) == []
    got = browser.eval(f"{HIGHLIGHT}('fact-{t['id']}')")
    assert got is not None and got["target"]
    assert got["text"] == t["source"]["text"]
    assert got["outline"] == "solid" and got["bg"] != got["plain"]  # highlighted, unlike the others
    # the side list's link moves the highlight
    other = facts["targets"][5]["id"]
    browser.eval(f"document.querySelector('aside a[href=\"#fact-{other}\"]').click()")
    assert browser.eval(f"{HIGHLIGHT}('fact-{other}')")["target"]


def test_report_row_opens_its_highlighted_source(browser, report_path, corpus_facts):
    quotes = {t["id"]: t["source"]["text"] for f in corpus_facts for t in f["targets"]}
    browser.open(report_path.as_uri(), width=1280)
    assert browser.errors() == []
    browser.events.clear()
    href = browser.eval("""(() => { const a = document.querySelector('#indicators a[href^="sources/"]');
        a.click(); return a.getAttribute('href'); })()""")
    if not any(e["method"] == "Page.loadEventFired" for e in browser.events):  # not yet loaded
        browser.wait_event("Page.loadEventFired")
    assert browser.eval("location.pathname").endswith(href.split("#")[0])
    assert browser.errors() == []
    assert _outside(browser.requests()) == []
    fid = href.split("#fact-")[1]
    got = browser.eval(f"{HIGHLIGHT}('fact-{fid}')")
    assert got["target"] and got["outline"] == "solid"

    def fold(s: str) -> str:
        return "".join(unicodedata.normalize("NFKC", s).split())

    assert fold(got["text"]) == fold(quotes[fid])  # the store keeps the normalised text
    back = browser.eval(f"""document.querySelector('aside a[href="#fact-{fid}"]').parentElement
        .querySelector('a.back').getAttribute('href')""")
    assert back.startswith("../report.html#")
