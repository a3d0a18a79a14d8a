"""The report in Debian's headless chromium (driven over the DevTools protocol): renders without
console errors, fetches nothing, shows charts and a working graph filter, and a hostile document's
markup stays text. Screenshots go to a temporary folder, or to $POLICYPARSE_SCREENSHOTS when set
(report.png at 1280 px, report-390.png): tests never write into the user's outputs/."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from report_browser import chromium_path

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    where = os.environ.get("POLICYPARSE_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        return Path(where)
    return tmp_path_factory.mktemp("screenshots")



def _local(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(("file:", "data:"))]


def test_report_renders_offline_with_charts_and_graph(browser, report_path, shots):
    browser.open(report_path.as_uri(), width=1280)
    assert browser.errors() == []
    assert _local(browser.requests()) == []  # nothing leaves the file
    assert browser.eval("document.querySelectorAll('svg.chart').length") >= 10  # places compared
    assert browser.eval("document.querySelectorAll('svg.chart circle.pt').length") >= 20
    assert browser.eval("[...document.fonts].some(f => f.family.includes('PP CJK') && f.status === 'loaded')")
    # the chart of the first indicator is laid out with a real size
    assert browser.eval("document.querySelector('svg.chart').getBoundingClientRect().width") > 300
    # the graph opens on one indicator's ego network
    assert browser.eval("document.getElementById('graph-ind').value") != ""
    assert 3 <= browser.eval("document.querySelectorAll('#graph-svg .n').length") <= 60
    assert browser.errors() == []
    browser.eval("window.scrollTo(0, 0)")
    assert browser.screenshot(shots / "report.png", 1280, 2600).stat().st_size > 10_000


def test_report_on_a_phone(browser, report_path, shots):
    browser.open(report_path.as_uri(), width=390)
    assert browser.errors() == []
    # the page does not overflow sideways (wide tables and the graph scroll inside their boxes)
    assert browser.eval("document.documentElement.scrollWidth") <= 390
    assert browser.eval("document.querySelector('svg.chart').getBoundingClientRect().width") <= 390
    size = browser.eval("parseFloat(getComputedStyle(document.querySelector('svg.chart .vlabel')).fontSize)")
    assert size >= 16  # viewBox units: about 12 px once the chart is scaled to the phone's width
    browser.screenshot(shots / "report-390.png", 390, 2600)


def test_hostile_document_runs_nothing(browser, hostile_report):
    browser.open(hostile_report.as_uri(), width=1280)
    # hover and click everything, in case an injected handler survived
    browser.eval("""document.querySelectorAll('body *').forEach(e => {
        e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
    }); true""")
    assert browser.eval("typeof window.__pwned") == "undefined"
    assert browser.eval("document.querySelectorAll('[onerror],[onload],[onmouseover]').length") == 0
    assert browser.eval("document.querySelectorAll('img').length") == 0
    # the graph's and the charts' data (JSON, never run) and the one script of the page
    assert sorted(browser.eval("[...document.scripts].map(s => s.type)")) == ["", "application/json", "application/json"]
    text = browser.eval("document.body.innerText")
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert "<script>window.__pwned=1</script>" in text
    # issue 14: the indicator-table payloads (</script>, <!--, a quote that would close an
    # attribute) are text where they are shown, open no comment, and leave the title alone
    assert '技术合同成交额<!--<script>window.__pwned=1</script>-->' in text
    assert '高新技术企业数"><svg/onload=window.__pwned=1>' in text
    assert browser.eval("document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT).nextNode()") is None
    assert browser.eval("document.querySelectorAll('svg svg, body style').length") == 0
    assert "pwned" not in browser.eval("document.title")
    assert browser.errors() == []  # nothing was even blocked by the CSP
    assert _local(browser.requests()) == []


OVERLAPS = """(() => {
  const out = []; let texts = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => [t.getBBox(), t.textContent]);
    texts += boxes.length;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][0], b = boxes[j][0];
      const ox = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (ox > 0.5 && oy > 0.5) out.push([svg.getAttribute('aria-label'), boxes[i][1], boxes[j][1]]);
    }
  }
  return [texts, out];
})()"""

COLOURS = """[...document.querySelectorAll('svg.chart')].map(svg => {
  const by = {};
  for (const c of svg.querySelectorAll('circle.pt')) by[c.dataset.place] = c.getAttribute('stroke');
  return [svg.getAttribute('aria-label'), Object.keys(by).length, new Set(Object.values(by)).size];
})"""


@pytest.mark.parametrize("width", [1400, 390])
def test_chart_text_never_overlaps_and_places_differ_in_colour(browser, report_path, width):
    browser.open(report_path.as_uri(), width=width)
    texts, overlapping = browser.eval(OVERLAPS)  # boxes as Chromium lays the text out, in the real font
    assert texts > 100 and overlapping == []
    colours = browser.eval(COLOURS)
    assert len(colours) >= 10 and any(n >= 2 for _, n, _ in colours)
    assert [c for c in colours if c[1] != c[2]] == []  # a distinct colour for every place in a chart


def test_review_list_filters_and_sorts(browser, report_path):
    browser.open(report_path.as_uri(), width=1400)
    rows = "[...document.querySelectorAll('#unresolved table.sortable tbody tr')]"
    total = browser.eval(f"{rows}.length")
    assert total >= 10
    # filter by the city of the first row: fewer rows stay, each one mentions it
    city, shown, ok, count = browser.eval(f"""(() => {{
        const city = document.querySelector('#unresolved td.city').textContent;
        const box = document.getElementById('review-filter');
        box.value = city; box.dispatchEvent(new Event('input'));
        const shown = {rows}.filter(r => !r.hidden);
        return [city, shown.length, shown.every(r => r.textContent.includes(city)),
                document.getElementById('review-count').textContent];
    }})()""")
    assert city and 0 < shown < total and ok and count == f"{shown} / {total} 行"
    browser.eval("(() => { const b = document.getElementById('review-filter'); b.value = '';"
                 " b.dispatchEvent(new Event('input')); })()")
    assert browser.eval(f"{rows}.filter(r => r.hidden).length") == 0
    # click the city header of the first table twice: ascending, then descending order of that column
    orders = browser.eval("""(() => {
        const t = document.querySelector('#unresolved table.sortable');
        const col = [...t.tHead.rows[0].cells].findIndex(h => h.textContent === '城市');
        const th = t.tHead.rows[0].cells[col];
        const read = () => [...t.tBodies[0].rows].map(r => r.cells[col].textContent);
        const before = read();
        th.click(); const asc = read(); const a = th.getAttribute('aria-sort');
        th.click(); const desc = read(); const d = th.getAttribute('aria-sort');
        return [before, asc, desc, a, d];
    })()""")
    before, asc, desc, a, d = orders
    collate = browser.eval(f"({json.dumps(before)}).sort((x, y) => x.localeCompare(y, 'zh'))")
    assert asc == collate and desc == collate[::-1] and (a, d) == ("ascending", "descending")
    assert sorted(asc) == sorted(before) and len(set(before)) > 1  # same rows, a real reordering
    assert browser.errors() == []


EGO = """(() => {
  const svg = document.getElementById('graph-svg');
  const nodes = [...svg.querySelectorAll('.n')], focus = svg.querySelector('.n.focus');
  const y = n => +n.querySelector('rect').getAttribute('y');
  return {n: nodes.length, focus: focus && focus.dataset.k,
          touch: [...svg.querySelectorAll('.e')].every(e => e.dataset.s === focus.dataset.k || e.dataset.t === focus.dataset.k
                                                        || e.classList.contains('target')),
          height: +svg.getAttribute('height'), ys: nodes.map(y), status: document.getElementById('graph-status').textContent};
})()"""


def test_graph_draws_one_ego_network_at_a_time_re_laid_out_and_capped(browser, report_path):
    browser.open(report_path.as_uri(), width=1400)
    assert browser.eval(EGO)["focus"].startswith("i")  # opens on the busiest indicator
    # choose another indicator: drawn on its own
    chosen = browser.eval("""(() => {
        const s = document.getElementById('graph-ind');
        const o = [...s.options].find(o => o.value && o.value !== s.value);
        s.value = o.value; s.dispatchEvent(new Event('change')); return o.value;
    })()""")
    ind = browser.eval(EGO)
    assert ind["focus"] == f"i{chosen}" and ind["touch"] and 2 <= ind["n"] <= 60
    # re-laid out: the rows span exactly the new drawing, not the old one
    assert max(ind["ys"]) < ind["height"] and ind["height"] <= 30 + max(ind["n"] - 1, 1) * 22 + 10
    # a department: its cities on the left, its indicators on the right, every edge through it
    browser.eval("""(() => { const s = document.getElementById('graph-dept');
        s.value = s.options[1].value; s.dispatchEvent(new Event('change')); })()""")
    dept = browser.eval(EGO)
    assert dept["focus"].startswith("d") and browser.eval("document.getElementById('graph-ind').value") == ""
    assert dept["n"] >= 3 and ind["ys"] != dept["ys"]
    # the cap: at most data-cap nodes, the rest counted
    capped = browser.eval("""(() => { const svg = document.getElementById('graph-svg'); svg.dataset.cap = 4;
        document.getElementById('graph-dept').dispatchEvent(new Event('change'));
        return [svg.querySelectorAll('.n').length, document.getElementById('graph-status').textContent]; })()""")
    assert capped[0] == 4 and f"另有 {dept['n'] - 4} 个节点未绘制" in capped[1]
    # clicking a node re-centres on it
    browser.eval("document.getElementById('graph-svg').dataset.cap = 60")
    browser.eval("document.querySelector('#graph-svg .n.ind').dispatchEvent(new MouseEvent('click'))")
    assert browser.eval(EGO)["focus"].startswith("i")
    assert browser.errors() == []
