"""The cross-city graph, condensed for reading: department types -> indicators -> cities.

The full graph (``policyparse graph``) has a node per target and assignment; here a target
becomes an edge indicator -> city ("the city sets a target for it") and a department leading or
joining a target/assignment of an indicator becomes an edge department type -> indicator,
coloured by the city. The layout is computed here (three columns ordered to reduce crossings);
the page's script only toggles classes (filter by indicator or city, click a node to focus it).
No document string reaches the script: elements carry short keys (``i3``, ``c1``), labels are
escaped SVG text.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from policyparse.query.common import NATIONAL_LABEL, is_national, place_label
from policyparse.report.common import city_colors, esc, truncate

NATIONAL = NATIONAL_LABEL
ROW = 19  # px between nodes in a column
COL_X = (0, 260, 660)  # left edge of the department, indicator and city columns
COL_W = (150, 272, 100)
TOP = 34


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


def _layout(data: dict) -> tuple[dict, dict, dict, int]:
    cities = data["cities"]
    cidx = {c: k for k, c in enumerate(cities)}
    ind_cities: dict[str, set] = {}
    for t in data["targets"]:
        ind_cities.setdefault(t["ind"], set()).add(t["city"])
    for r in data["roles"]:
        ind_cities.setdefault(r["ind"], set()).add(r["city"])

    def ind_key(i: dict) -> tuple:
        cs = ind_cities.get(i["node"], set())
        return (-len(cs), sum(cidx[c] for c in cs) / max(len(cs), 1), i["name"])

    inds = sorted(data["indicators"], key=ind_key)
    iy = {i["node"]: TOP + k * ROW for k, i in enumerate(inds)}
    links: dict[str, list[int]] = {}
    for r in data["roles"]:
        links.setdefault(r["dept"], []).append(iy[r["ind"]])
    depts = sorted(data["depts"], key=lambda d: (sum(links.get(d["node"], [0])) / max(len(links.get(d["node"], [])), 1),
                                                 d["name"]))
    height = TOP + max(len(inds), len(depts), 1) * ROW + 10
    dstep = max(ROW, (height - TOP - 10) / max(len(depts), 1))  # spread the shorter column over the height
    dy = {d["node"]: int(TOP + k * dstep + (dstep - ROW) / 2) for k, d in enumerate(depts)}
    step = (height - TOP) / max(len(cities), 1)
    cy = {c: int(TOP + step * (k + 0.5) - ROW / 2) for k, c in enumerate(cities)}
    return iy, dy, cy, height


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    mx = (x1 + x2) / 2
    return f"M{x1:.0f},{y1:.1f} C{mx:.0f},{y1:.1f} {mx:.0f},{y2:.1f} {x2:.0f},{y2:.1f}"


def _node(key: str, x: int, y: int, w: int, label: str, full: str, cls: str, color: str | None = None) -> str:
    style = f' style="fill:{color}"' if color else ""
    return (f'<g class="n {cls}" data-k="{key}" tabindex="0"><title>{esc(full)}</title>'
            f'<rect x="{x}" y="{y - 8}" width="{w}" height="16" rx="4"{style}/>'
            f'<text x="{x + 6}" y="{y + 4}">{esc(label)}</text></g>')


def render(data: dict) -> tuple[str, str]:
    """The controls (HTML) and the SVG of the condensed graph."""
    if not data["indicators"]:
        return "", '<p class="empty">图中没有指标（存储中没有与指标关联的目标或任务）。</p>'
    colors = city_colors(data["cities"], NATIONAL)
    iy, dy, cy, height = _layout(data)
    ikey = {i["node"]: f"i{k}" for k, i in enumerate(data["indicators"])}
    dkey = {d["node"]: f"d{k}" for k, d in enumerate(data["depts"])}
    ckey = {c: f"c{k}" for k, c in enumerate(data["cities"])}
    names = {i["node"]: i["name"] for i in data["indicators"]}
    dnames = {d["node"]: d["name"] for d in data["depts"]}
    width = COL_X[2] + COL_W[2] + 4
    off = {c: (k - (len(data["cities"]) - 1) / 2) * 2.0 for k, c in enumerate(data["cities"])}
    parts = [f'<svg id="graph-svg" class="graph" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="跨城市关系图">',
             f'<text class="colhead" x="{COL_X[0]}" y="14">部门类型</text>',
             f'<text class="colhead" x="{COL_X[1]}" y="14">指标</text>',
             f'<text class="colhead" x="{COL_X[2]}" y="14">城市</text>', '<g class="edges">']
    for r in data["roles"]:
        x1, y1 = COL_X[0] + COL_W[0], dy[r["dept"]] + off[r["city"]]
        x2, y2 = COL_X[1], iy[r["ind"]] + off[r["city"]]
        parts.append(f'<path class="e {r["role"]}" data-s="{dkey[r["dept"]]}" data-t="{ikey[r["ind"]]}" '
                     f'data-i="{ikey[r["ind"]]}" data-c="{ckey[r["city"]]}" stroke="{colors[r["city"]]}" '
                     f'd="{_curve(x1, y1, x2, y2)}"><title>{esc(r["city"])} · {esc(dnames[r["dept"]])} '
                     f'{"牵头" if r["role"] == "lead" else "参与"} · {esc(names[r["ind"]])}</title></path>')
    for t in data["targets"]:
        x1, y1 = COL_X[1] + COL_W[1], iy[t["ind"]]
        x2, y2 = COL_X[2], cy[t["city"]]
        parts.append(f'<path class="e target" data-s="{ikey[t["ind"]]}" data-t="{ckey[t["city"]]}" '
                     f'data-i="{ikey[t["ind"]]}" data-c="{ckey[t["city"]]}" stroke="{colors[t["city"]]}" '
                     f'd="{_curve(x1, y1, x2, y2)}"><title>{esc(t["city"])} 为“{esc(names[t["ind"]])}”设定了目标</title></path>')
    parts.append("</g><g class=\"nodes\">")
    for d in data["depts"]:
        parts.append(_node(dkey[d["node"]], COL_X[0], dy[d["node"]], COL_W[0], truncate(d["name"], 11),
                           d["name"], "dept"))
    for i in data["indicators"]:
        parts.append(_node(ikey[i["node"]], COL_X[1], iy[i["node"]], COL_W[1], truncate(i["name"], 21),
                           i["name"], "ind"))
    for c in data["cities"]:
        parts.append(_node(ckey[c], COL_X[2], cy[c], COL_W[2], c, c, "city", colors[c]))
    parts.append("</g></svg>")
    ind_opts = "".join(f'<option value="{ikey[i["node"]]}">{esc(i["name"])}</option>'
                       for i in sorted(data["indicators"], key=lambda i: i["name"]))
    city_opts = "".join(f'<option value="{ckey[c]}">{esc(c)}</option>' for c in data["cities"])
    legend = "".join(f'<span class="key"><i style="background:{colors[c]}"></i>{esc(c)}</span>'
                     for c in data["cities"])
    controls = (
        '<div class="graph-controls">'
        f'<label>指标 <select id="graph-ind"><option value="">全部指标</option>{ind_opts}</select></label>'
        f'<label>城市 <select id="graph-city"><option value="">全部城市</option>{city_opts}</select></label>'
        '<button type="button" id="graph-reset">重置</button> <span id="graph-status" class="muted"></span></div>'
        f'<div class="legend">{legend}<span class="key"><b class="ln lead"></b>牵头</span>'
        '<span class="key"><b class="ln join"></b>参与</span><span class="muted">点击节点可单独查看其连线'
        '<span class="narrow">；图较宽，可左右滑动</span></span></div>'
    )
    return controls, "".join(parts)


SCRIPT = """
(function () {
  var svg = document.getElementById('graph-svg');
  if (!svg) { return; }
  var selI = document.getElementById('graph-ind');
  var selC = document.getElementById('graph-city');
  var status = document.getElementById('graph-status');
  var edges = Array.prototype.slice.call(svg.querySelectorAll('.e'));
  var nodes = Array.prototype.slice.call(svg.querySelectorAll('.n'));
  var focus = '';
  function apply() {
    var i = selI.value, c = selC.value, live = {}, shown = 0;
    edges.forEach(function (e) {
      var d = e.dataset;
      var ok = (!i || d.i === i) && (!c || d.c === c) && (!focus || d.s === focus || d.t === focus);
      e.classList.toggle('dim', !ok);
      e.classList.toggle('hl', ok && !!(i || c || focus));
      if (ok) { live[d.s] = 1; live[d.t] = 1; shown += 1; }
    });
    var any = !!(i || c || focus);
    nodes.forEach(function (n) {
      var k = n.dataset.k;
      n.classList.toggle('dim', any && !live[k]);
      n.classList.toggle('focus', k === focus || k === i || k === c);
    });
    status.textContent = shown + ' / ' + edges.length + ' 条连线';
  }
  function reveal() {  // scroll the graph box to the first node still lit
    var wrap = svg.parentNode, top = null;
    nodes.forEach(function (n) {
      if (!n.classList.contains('dim') && !n.classList.contains('city')) {
        var y = n.getBBox().y;
        if (top === null || y < top) { top = y; }
      }
    });
    if (top !== null && wrap.scrollTo) { wrap.scrollTo({top: Math.max(0, top - 40)}); }
  }
  function pick(k) {
    if (k.charAt(0) === 'i') { selI.value = selI.value === k ? '' : k; focus = ''; }
    else if (k.charAt(0) === 'c') { selC.value = selC.value === k ? '' : k; focus = ''; }
    else { focus = focus === k ? '' : k; }
    apply();
  }
  nodes.forEach(function (n) {
    n.addEventListener('click', function () { pick(n.dataset.k); });
    n.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(n.dataset.k); }
    });
  });
  selI.addEventListener('change', function () { focus = ''; apply(); reveal(); });
  selC.addEventListener('change', function () { focus = ''; apply(); reveal(); });
  document.getElementById('graph-reset').addEventListener('click', function () {
    selI.value = ''; selC.value = ''; focus = ''; apply();
  });
  apply();
})();
"""
