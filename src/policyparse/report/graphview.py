"""The cross-city graph, condensed for reading: department types -> indicators -> cities.

The full graph (``policyparse graph``) has a node per target and assignment; here a target
becomes an edge indicator -> city ("the city sets a target for it") and a department leading or
joining a target/assignment of an indicator becomes an edge department type -> indicator,
coloured by the city. The page embeds this as JSON and its script draws one ego network at a
time (an indicator or a department with its neighbours), laid out afresh for each choice and
capped at :data:`CAP` nodes. Names reach the page only as escaped JSON and are set as
``textContent``, never as markup.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from policyparse.query.common import NATIONAL_LABEL, is_national, place_label
from policyparse.report.common import city_colors, esc, script_json

NATIONAL = NATIONAL_LABEL
CAP = 60  # nodes drawn at once; the rest are counted ("n more not drawn")


def _first(g: nx.MultiDiGraph, node: str, kind: str, reverse: bool = False) -> str | None:
    edges = g.in_edges(node, keys=True) if reverse else g.out_edges(node, keys=True)
    for u, v, k in edges:
        if k == kind:
            return u if reverse else v
    return None


def condense(g: nx.MultiDiGraph, gaz: Any = None) -> dict:
    """Cities, indicators, department types and the edges between them (see module doc)."""
    targets: dict[tuple[str, str], int] = {}
    depts: dict[tuple[str, str, str], str] = {}
    for n, a in g.nodes(data=True):
        if a.get("kind") not in ("target", "assignment"):
            continue
        ind = _first(g, n, "measures")
        if ind is None:
            continue
        doc = _first(g, n, "sets" if a["kind"] == "target" else "assigns", reverse=True)
        node = g.nodes[doc] if doc else {}
        city = place_label(node.get("city"), node.get("province"),
                           is_national({k: node.get(k) for k in ("city", "province", "issuer", "title")}))
        if a["kind"] == "target":
            targets[(ind, city)] = targets.get((ind, city), 0) + 1
        for u, _, k, ea in g.in_edges(n, keys=True, data=True):
            if k not in ("leads", "participates"):
                continue
            dtype = _first(g, u, "is_a")
            if dtype is None:
                continue
            role = "lead" if k == "leads" and not ea.get("inferred") else "join"
            key = (dtype, ind, city)
            if depts.get(key) != "lead":
                depts[key] = role

    def dept_name(node: str) -> str:
        did = g.nodes[node].get("dept_id") or node.split(":", 1)[-1]
        if gaz is not None:
            try:
                return gaz.department(did).name
            except Exception:
                pass
        return did

    cities = sorted({c for _, c in targets} | {c for _, _, c in depts}, key=lambda c: (c == NATIONAL, c))
    inds = sorted({i for i, _ in targets} | {i for _, i, _ in depts})
    return {
        "cities": cities,
        "indicators": [{"node": i, "name": g.nodes[i].get("name") or i} for i in inds],
        "depts": [{"node": d, "name": dept_name(d)} for d in sorted({d for d, _, _ in depts})],
        "targets": [{"ind": i, "city": c, "n": n} for (i, c), n in sorted(targets.items())],
        "roles": [{"dept": d, "ind": i, "city": c, "role": r} for (d, i, c), r in sorted(depts.items())],
    }


def _payload(data: dict) -> dict:
    """The graph as compact JSON for the page's script: names once, edges as index lists."""
    colors = city_colors(data["cities"], NATIONAL)
    ik = {i["node"]: k for k, i in enumerate(data["indicators"])}
    dk = {d["node"]: k for k, d in enumerate(data["depts"])}
    ck = {c: k for k, c in enumerate(data["cities"])}
    return {"c": [[c, colors[c]] for c in data["cities"]],
            "i": [i["name"] for i in data["indicators"]],
            "d": [d["name"] for d in data["depts"]],
            "r": [[dk[r["dept"]], ik[r["ind"]], ck[r["city"]], int(r["role"] == "lead")] for r in data["roles"]],
            "t": [[ik[t["ind"]], ck[t["city"]], t["n"]] for t in data["targets"]]}


def render(data: dict) -> tuple[str, str]:
    """The controls (HTML) and the graph's box: an empty SVG the script draws one ego network
    into (an indicator with its departments and cities, or a department with its cities and
    indicators), laid out afresh for every choice, at most ``data-cap`` nodes at once."""
    if not data["indicators"]:
        return "", '<p class="empty">图中没有指标（存储中没有与指标关联的目标或任务）。</p>'
    ind_opts = "".join(f'<option value="{k}">{esc(i["name"])}</option>'
                       for k, i in sorted(enumerate(data["indicators"]), key=lambda e: e[1]["name"]))
    dept_opts = "".join(f'<option value="{k}">{esc(d["name"])}</option>'
                        for k, d in sorted(enumerate(data["depts"]), key=lambda e: e[1]["name"]))
    city_opts = "".join(f'<option value="{k}">{esc(c)}</option>' for k, c in enumerate(data["cities"]))
    colors = city_colors(data["cities"], NATIONAL)
    legend = "".join(f'<span class="key"><i style="background:{colors[c]}"></i>{esc(c)}</span>'
                     for c in data["cities"])
    controls = (
        '<div class="graph-controls">'
        f'<label>指标 <select id="graph-ind"><option value="">—</option>{ind_opts}</select></label>'
        f'<label>部门 <select id="graph-dept"><option value="">—</option>{dept_opts}</select></label>'
        f'<label>城市 <select id="graph-city"><option value="">全部城市</option>{city_opts}</select></label>'
        '<button type="button" id="graph-reset">重置</button> <span id="graph-status" class="muted"></span></div>'
        f'<div class="legend">{legend}<span class="key"><b class="ln lead"></b>牵头</span>'
        '<span class="key"><b class="ln join"></b>参与</span><span class="muted">点击指标或部门节点，以它为中心重新绘制'
        '<span class="narrow">；图较宽，可左右滑动</span></span></div>'
    )
    svg = (f'<svg id="graph-svg" class="graph" xmlns="http://www.w3.org/2000/svg" data-cap="{CAP}" '
           'role="img" aria-label="跨城市关系图"></svg>'
           '<noscript><p class="note">关系图需要浏览器脚本；完整的图：<code>policyparse graph</code>。</p></noscript>'
           f'<script type="application/json" id="graph-data">{script_json(_payload(data))}</script>')
    return controls, svg


SCRIPT = r"""
(function () {
  var svg = document.getElementById('graph-svg'), payload = document.getElementById('graph-data');
  if (!svg || !payload) { return; }
  var G = JSON.parse(payload.textContent), NS = 'http://www.w3.org/2000/svg';
  var selI = document.getElementById('graph-ind'), selD = document.getElementById('graph-dept');
  var selC = document.getElementById('graph-city'), status = document.getElementById('graph-status');
  var ROW = 22, TOP = 30, X = [0, 240, 500], W = [180, 200, 250];
  function el(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function cut(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }
  function name(n) { return n.kind === 'i' ? G.i[n.k] : n.kind === 'd' ? G.d[n.k] : G.c[n.k][0]; }
  function add(list, seen, kind, k, w) {
    var id = kind + k;
    if (!seen[id]) { seen[id] = {kind: kind, k: k, w: 0}; list.push(seen[id]); }
    seen[id].w += w;
  }
  // the ego network of the chosen node: [left column, right column, edges]
  function ego(kind, k, city) {
    var left = [], right = [], seen = {}, edges = [];
    G.r.forEach(function (r) {
      if (city !== '' && r[2] !== city) { return; }
      if (kind === 'i' && r[1] === k) {
        add(left, seen, 'd', r[0], 1); edges.push(['d' + r[0], 'i' + k, r[2], r[3] ? 'lead' : 'join']);
      } else if (kind === 'd' && r[0] === k) {
        add(right, seen, 'i', r[1], 1); add(left, seen, 'c', r[2], 1);
        edges.push(['d' + k, 'i' + r[1], r[2], r[3] ? 'lead' : 'join']);
      }
    });
    if (kind === 'i') {
      G.t.forEach(function (t) {
        if (t[0] === k && (city === '' || t[1] === city)) {
          add(right, seen, 'c', t[1], t[2]); edges.push(['i' + k, 'c' + t[1], t[1], 'target']);
        }
      });
    } else {
      left.forEach(function (c) { edges.push(['c' + c.k, 'd' + k, c.k, 'target']); });
    }
    return [left, right, edges];
  }
  function byWeight(a, b) { return b.w - a.w || name(a).localeCompare(name(b), 'zh'); }
  function draw(kind, k) {
    var city = selC.value === '' ? '' : +selC.value;
    var cap = +svg.dataset.cap, parts = ego(kind, k, city), left = parts[0], right = parts[1];
    left.sort(byWeight); right.sort(byWeight);
    var total = left.length + right.length, hidden = 0;
    while (left.length + right.length > cap - 1) {
      (left.length >= right.length ? left : right).pop(); hidden += 1;
    }
    var pos = {}, rows = Math.max(left.length, right.length, 1);
    var height = TOP + rows * ROW + 10, mid = TOP + (rows - 1) * ROW / 2;
    pos[kind + k] = [X[1], mid, W[1]];
    [left, right].forEach(function (col, side) {
      var step = (rows * ROW) / Math.max(col.length, 1);  // the shorter column spreads over the height
      col.forEach(function (n, j) { pos[n.kind + n.k] = [X[side * 2], TOP + step * (j + 0.5) - ROW / 2, W[side * 2]]; });
    });
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    svg.setAttribute('width', X[2] + W[2] + 4); svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + (X[2] + W[2] + 4) + ' ' + height);
    var heads = kind === 'i' ? ['部门类型', '指标', '城市'] : ['城市', '部门类型', '指标'];
    heads.forEach(function (h, j) { el('text', {'class': 'colhead', x: X[j], y: 14}, svg).textContent = h; });
    var ge = el('g', {'class': 'edges'}, svg), gn = el('g', {'class': 'nodes'}, svg), drawn = 0;
    parts[2].forEach(function (e) {
      var a = pos[e[0]], b = pos[e[1]];
      if (!a || !b) { return; }
      var x1 = a[0] + a[2], y1 = a[1], x2 = b[0], y2 = b[1], mx = (x1 + x2) / 2;
      var p = el('path', {'class': 'e ' + e[3], stroke: G.c[e[2]][1], 'data-s': e[0], 'data-t': e[1],
                          d: 'M' + x1 + ',' + y1 + ' C' + mx + ',' + y1 + ' ' + mx + ',' + y2 + ' ' + x2 + ',' + y2}, ge);
      el('title', {}, p).textContent = G.c[e[2]][0];
      drawn += 1;
    });
    Object.keys(pos).forEach(function (id) {
      var n = {kind: id.charAt(0), k: +id.slice(1)}, q = pos[id], full = name(n);
      var g = el('g', {'class': 'n ' + ({i: 'ind', d: 'dept', c: 'city'})[n.kind] + (id === kind + k ? ' focus' : ''),
                       'data-k': id, tabindex: 0}, gn);
      el('title', {}, g).textContent = full;
      var rect = el('rect', {x: q[0], y: q[1] - 8, width: q[2], height: 16, rx: 4}, g);
      if (n.kind === 'c') { rect.style.fill = G.c[n.k][1]; }
      el('text', {x: q[0] + 6, y: q[1] + 4}, g).textContent = cut(full, Math.floor(q[2] / 12.5));
      g.addEventListener('click', function () { pick(n.kind, n.k); });
      g.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(n.kind, n.k); }
      });
    });
    status.textContent = (Object.keys(pos).length) + ' 个节点、' + drawn + ' 条连线' +
      (hidden ? '；另有 ' + hidden + ' 个节点未绘制（上限 ' + cap + '）' : '') + '（共 ' + (total + 1) + ' 个）';
    if (svg.parentNode.scrollTo) { svg.parentNode.scrollTo({top: 0}); }
  }
  function pick(kind, k) {
    if (kind === 'c') { selC.value = String(k); current(); return; }
    selI.value = kind === 'i' ? String(k) : ''; selD.value = kind === 'd' ? String(k) : '';
    draw(kind, k);
  }
  function busiest() {  // the indicator with the most connections, drawn first
    var deg = {}, best = 0;
    G.r.forEach(function (r) { deg[r[1]] = (deg[r[1]] || 0) + 1; });
    G.t.forEach(function (t) { deg[t[0]] = (deg[t[0]] || 0) + 1; });
    Object.keys(deg).forEach(function (k) { if (deg[k] > (deg[best] || 0)) { best = +k; } });
    return best;
  }
  function current() {
    if (selD.value !== '') { draw('d', +selD.value); }
    else { if (selI.value === '') { selI.value = String(busiest()); } draw('i', +selI.value); }
  }
  selI.addEventListener('change', function () { selD.value = ''; current(); });
  selD.addEventListener('change', function () { selI.value = ''; current(); });
  selC.addEventListener('change', current);
  document.getElementById('graph-reset').addEventListener('click', function () {
    selI.value = ''; selD.value = ''; selC.value = ''; current();
  });
  current();
})();
"""
