"""Per-indicator charts as hand-written SVG: target value by target year for every city,
baseline-to-target arrows, the national reference as a dashed line.

SVG text stays text (searchable, crisp, rendered with the report's embedded CJK font), every
label is escaped, and nothing needs a script. One chart per unit: rows in a unit the comparison
cannot convert (``unit_not_comparable``) get their own chart rather than a misleading shared axis.
"""

from __future__ import annotations

import math

from policyparse.report.common import COMPARATOR, STATUS_LABEL, esc, fmt_num
from policyparse.report.labels import ASCENT, DESCENT, Placer, text_box

W, H = 520, 270
ML, MR, MT, MB = 56, 106, 40, 36  # margins: left (y ticks), right (value labels), top, bottom
# text sizes in viewBox units as drawn on narrow screens (the larger case, see style.py): label
# boxes are reserved at these sizes, so nothing overlaps at any width
LABEL, TICK = 18, 16
NOTE_Y = 22  # baseline of the unit (left) and of the note on labels left out (right)
# beyond this many targets in one chart the value labels would only pile up: the points keep their
# hover titles and the table below has the values
MAX_LABELLED_POINTS = 30
# beyond this many targets (hundreds of plans) one marker per target is an unreadable smear and
# megabytes of SVG: the chart becomes a density (targets counted per target year and value band)
MAX_DRAWN_POINTS = 120
BANDS = 24  # value bands of a density chart


def plotted(rows: list[dict]) -> list[dict]:
    """The rows a chart plots: a numeric target with a year."""
    return [r for r in rows if r["target"].get("value") is not None and r["target"].get("year")]


def dense(rows: list[dict]) -> bool:
    """Whether the chart of ``rows`` is drawn as a density rather than a marker per target."""
    return len(plotted(rows)) > MAX_DRAWN_POINTS


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw * 0.8)  # 1-2-5 steps, 5 to 8 ticks
    start = math.floor(lo / step) * step
    out, v = [], start
    while v <= hi + step * 1e-9:
        out.append(round(v, 10))
        v += step
    if out[-1] < hi:
        out.append(round(out[-1] + step, 10))
    return out


def short_city(c: str | None) -> str:
    c = c or ""
    return c[:-1] if c.endswith("市") and len(c) > 2 else c


def value_label(comparator: str | None, value, unit: str | None) -> str:
    return f"{COMPARATOR.get(comparator or '=', comparator or '')}{fmt_num(value)}{unit or ''}"


def _arrow(x1: float, y1: float, x2: float, y2: float, color: str, dashed: bool) -> str:
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 12:
        return ""
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    ex, ey = x2 - ux * 7, y2 - uy * 7  # stop at the target marker's edge
    hx, hy = ex - ux * 7, ey - uy * 7
    px, py = -uy * 4, ux * 4
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{hx:.1f}" y2="{hy:.1f}" stroke="{color}" '
            f'stroke-width="1.6"{dash}/>'
            f'<polygon points="{ex:.1f},{ey:.1f} {hx + px:.1f},{hy + py:.1f} {hx - px:.1f},{hy - py:.1f}" '
            f'fill="{color}"/>')


def chart(rows: list[dict], national: list[dict], unit: str | None, colors: dict[str, str],
          title: str) -> str:
    """One SVG chart of ``rows`` (compare rows with a numeric target, all in ``unit``)."""
    pts = plotted(rows)
    refs = [n for n in national if n.get("value") is not None and (n.get("unit") or unit) == unit]
    if not pts:
        return ""
    years = [r["target"]["year"] for r in pts]
    values = [float(r["target"]["value"]) for r in pts] + [float(n["value"]) for n in refs]
    for r in pts:
        b = r.get("baseline") or {}
        if b.get("value") is not None and b.get("year"):
            years.append(b["year"])
            values.append(float(b["value"]))
    y0, y1 = min(years) - 0.5, max(years) + 0.5
    if y1 - y0 < 2:
        y0, y1 = y0 - 0.5, y1 + 0.5
    vmin, vmax = min(values), max(values)
    lo = 0.0 if vmin >= 0 and (vmin <= 0.45 * vmax or vmax == vmin) else vmin - (vmax - vmin) * 0.15
    if vmax == vmin:
        vmax = vmax * 1.2 if vmax > 0 else vmax + 1
    ticks = nice_ticks(lo, vmax * 1.05 if vmax > 0 else vmax)
    lo, hi = ticks[0], ticks[-1]
    pw, ph = W - ML - MR, H - MT - MB

    def sx(year: float) -> float:
        return ML + (year - y0) / (y1 - y0) * pw

    def sy(v: float) -> float:
        return MT + ph - (v - lo) / (hi - lo) * ph

    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
           f'aria-label="{esc(title)}"><title>{esc(title)}</title>']
    placer = Placer((0, 0, W, H))
    texts: list[str] = []

    def put(x: float, y: float, text: str, anchor: str, size: float, cls: str) -> bool:
        box = text_box(x, y, text, anchor, size)
        if not placer.free(box, soft=False):
            return False
        placer.take(box)
        texts.append(f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{esc(text)}</text>')
        return True

    for t in ticks:
        y = sy(t)
        out.append(f'<line class="grid" x1="{ML}" x2="{W - MR}" y1="{y:.1f}" y2="{y:.1f}"/>')
        put(ML - 6, y + 5, fmt_num(t), "end", TICK, "tick")
    step = 1 if y1 - y0 <= 12 else 2
    for yr in range(math.ceil(y0), math.floor(y1) + 1, step):
        put(sx(yr), H - 8, str(yr), "middle", TICK, "tick")
    out.append(f'<line class="axis" x1="{ML}" x2="{W - MR}" y1="{MT + ph}" y2="{MT + ph}"/>')
    if unit:
        put(4, NOTE_Y, unit, "start", TICK, "unit")
    # room for the note on labels left out (top right), whether or not it is needed
    placer.take(text_box(W - 4, NOTE_Y, "0000 个数值标签未显示（悬停圆点查看）", "end", TICK))
    markers: list[tuple[float, float]] = []  # every plotted point
    for n in refs:
        y = sy(float(n["value"]))
        out.append(f'<g class="ref"><title>{esc(n.get("title"))}</title>'
                   f'<line x1="{ML}" x2="{W - MR}" y1="{y:.1f}" y2="{y:.1f}"/></g>')
        # short, so it rarely runs into points; the legend spells the reference out
        put(ML + 4, y - 4, "全国", "start", TICK, "reflabel")
    if len(pts) > MAX_DRAWN_POINTS:
        out.append(_density(pts, unit, sx, sy, lo, hi, pw))
        texts.append(f'<text class="unit" x="{W - 4}" y="{NOTE_Y}" text-anchor="end">'
                     f'{len(pts)} 个目标按年份和数值分组，颜色越深越多</text>')
        return "".join(out + texts) + "</svg>"
    labels: list[dict] = []
    for r in pts:
        color = colors.get(r["city"] or "", "#555")
        t, b = r["target"], r.get("baseline") or {}
        draft = r.get("status") == "draft"
        tx, ty = sx(t["year"]), sy(float(t["value"]))
        markers.append((tx, ty))
        desc = (f'{r["city"] or ""} · {STATUS_LABEL.get(r.get("status"), r.get("status") or "")} · '
                f'{r.get("title") or ""}\n')
        if b.get("value") is not None and b.get("year"):
            bx, by = sx(b["year"]), sy(float(b["value"]))
            markers.append((bx, by))
            desc += f'{b["year"]}年基线 {fmt_num(b["value"])}{unit or ""} → '
            out.append(_arrow(bx, by, tx, ty, color, draft))
            out.append(f'<circle class="base" cx="{bx:.1f}" cy="{by:.1f}" r="3.5" fill="{color}"/>')
            labels.append({"x": bx, "y": by, "text": fmt_num(b["value"]), "cls": "blabel", "color": color})
        desc += f'{t["year"]}年目标 {value_label(t.get("comparator"), t["value"], unit)}'
        fill = "#fff" if draft else color
        out.append(f'<circle class="pt" cx="{tx:.1f}" cy="{ty:.1f}" r="5.5" fill="{fill}" stroke="{color}" '
                   f'stroke-width="2" data-place="{esc(r["city"] or "")}"><title>{esc(desc)}</title></circle>')
        labels.append({"x": tx, "y": ty, "color": color, "cls": "vlabel",
                       "text": f'{short_city(r["city"])} {value_label(t.get("comparator"), t["value"], unit)}'})
    placer.bounds = (0, MT - 12, W, MT + ph + 6)  # labels stay in the plot band
    placer.soft = [(mx - 7, my - 7, mx + 7, my + 7) for mx, my in markers]
    dropped = sum(lb["cls"] == "vlabel" for lb in labels) if len(pts) > MAX_LABELLED_POINTS else 0
    if not dropped:
        seen: set = set()
        labels = [lb for lb in labels if not ((k := (round(lb["x"]), round(lb["y"]), lb["text"])) in seen or seen.add(k))]
        labels.sort(key=lambda lb: (lb["cls"] != "vlabel", lb["x"], lb["y"]))  # values before baselines
        for lb in labels:
            spot = placer.place(_candidates(lb))
            if spot is None:
                dropped += lb["cls"] == "vlabel"
                continue
            x, y, anchor = spot
            mid = y - LABEL * 0.35
            if lb["cls"] == "vlabel" and abs(mid - lb["y"]) > 7:  # a leader to a displaced label
                sign = -1 if anchor == "end" else 1
                out.append(f'<line class="leader" x1="{lb["x"] + 5 * sign:.1f}" y1="{lb["y"]:.1f}" '
                           f'x2="{x - 2 * sign:.1f}" y2="{mid:.1f}" stroke="{lb["color"]}"/>')
            texts.append(f'<text class="{lb["cls"]}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
                         f'fill="{lb["color"]}">{esc(lb["text"])}</text>')
    if dropped:
        texts.append(f'<text class="unit" x="{W - 4}" y="{NOTE_Y}" text-anchor="end">'
                     f'{dropped} 个数值标签未显示（悬停圆点查看）</text>')
    return "".join(out + texts) + "</svg>"


def _density(pts: list[dict], unit: str | None, sx, sy, lo: float, hi: float, pw: float) -> str:
    """A cell per (target year, value band) holding targets, darker for more; its title says
    how many targets and places, so the chart stays a few kB whatever the number of plans."""
    cells: dict[tuple[int, int], list[dict]] = {}
    for r in pts:
        band = min(BANDS - 1, max(0, int((float(r["target"]["value"]) - lo) / (hi - lo) * BANDS)))
        cells.setdefault((int(r["target"]["year"]), band), []).append(r)
    peak = max(len(v) for v in cells.values())
    width = min(28.0, pw / max(1, len({y for y, _ in cells}) * 1.5))
    out = ['<g class="density">']
    for (year, band), rs in sorted(cells.items()):
        a, b = lo + (hi - lo) * band / BANDS, lo + (hi - lo) * (band + 1) / BANDS
        y_top, y_bot = sy(b), sy(a)
        places = len({r["city"] for r in rs})
        alpha = 0.15 + 0.85 * len(rs) / peak
        out.append(f'<rect x="{sx(year) - width / 2:.1f}" y="{y_top:.1f}" width="{width:.1f}" '
                   f'height="{max(y_bot - y_top, 1):.1f}" fill="#2471a3" fill-opacity="{alpha:.2f}">'
                   f'<title>{year}年目标 {esc(fmt_num(round(a, 4)))}–{esc(fmt_num(round(b, 4)))}{esc(unit or "")}：'
                   f'{len(rs)} 个目标，{places} 个城市</title></rect>')
    return "".join(out) + "</g>"


def _candidates(lb: dict):
    """Positions for a point's label: beside it (right, then left), then stepped up and down
    with a leader line; a baseline's label only left or right of its point."""
    size = LABEL if lb["cls"] == "vlabel" else TICK
    steps = (0,) if lb["cls"] == "blabel" else (0, -1, 1, -2, 2, -3, 3, -4, 4)
    sides = ("end", "start") if lb["cls"] == "blabel" else ("start", "end")
    line = (ASCENT + DESCENT) * size + 2
    for k in steps:
        y = lb["y"] + size * 0.35 + k * line
        for anchor in sides:
            sign = 1 if anchor == "start" else -1
            x = lb["x"] + sign * (9 + (10 if k else 0))
            yield text_box(x, y, lb["text"], anchor, size), (x, y, anchor)


def indicator_charts(section: dict, colors: dict[str, str]) -> list[str]:
    """One chart per unit among the section's rows (the comparison unit first)."""
    by_unit: dict[str | None, list[dict]] = {}
    for r in section["rows"]:
        by_unit.setdefault(r.get("unit"), []).append(r)
    units = sorted(by_unit, key=lambda u: (u != section.get("unit"), u or ""))
    out = []
    for u in units:
        title = f'{section["name"]}（{u}）' if u else section["name"]
        svg = chart(by_unit[u], section["national"], u, colors, title)
        if svg:
            out.append(svg)
    return out
