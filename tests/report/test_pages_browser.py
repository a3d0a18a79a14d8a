"""``report --pages`` in Debian's headless chromium: a PDF's source view shows the page image, the
box of a known target lies over the glyphs of its quote (pdfplumber's boxes), clicking it lands on
the highlighted quote in the text; no console errors, no network requests."""

from __future__ import annotations

import pytest
from report_browser import chromium_path
from test_pages import PDF, QUOTE, _target, _view, overlap, pdf_box

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

GEOMETRY = """(fid => { const box = document.getElementById('box-' + fid); if (!box) return null;
  const img = box.closest('.pgi').querySelector('img'); const a = img.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  return {loaded: img.complete && img.naturalWidth > 0, natural: img.naturalWidth, shown: a.width,
          rect: [(b.left - a.left) / a.width, (b.top - a.top) / a.height,
                 (b.right - a.left) / a.width, (b.bottom - a.top) / a.height]}; })"""



@pytest.mark.parametrize("width", [1400, 390])
def test_page_image_box_over_the_quote(browser, corpus_store, corpus_facts, tmp_path_factory, width):
    import pdfplumber

    from policyparse import api

    report = api.report(corpus_store, tmp_path_factory.mktemp("paged-browser") / "report.html", pages=True)
    doc_id, t = _target(corpus_facts)
    view = _view(report, doc_id)
    browser.open(f"{view.as_uri()}#box-{t['id']}", width=width)
    browser.eval(f"""new Promise(done => {{ const img = document.getElementById('box-{t['id']}')
        .closest('.pgi').querySelector('img'); let n = 0;
        (function wait() {{ if ((img.complete && img.naturalWidth) || n++ > 100) done(true); else setTimeout(wait, 50); }})(); }})""")
    got = browser.eval(f"{GEOMETRY}('{t['id']}')")
    assert got is not None and got["loaded"] and got["shown"] <= width
    page = t["source"]["page"]
    with pdfplumber.open(PDF) as pdf:
        w, h = pdf.pages[page - 1].width, pdf.pages[page - 1].height
    x0, y0, x1, y1 = got["rect"]
    rect = (x0 * w, y0 * h, x1 * w, y1 * h)  # the box as drawn, in PDF points
    assert overlap(rect, pdf_box(PDF, page, QUOTE)) > 0.8
    # clicking the box lands on the quote's highlight in the text
    browser.eval(f"document.getElementById('box-{t['id']}').click()")
    mark = browser.eval("""(() => { const m = document.querySelector('mark:target');
        return m && {id: m.id, text: m.textContent}; })()""")
    assert mark["id"] == f"fact-{t['id']}"
    assert "".join(mark["text"].split()) == "".join(QUOTE.split())
    assert browser.errors() == []
    assert [u for u in browser.requests() if not u.startswith(("file:", "data:"))] == []
    # the page images load from file:// (the CSP lets them in, nothing else): none is broken
    assert browser.eval("[...document.images].every(i => i.loading === 'lazy' || i.naturalWidth > 0)")
