"""HTML of the report's sections. Every value from a document passes through ``esc``."""

from __future__ import annotations

from policyparse.report.charts import dense, indicator_charts, value_label
from policyparse.report.common import MAX_TABLE_ROWS, STATUS_LABEL, distinct_colors, esc, fmt_num
from policyparse.report.data import Doc, ReportData
from policyparse.report.source import anchor, view_name

SOURCES = "sources"  # the folder next to the report that holds the documents' source views


def row_id(row: dict) -> str:
    """`` id="…"`` of a table row the source views link back to (see ``data.back_anchors``)."""
    return f' id="{esc(row["anchor"])}"' if row.get("anchor") else ""


def source_href(doc: str | None, fact: str | None = None) -> str | None:
    if not doc:
        return None
    return f"{SOURCES}/{view_name(doc)}" + (f"#{anchor(fact)}" if fact else "")


def status_pill(status: str | None) -> str:
    if not status:
        return ""
    return f'<span class="pill {esc(status)}">{esc(STATUS_LABEL.get(status, status))}</span>'


def pages(ps: list[dict]) -> str:
    """``txt、html 第1页；docx 第2页``: the pages of one quoted sentence in each rendering, each format
    a link to the highlighted sentence in that rendering's source view."""
    by_page: dict = {}
    for p in ps:
        fmts = by_page.setdefault(p.get("page"), {})
        if p.get("format") not in fmts:
            fmts[p.get("format")] = source_href(p.get("doc"), p.get("fact"))
    out = [("、".join(f'<a href="{esc(href)}">{esc(f)}</a>' if href else esc(f)
                     for f, href in fmts.items()) + (f" 第{esc(page)}页" if page else ""))
           for page, fmts in by_page.items()]
    return '<span class="pages">' + "；".join(out) + "</span>"


def table(head: list[str], rows: list[str], cls: str = "", *, full_list: str = "", cap: bool = True) -> str:
    """A table; on narrow screens each row becomes a card whose cells are labelled by the header
    (``data-label``; document text is escaped, so ``<td`` only ever starts one of our cells).
    Beyond :data:`MAX_TABLE_ROWS` rows, the first ones are shown with a note of how many are not
    and ``full_list`` (HTML: where the full list is); ``cap=False`` shows every row."""
    if not rows:
        return '<p class="note">无。</p>'
    more = ""
    if cap and len(rows) > MAX_TABLE_ROWS:
        more = (f'<p class="note more">只列出前 {MAX_TABLE_ROWS} 行，共 {len(rows)} 行。{full_list}</p>')
        rows = rows[:MAX_TABLE_ROWS]
    ths = "".join(f"<th>{h}</th>" for h in head)
    labelled = []
    for row in rows:
        parts = row.split("<td")
        labelled.append(parts[0] + "".join(f'<td data-label="{esc(head[k]) if k < len(head) else ""}"{p}'
                                           for k, p in enumerate(parts[1:])))
    return (f'<div class="scroll"><table class="stack {cls}"><thead><tr>{ths}</tr></thead>'
            f'<tbody>{"".join(labelled)}</tbody></table></div>{more}')


# ---------------------------------------------------------------------------------------- overview


def overview(data: ReportData) -> str:
    n_unres = sum(len(v) for v in data.unresolved.values())
    cards = [(len({d.city for d in data.docs if d.city}), "城市"),
             (len(data.docs), "文件（去除重复格式）"), (data.counts.get("documents", 0), "已入库文件（各格式）"),
             (sum(d.targets for d in data.docs), "目标"), (sum(d.assignments for d in data.docs), "任务分工"),
             (len(data.indicators), "有目标的标准指标"), (n_unres, "待人工核查")]
    card_html = "".join(f'<div class="card"><b>{n}</b><span>{label}</span></div>' for n, label in cards)
    city_rows = [f'<tr><td class="city">{esc(c["name"])}</td><td>{esc(c["province"])}</td><td class="num">{c["documents"]}</td>'
                 f'<td class="num">{c["targets"]}</td><td class="num">{c["assignments"]}</td></tr>'
                 for c in data.cities]
    doc_rows = [_doc_row(d) for d in data.docs]
    fails = ""
    if data.failures:
        frows = [f'<tr><td>{esc(f.get("path"))}</td><td>{esc(f.get("error_type"))}</td><td>{esc(f.get("reason"))}</td>'
                 "</tr>" for f in data.failures]
        fails = "<h3>读取失败的文件</h3>" + table(["文件", "错误", "原因"], frows)
    return (f'<section class="block" id="overview"><h2>概览</h2><div class="cards">{card_html}</div>'
            '<p class="muted">同一文件的不同格式（txt / docx / html / pdf）合并为一行；目标与任务数取自其中一个格式。</p>'
            "<h3>城市</h3>" + table(["城市", "省份", "文件", "目标", "任务"], city_rows) +
            "<h3 style=\"margin-top:12px\">文件</h3>" +
            table(["标题", "城市", "发文机关 / 文号", "状态", "日期", "格式", "目标", "任务"], doc_rows) + fails +
            "</section>")


def _doc_row(d: Doc) -> str:
    fmts = " ".join(f'<a href="{esc(source_href(r["id"]))}">{esc(r["format"])}</a>' if r.get("id")
                    else esc(r["format"]) for r in d.renderings)
    issuer = esc(d.issuer) + ("<br>" if d.issuer and d.doc_number else "") + esc(d.doc_number)
    return (f'<tr><td class="doc">{esc(d.title)}</td><td class="city">{esc(d.place)}</td><td>{issuer}</td>'
            f'<td class="short">{status_pill(d.status)}</td><td class="short">{esc(d.date) or "—"}</td>'
            f'<td class="short">{fmts}</td>'
            f'<td class="num">{d.targets}</td><td class="num">{d.assignments}</td></tr>')


# ---------------------------------------------------------------------------------------- indicators


def _legend(section: dict, colors: dict[str, str]) -> str:
    if dense(section["rows"]):  # a density chart: no colour per place
        return ""
    keys = "".join(f'<span class="key"><i style="background:{colors.get(c, "#555")}"></i>{esc(c)}</span>'
                   for c in section["cities"])
    keys += '<span class="key"><i class="hollow"></i>草稿</span><span class="key"><i class="base"></i>基线</span>'
    refs = [n for n in section["national"] if n.get("value") is not None]
    if refs:
        what = "；".join(f'{esc(n.get("year") or "")}年 {esc(value_label(n.get("comparator"), n["value"], n.get("unit")))}'
                        for n in refs)
        keys += f'<span class="key"><b class="ln ref"></b>全国参考 {what}</span>'
    return f'<div class="legend">{keys}</div>'


def _quotes(quotes: list[dict]) -> tuple[str, str]:
    return ("<hr>".join(esc(q["text"]) for q in quotes),
            "<hr>".join(pages(q["pages"]) for q in quotes))


def _target_cell(r: dict, unit: str | None) -> str:
    t = r["target"]
    if t.get("value") is None:
        return f'{esc(t.get("qualitative"))}<br><span class="muted">{esc(t.get("year"))} 定性</span>'
    return f'{esc(value_label(t.get("comparator"), t["value"], unit))}<br><span class="muted">{esc(t.get("year"))}</span>'


def indicator_section(k: int, s: dict, colors: dict[str, str]) -> str:
    colors = distinct_colors(s["cities"], colors)  # never the same colour twice in one chart
    charts = indicator_charts(s, colors)
    qual = [r for r in s["rows"] if r["target"].get("value") is None]
    rows = []
    for n in s["national"]:  # first: a long table never hides the national reference
        quote, pg = _quotes(n["quotes"])
        target = (esc(value_label(n.get("comparator"), n["value"], n.get("unit"))) if n.get("value") is not None
                  else esc(n.get("qualitative")))
        rows.append(f'<tr{row_id(n)}><td class="city">全国参考</td><td class="doc">{esc(n.get("title"))}</td><td class="num">—</td>'
                    f'<td class="num">{target}<br><span class="muted">{esc(n.get("year"))}</span></td><td class="num">—</td>'
                    f'<td>{pg}</td><td class="quote">{quote}</td></tr>')
    for r in s["rows"]:
        b = r.get("baseline") or {}
        base = (f'{esc(fmt_num(b.get("value")))}{esc(r.get("unit") or "")}<br><span class="muted">{esc(b.get("year"))}</span>'
                if b.get("value") is not None else "—")
        cagr = f'{r["cagr"] * 100:.1f}%' if r.get("cagr") is not None else "—"
        notes = []
        if r.get("converted_from"):
            notes.append(f'由{esc(r["converted_from"])}换算')
        if "unit_not_comparable" in (r.get("flags") or []):
            notes.append("单位不可比")
        if r.get("scope"):
            notes.append(f'范围：{esc(r["scope"])}')
        quote, pg = _quotes(r["quotes"])
        rows.append(f'<tr{row_id(r)}><td class="city">{esc(r["city"])}</td><td class="doc">{esc(r.get("title"))} {status_pill(r.get("status"))}'
                    f'{"<br><span class=muted>" + "；".join(notes) + "</span>" if notes else ""}</td>'
                    f'<td class="num">{base}</td><td class="num">{_target_cell(r, r.get("unit"))}</td>'
                    f'<td class="num">{cagr}</td><td>{pg}</td><td class="quote">{quote}</td></tr>')
    meta = [esc(s["id"])]
    if s.get("uncatalogued"):
        meta.append("目录未收录的指标（按规范化名称归组）")
    if s.get("category"):
        meta.append(esc(s["category"]))
    if s.get("unit"):
        meta.append(f'单位 {esc(s["unit"])}')
    meta.append(f'{len(s["cities"])} 个城市')
    chart_html = ('<div class="charts">' + "".join(f'<div class="chartbox">{c}</div>' for c in charts)
                  + "</div>") if charts else \
        '<p class="note">没有可绘制的数值目标（只有定性目标或全国参考），见下表。</p>'
    qual_note = ""
    if qual and charts:
        qual_note = ('<p class="note">未绘制的定性目标：' + "；".join(
            f'{esc(r["city"])} {esc(r["target"].get("year"))} {esc(r["target"].get("qualitative"))}' for r in qual)
            + "</p>")
    return (f'<div class="ind" id="ind-{k}"><details open><summary><h3>{esc(s["name"])}</h3>'
            f'<div class="muted">{" · ".join(meta)}</div></summary>'
            f'{_legend(s, colors) if charts else ""}{chart_html}{qual_note}'
            + table(["城市", "文件", "基线", "目标", "年均增速", "页码", "原文"], rows, "sources",
                    full_list=f'完整的表：<code>policyparse compare {esc(s["id"])} --format csv</code>')
            + "</details></div>")


def indicators(data: ReportData, colors: dict[str, str]) -> str:
    if not data.indicators:
        return ('<section class="block" id="indicators"><h2>指标对比</h2>'
                '<p class="empty">存储中没有与标准指标关联的目标。</p></section>')
    toc = "".join(f'<li><a href="#ind-{k}">{esc(s["name"])}</a> <span class="muted">{len(s["cities"])}</span></li>'
                  for k, s in enumerate(data.indicators))
    multi, single = [], []
    for k, s in enumerate(data.indicators):
        if len(s["cities"]) >= 2:
            multi.append(indicator_section(k, s, colors))
        else:
            single.append((k, s))
    body = "".join(multi) or '<p class="note">没有两个以上城市共有的指标。</p>'
    if single:
        body += (f'<h3 class="sub" id="single">只有一个城市（或只有全国参考）的指标（{len(single)}）</h3>'
                 '<p class="muted">这些指标无从对比，不逐一绘图：每个目标一行，页码链接到原文中的高亮。</p>'
                 + single_table(single))
    return ('<section class="block" id="indicators"><h2>指标对比</h2>'
            '<p class="muted">每个标准指标：各城市的目标值（按目标年份），基线到目标的箭头，全国参考线（如有）；'
            '下表列出来源文件、页码和原文。先列出多个城市共有的指标。</p>'
            f'<details><summary>指标目录（{len(data.indicators)}）</summary><ul class="tocl">{toc}</ul></details>'
            f"{body}</section>")


def single_table(items: list[tuple[int, dict]]) -> str:
    """One compact table of the indicators that only one place (or only the national reference)
    sets: a row per target, the indicator named on its first row (``id="ind-<k>"`` for the list
    of indicators). Every row is shown (each is far smaller than the chart it replaces)."""
    rows = []
    for k, s in items:
        name = (f'<td class="doc" id="ind-{k}">{esc(s["name"])}<br><span class="muted">{esc(s["id"])}'
                f'{" · 目录未收录" if s.get("uncatalogued") else ""}</span></td>')
        entries = [("全国参考", n, n.get("title"), None) for n in s["national"]] + \
                  [(r["city"], r, r.get("title"), r) for r in s["rows"]]
        for j, (place, e, title, r) in enumerate(entries):
            if r is None:
                target = (esc(value_label(e.get("comparator"), e["value"], e.get("unit"))) if e.get("value") is not None
                          else esc(e.get("qualitative")))
                target += f'<br><span class="muted">{esc(e.get("year"))}</span>'
                base = "—"
            else:
                b = r.get("baseline") or {}
                base = (f'{esc(fmt_num(b.get("value")))}{esc(r.get("unit") or "")}<br>'
                        f'<span class="muted">{esc(b.get("year"))}</span>' if b.get("value") is not None else "—")
                target = _target_cell(r, r.get("unit"))
            quote, pg = _quotes(e["quotes"])
            first = name if j == 0 else f'<td class="doc muted">{esc(s["name"])}</td>'
            rows.append(f'<tr{row_id(e)}>{first}<td class="city">{esc(place)}</td><td class="num">{base}</td>'
                        f'<td class="num">{target}</td><td class="doc">{esc(title)} {status_pill(e.get("status"))}</td>'
                        f'<td>{pg}</td><td class="quote">{quote}</td></tr>')
    return table(["指标", "城市", "基线", "目标", "文件", "页码", "原文"], rows, "sources single", cap=False)


# ---------------------------------------------------------------------------------------- matrix


def _cell(n: int, peak: int, rgb: str, title: str, extra: str = "") -> str:
    if not n and not extra:
        return f'<td class="h" title="{esc(title)}"></td>'
    alpha = 0.12 + 0.78 * (n / peak) if peak else 0.12
    fg = "#fff" if alpha > 0.55 else "#1f2933"
    return (f'<td class="h" title="{esc(title)}" style="background:rgba({rgb},{alpha:.2f});color:{fg}">'
            f"{n or ''}{extra}</td>")


def matrix(data: ReportData) -> str:
    m = data.matrix
    if not m["rows"]:
        return '<section class="block" id="matrix"><h2>部门职责矩阵</h2><p class="empty">没有部门分工。</p></section>'
    peak_l = max((c["lead"] for r in m["rows"] for c in r["cells"].values()), default=1) or 1
    peak_j = max((c["join"] for r in m["rows"] for c in r["cells"].values()), default=1) or 1
    head1 = "".join(f'<th class="city" colspan="2">{esc(c)}</th>' for c in m["cities"])
    head2 = "".join("<th class=\"num\">牵头</th><th class=\"num\">参与</th>" for _ in m["cities"])
    rows = []
    for r in m["rows"]:
        cells = []
        for c in m["cities"]:
            cell = r["cells"].get(c, {"lead": 0, "join": 0, "inferred": 0})
            sup = f'<sup>+{cell["inferred"]}*</sup>' if cell["inferred"] else ""
            cells.append(_cell(cell["lead"], peak_l, "192,57,43",
                               f'{r["name"]} · {c}：牵头 {cell["lead"]} 项；推定牵头 {cell["inferred"]} 项', sup))
            cells.append(_cell(cell["join"], peak_j, "36,113,163", f'{r["name"]} · {c}：参与 {cell["join"]} 项'))
        flag = ' <span class="pill">未匹配</span>' if not r["resolved"] else (
            ' <span class="pill">未收录</span>' if r.get("uncatalogued") else "")
        rows.append(f'<tr><td class="name">{esc(r["name"])}{flag}</td>{"".join(cells)}</tr>')
    return ('<section class="block" id="matrix"><h2>部门职责矩阵</h2>'
            '<p class="muted">每个部门类型在各城市牵头与参与的指标和任务数（同一事项在不同格式、不同版本中只计一次）。'
            '颜色越深数量越多；<sup>+n*</sup> 为推定牵头：文件未写明牵头单位，按惯例取排在第一位的责任单位。</p>'
            f'<div class="scroll"><table class="heat"><thead><tr><th rowspan="2">部门类型</th>{head1}</tr>'
            f'<tr>{head2}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>')
