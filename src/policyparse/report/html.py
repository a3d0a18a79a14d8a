"""Assemble the page: sections, the graph, what to check by hand, the stylesheet, the embedded font
and the one inline script, under a Content-Security-Policy that allows nothing from the network
and only this script (by hash) to run."""

from __future__ import annotations

import base64
import hashlib
import html
from datetime import UTC, datetime

from policyparse.report import graphview, sections, tablejs
from policyparse.report.common import city_colors, esc, fmt_num, script_json, truncate
from policyparse.report.data import NATIONAL, ReportData
from policyparse.report.font import embed_font
from policyparse.report.style import CSS

KINDS = {"department": "部门", "indicator": "指标", "place": "地名"}


def _unresolved(data: ReportData) -> str:
    u = data.unresolved
    parts = []
    rows = [f'<tr{sections.row_id(x)}><td>{esc(x["name"])}</td><td>{esc(KINDS.get(x["kind"], x["kind"]))}</td>'
            f'<td>{"<br>".join(esc(c.get("name")) + " " + esc(fmt_num(round(c.get("score") or 0))) for c in x["candidates"]) or "—"}</td>'
            f'<td class="city">{esc(x["city"])}</td><td class="doc">{esc(x["title"])}</td><td>{sections.pages(x["pages"])}</td>'
            f'<td class="quote">{esc(x["text"])}</td></tr>' for x in u["unmatched"]]
    parts.append(_group("未匹配的名称", "地名录中找不到的部门或指标名称，附最接近的候选。", rows,
                        ["名称", "类型", "候选（得分）", "城市", "文件", "页码", "原文"], open_=True,
                        full_list=f"完整清单在存储的 <code>unmatched</code> 表中（{esc(data.store)}）。"))
    rows = [f'<tr{sections.row_id(x)}><td>{esc(x["indicator"])}</td><td class="num">{esc(fmt_num(x["value"]))}{esc(x["unit"])}</td>'
            f'<td>{esc(x["year"])}</td><td class="city">{esc(x["city"])}</td><td class="doc">{esc(x["title"])}</td>'
            f'<td>{sections.pages(x["pages"])}</td><td class="quote">{esc(x["text"])}</td></tr>' for x in u["non_canonical"]]
    parts.append(_group("未归入标准指标的目标", "这些目标的指标不在指标目录中，未参与跨城市对比。", rows,
                        ["指标（原文）", "目标值", "年份", "城市", "文件", "页码", "原文"], open_=True,
                        full_list=f"完整清单：存储（{esc(data.store)}）的 <code>targets</code> 表中 indicator_id 为空的行。"))
    rows = [f'<tr{sections.row_id(x)}><td>{esc(x["indicator"])}</td><td>{esc(x["qualitative"])}</td><td>{esc(x["year"])}</td>'
            f'<td class="city">{esc(x["city"])}</td><td class="doc">{esc(x["title"])}</td><td>{sections.pages(x["pages"])}</td>'
            f'<td class="quote">{esc(x["text"])}</td></tr>' for x in u["qualitative"]]
    parts.append(_group("定性目标", "没有数值的目标（如“全覆盖”“超过全国平均水平”），图中无法绘制。", rows,
                        ["指标", "定性表述", "年份", "城市", "文件", "页码", "原文"],
                        full_list="每个指标的全部目标：<code>policyparse compare 指标 --format csv</code>。"))
    rows = [f'<tr{sections.row_id(x)}><td>{esc(truncate(x["item"], 40))}</td><td>{esc(x["lead"])}</td><td>{esc("、".join(x["others"]))}</td>'
            f'<td class="city">{esc(x["city"])}</td><td class="doc">{esc(x["title"])}</td><td>{sections.pages(x["pages"])}</td>'
            f'<td class="quote">{esc(x["text"])}</td></tr>' for x in u["inferred_leads"]]
    parts.append(_group("推定的牵头单位", "文件没有写明牵头单位；按惯例取排在第一位的责任单位，请核对。", rows,
                        ["事项", "推定牵头", "其他责任单位", "城市", "文件", "页码", "原文"],
                        full_list="每个指标的牵头单位（含推定）：<code>policyparse lead 指标</code>。"))
    return ('<section class="block" id="unresolved"><h2>待人工核查</h2>'
            '<p class="muted">自动处理无法确定的内容（每个文件只列一次，页码按格式列出）。点击表头排序。</p>'
            '<p class="filter"><label>筛选 <input type="search" id="review-filter" placeholder="名称、城市、文件、原文…">'
            '</label> <span id="review-count" class="muted"></span></p>' + "".join(parts) + "</section>")


def _group(title: str, note: str, rows: list[str], head: list[str], open_: bool = False, full_list: str = "") -> str:
    body = sections.table(head, rows, "sortable", full_list=full_list) if rows else '<p class="note">无。</p>'
    return (f'<details{" open" if open_ else ""}><summary>{title}（{len(rows)}）</summary>'
            f'<p class="note">{note}</p>{body}</details>')


def _graph(data: ReportData) -> str:
    controls, svg = graphview.render(data.graph)
    return ('<section class="block" id="graph"><h2>跨城市关系图</h2>'
            '<p class="muted">一次画一个指标（左：牵头或参与其工作的部门类型，颜色表示城市；右：为它设定目标的城市）'
            '或一个部门类型（左：城市；右：它牵头或参与的指标）。选择或点击节点即以它为中心重新布局；'
            f'每次最多画 {graphview.CAP} 个节点。</p>'
            f'{controls}<div class="graph-wrap">{svg}</div></section>')


ROW_COLUMNS = ("city", "document", "status", "baseline_year", "baseline", "target_year", "comparator", "target",
               "qualitative", "unit", "cagr")


def _data_json(data: ReportData) -> str:
    """The numbers behind the charts, for analysts who want them (never executed: application/json).
    Compact so that it scales: each row is an array in the order of ``columns`` and names its
    document by an index into ``documents`` (a title repeated on every row was most of the bytes)."""
    docs: dict[str, int] = {}

    def row(r: dict) -> list:
        b, t = r.get("baseline") or {}, r.get("target") or {}
        cagr = r.get("cagr")
        return [r.get("city"), docs.setdefault(r.get("title") or "", len(docs)), r.get("status"), b.get("year"),
                b.get("value"), t.get("year"), t.get("comparator"), t.get("value"), t.get("qualitative"),
                r.get("unit"), round(cagr, 5) if cagr is not None else None]

    inds = [{k: s[k] for k in ("id", "name", "unit", "cities")} | {"rows": [row(r) for r in s["rows"]]}
            for s in data.indicators]
    blob = {"columns": list(ROW_COLUMNS), "documents": list(docs), "indicators": inds}
    return f'<script type="application/json" id="report-data">{script_json(blob)}</script>'


def page(data: ReportData, *, generated: datetime | None = None) -> tuple[str, str]:
    """The complete HTML page and a note on the embedded font."""
    cities = [c["name"] for c in data.cities]
    colors = city_colors(sorted(set(cities) | set(data.graph["cities"]), key=lambda c: (c == NATIONAL, c)), NATIONAL)
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    city_list = "、".join(c for c in cities if c != NATIONAL)
    subtitle = " · ".join(p for p in (esc(city_list), f"{len(data.docs)} 份文件", f"生成于 {when}",
                                      f"数据：{esc(data.store)}") if p)
    body = (
        '<header class="top"><h1>政策目标与分工对比报告</h1>'
        f'<p>{subtitle}</p></header>'
        '<nav class="toc"><a href="#overview">概览</a><a href="#indicators">指标对比</a><a href="#matrix">部门矩阵</a>'
        '<a href="#graph">关系图</a><a href="#unresolved">待核查</a></nav><main>'
        + sections.overview(data) + sections.indicators(data, colors) + sections.matrix(data)
        + _graph(data) + _unresolved(data) + "</main>"
    )
    script = graphview.SCRIPT + tablejs.SCRIPT
    chars = set(html.unescape(body)) | set(script) | set(CSS)
    font = embed_font(chars)
    footer = (f'<footer>由 policyparse 生成。字体：{esc(font.note)}。本文件不依赖网络，可离线打开。</footer>')
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = ("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; "
           f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")
    doc = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        "<title>政策目标与分工对比报告</title>"
        f"<style>{font.css}{CSS}</style></head><body>{body}{footer}{_data_json(data)}"
        f"<script>{script}</script></body></html>"
    )
    return doc, font.note
