"""The report built from the ingested corpus: sections, charts, graph, sources, escaping, offline."""

from __future__ import annotations

import html
import json
import math
import re

import pytest

from policyparse.report import report
from policyparse.report.charts import LABEL, MAX_LABELLED_POINTS, TICK, chart, nice_ticks
from policyparse.report.common import esc, script_json
from policyparse.report.font import FAMILY, embed_font
from policyparse.report.labels import overlaps, text_box


def _strings(facts: list[dict]):
    """Every string a document contributed to the store."""
    for f in facts:
        d = f["document"]
        yield from (d.get(k) for k in ("title", "issuer", "doc_number", "city"))
        for t in f["targets"]:
            yield t.get("indicator")
            yield t.get("qualitative")
            yield (t.get("source") or {}).get("text")
        for a in f["assignments"]:
            yield a.get("item")
            yield (a.get("source") or {}).get("text")
            for m in (a.get("lead") or []) + (a.get("responsible") or []):
                yield m.get("name")
        for u in f["unmatched"]:
            yield u.get("name")


def test_sections_present(report_html):
    for section in ("overview", "indicators", "matrix", "graph", "unresolved"):
        assert f'<section class="block" id="{section}">' in report_html
    assert report_html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in report_html


def test_overview_lists_each_document_once_with_status_and_date(report_html, corpus_facts):
    titles = {f["document"]["title"] for f in corpus_facts}
    for t in titles:
        assert esc(t) in report_html
    overview = report_html.split('id="indicators"')[0]
    assert overview.count('class="doc">') == 5  # five documents, each in four renderings
    assert "草稿" in overview and "正式" in overview
    assert "2022-12-07" in overview and "2016-12-20" in overview
    for city in ("泰安市", "临沂市", "陇南市"):
        assert city in overview


def test_indicator_charts_with_arrows_reference_line_and_sources(report_html):
    section = report_html.split('id="indicators"')[1].split('id="matrix"')[0]
    assert section.count('<svg class="chart"') >= 10  # indicators of two places or more only
    rd = section.split("全社会R&amp;D经费支出占地区GDP比重</h3>")[1].split('<div class="ind"')[0]
    assert '<g class="ref">' in rd and "全国参考 2020年 &gt;2.5%" in rd  # national reference line + legend
    assert "<polygon" in rd  # baseline -> target arrow (陇南 0.33% -> 0.65%)
    assert "陇南 0.65%" in rd
    assert 'class="stack sources"' in rd
    assert "全市R&amp;D经费支出与GDP比值力争由2022年的0.33%达到2026年的0.65%" in rd  # quoted sentence
    assert "第6页" in rd  # the PDF page of that sentence


def test_heat_map_and_graph(report_html):
    matrix = report_html.split('id="matrix"')[1].split('id="graph"')[0]
    assert '<table class="heat">' in matrix
    assert "科学技术局" in matrix and "牵头" in matrix and "参与" in matrix
    assert re.search(r'background:rgba\(192,57,43,0\.\d+\)', matrix)  # lead cells coloured
    graph = report_html.split('id="graph"')[1].split('id="unresolved"')[0]
    assert '<svg id="graph-svg"' in graph and 'data-cap="60"' in graph
    data = json.loads(graph.split('<script type="application/json" id="graph-data">')[1].split("</script>")[0])
    assert len(data["r"]) + len(data["t"]) > 100 and len(data["i"]) > 20 and len(data["c"]) >= 3
    assert all(0 <= d < len(data["d"]) and 0 <= i < len(data["i"]) and 0 <= c < len(data["c"]) for d, i, c, _ in data["r"])
    assert '<select id="graph-ind">' in graph and '<select id="graph-dept">' in graph and '<select id="graph-city">' in graph


def test_indicators_of_one_place_are_one_compact_table(report_html):
    section = report_html.split('id="indicators"')[1].split('id="matrix"')[0]
    multi, single = section.split('id="single"')
    assert '<svg class="chart"' not in single  # no chart for an indicator nobody compares
    assert single.count('class="stack sources single"') == 1
    table = single.split("<tbody>")[1].split("</tbody>")[0]
    named = re.findall(r'<td data-label="指标" class="doc" id="(ind-\d+)">', table)
    assert len(named) >= 20 and len(named) == len(set(named))
    for k in named:  # the list of indicators reaches each of them, once
        assert section.count(f'href="#{k}"') == 1 and report_html.count(f'id="{k}"') == 1
    assert "科技公共财政支出占公共财政支出的比重" in table


def test_unresolved_lists(report_html):
    part = report_html.split('id="unresolved"')[1]
    for heading in ("未匹配的名称", "未归入标准指标的目标", "定性目标", "推定的牵头单位"):
        assert heading in part
    assert "城市科技主管部门" in part  # an unmatched department name, with its candidates
    assert "全省平均水平" in part  # a qualitative target


def test_self_contained(report_html, report_path):
    body = report_html
    # no attribute or CSS url pointing anywhere but the page itself, inline data or a source view
    # written next to it (sources/<document>.html, optionally #fact-<id>)
    for m in re.finditer(r'\b(?:src|href|action)\s*=\s*["\']?([^"\'\s>]*)', body):
        url = m.group(1)
        view = re.fullmatch(r"sources/([0-9a-f]{12}\.html)(#fact-[0-9a-f]{12}:[a-z]\d+)?", url)
        assert url.startswith(("#", "data:")) or view, m.group(0)
        if view:
            assert (report_path.parent / "sources" / view.group(1)).is_file(), url
    for m in re.finditer(r"url\(([^)]{0,30})", body):
        assert m.group(1).startswith("data:"), m.group(0)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", body)
    assert "default-src 'none'" in body
    assert f'@font-face{{font-family:"{FAMILY}";src:url(data:font/woff;base64,' in body  # CJK font inlined
    assert "@import" not in body


def test_every_document_string_is_escaped(report_html, corpus_facts):
    risky = {s for s in _strings(corpus_facts) if s and any(c in s for c in "<>&\"'")}
    assert any("R&D" in s for s in risky)  # the corpus has such strings
    present = 0
    for s in risky:
        if esc(s) in report_html:
            present += 1
        assert s not in report_html, s
    assert present > 0
    data = report_html.split('<script type="application/json" id="report-data">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data)["indicators"]


def test_hostile_document_is_inert(hostile_report):
    page = hostile_report.read_text(encoding="utf-8")
    for raw in ("<script>window.__pwned", "<img src=x", "<svg onload", "<b onmouseover", 'onerror="window'):
        assert raw not in page
    assert esc('<img src=x onerror="window.__pwned=1">') in page
    assert esc("<script>window.__pwned=1</script>") in page
    assert page.count("<script") == 3  # the two data blocks (charts, graph) and the report's own script
    assert page.count("</script>") == 3 and "<!--" not in page.split("<body", 1)[1]  # issue 14 payloads
    assert esc('技术合同成交额<!--<script>window.__pwned=1</script>-->') in page


def test_script_json_and_esc():
    s = script_json({"t": "</script><img src=x onerror=1>&\u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s)["t"] == "</script><img src=x onerror=1>&\u2028"
    assert esc('"><svg onload=1>') == "&quot;&gt;&lt;svg onload=1&gt;"
    assert esc(None) == ""


def _text_overlaps(svg: str) -> list[tuple[str, str]]:
    """Pairs of texts of ``svg`` whose boxes (at the narrow-screen font sizes) overlap."""
    boxes = [(text_box(float(x), float(y), html.unescape(t), a, LABEL if c == "vlabel" else TICK), t)
             for c, x, y, a, t in re.findall(
                 r'<text class="(\w+)" x="([-\d.]+)" y="([-\d.]+)" text-anchor="(\w+)"[^>]*>([^<]*)</text>', svg)]
    return [(a[1], b[1]) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlaps(a[0], b[0], 0)]


def test_crowded_chart_labels_never_overlap_and_the_rest_are_counted():
    rows = [{"city": f"城市{i:02d}市", "status": "final", "title": "t",
             "baseline": {"value": 50 + i % 3, "year": 2020}, "target": {"value": 100 + i * 0.5, "year": 2025}}
            for i in range(24)]
    svg = chart(rows, [], "亿元", {}, "拥挤")
    shown = len(re.findall('class="vlabel"', svg))
    assert _text_overlaps(svg) == [] and 4 <= shown < 24
    assert f"{24 - shown} 个数值标签未显示" in svg
    assert len(re.findall('<circle class="pt"', svg)) == 24  # every point drawn, with its hover title


def test_chart_geometry():
    rows = [
        {"city": "甲市", "status": "final", "title": "<t>", "baseline": {"value": 10, "year": 2020},
         "target": {"value": 20, "year": 2025, "comparator": ">="}},
        {"city": "乙市", "status": "draft", "title": "b", "baseline": None,
         "target": {"value": 20.5, "year": 2025, "comparator": "="}},
    ]
    national = [{"value": 15, "year": 2025, "comparator": ">", "unit": "%", "title": "国家"}]
    svg = chart(rows, national, "%", {"甲市": "#c0392b", "乙市": "#2471a3"}, "测试<指标>")
    assert svg.startswith('<svg class="chart"') and "测试&lt;指标&gt;" in svg
    assert "<polygon" in svg and '<g class="ref">' in svg and 'fill="#fff"' in svg  # arrow, reference, draft
    assert len(re.findall('class="vlabel"', svg)) == 2 and _text_overlaps(svg) == []  # equal-year labels apart
    assert chart([{**rows[0], "target": {"value": None, "year": 2025, "qualitative": "全覆盖"}}], [], "%", {},
                 "x") == ""  # nothing numeric: no empty chart
    for lo, hi in ((0, 2.7), (600, 1700), (0, 12.5), (30.7, 35), (0, 0.65)):
        ticks = nice_ticks(lo, hi)
        assert ticks[0] <= lo and ticks[-1] >= hi and 4 <= len(ticks) <= 9
        step = ticks[1] - ticks[0]
        assert round(step / 10 ** math.floor(math.log10(step)), 6) in (1, 2, 5)


def test_a_crowded_chart_keeps_its_points_and_drops_the_value_labels():
    def row(k):
        return {"city": f"城{k}", "status": "final", "title": "t", "baseline": None,
                "target": {"value": 10 + k, "year": 2025, "comparator": "="}}

    few = chart([row(k) for k in range(MAX_LABELLED_POINTS)], [], "%", {}, "x")
    shown = few.count('class="vlabel"')
    assert shown >= 5 and _text_overlaps(few) == []  # as many as fit in one column, the rest counted
    assert shown == MAX_LABELLED_POINTS or f"{MAX_LABELLED_POINTS - shown} 个数值标签未显示" in few
    many = chart([row(k) for k in range(MAX_LABELLED_POINTS + 1)], [], "%", {}, "x")
    assert 'class="vlabel"' not in many and many.endswith("</svg>")
    assert many.count('<circle class="pt"') == MAX_LABELLED_POINTS + 1  # every target still plotted
    assert f"{MAX_LABELLED_POINTS + 1} 个数值标签未显示" in many


def test_font_fallback(monkeypatch, hostile_store, tmp_path):
    monkeypatch.setenv("POLICYPARSE_CJK_FONT", str(tmp_path / "missing.ttc"))
    font = embed_font(set("中文"))
    assert font.css == "" and "system fonts" in font.note
    page = report(hostile_store, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "@font-face" not in page and "system fonts" in page


def test_empty_store(tmp_path):
    from policyparse.store.schema import connect

    connect(tmp_path / "empty.sqlite").close()
    page = report(tmp_path / "empty.sqlite", tmp_path / "r.html").read_text(encoding="utf-8")
    assert "0 份文件" in page and "存储中没有与标准指标关联的目标" in page and "没有部门分工" in page


def test_missing_store(tmp_path):
    from policyparse.errors import PolicyParseError

    with pytest.raises(PolicyParseError, match="no store"):
        report(tmp_path / "none.sqlite", tmp_path / "r.html")


def test_cli(corpus_store, tmp_path):
    from typer.testing import CliRunner

    from policyparse.cli import app

    out = tmp_path / "cli" / "report.html"
    r = CliRunner().invoke(app, ["report", "--store", str(corpus_store), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.is_file() and html.unescape(out.read_text(encoding="utf-8")).count("政策目标与分工对比报告") >= 2
    r = CliRunner().invoke(app, ["report", "--store", str(tmp_path / "none.sqlite"), "--out", str(out)])
    assert r.exit_code == 2


def test_long_tables_are_cut_with_a_count_and_where_the_full_list_is(corpus_store, tmp_path, monkeypatch):
    from policyparse.report import sections

    monkeypatch.setattr(sections, "MAX_TABLE_ROWS", 2)
    page = report(corpus_store, tmp_path / "report.html").read_text(encoding="utf-8")
    rd = page.split("全社会R&amp;D经费支出占地区GDP比重</h3>")[1].split('<div class="ind"')[0]
    table = rd.split("<tbody>")[1].split("</tbody>")[0]
    assert len(re.findall(r"<tr[ >]", table)) == 2
    assert "全国参考" in table  # the national reference comes first, so it is never cut
    total = int(re.search(r"只列出前 2 行，共 (\d+) 行", rd).group(1))
    assert total > 2
    assert "policyparse compare rd_expenditure_gdp_share --format csv" in rd
    review = page.split('id="unresolved"')[1]
    assert "只列出前 2 行" in review and "policyparse lead 指标" in review


def test_place_colours_are_stable_and_never_repeat_within_a_chart():
    from policyparse.report.common import PALETTE, city_colors, distinct_colors

    places = [f"城{k:02d}" for k in range(len(PALETTE) + 5)]
    colors = city_colors(places, "全国")  # report-wide: the palette wraps around
    assert colors["城00"] == colors[f"城{len(PALETTE):02d}"]
    chart_places = ["城00", f"城{len(PALETTE):02d}", "城03"]
    local = distinct_colors(chart_places, colors)
    assert len(set(local.values())) == 3 and local["城00"] == colors["城00"] and local["城03"] == colors["城03"]
    assert distinct_colors(["城03"], colors) == {"城03": colors["城03"]}  # stable across charts
    assert len(set(distinct_colors(places[: len(PALETTE)], {p: "#000" for p in places}).values())) == len(PALETTE)
