"""Per-indicator charts as hand-written SVG: target value by target year for every city,
baseline-to-target arrows, the national reference as a dashed line.

SVG text stays text (searchable, crisp, rendered with the report's embedded CJK font), every
label is escaped, and nothing needs a script. One chart per unit: rows in a unit the comparison
cannot convert (``unit_not_comparable``) get their own chart rather than a misleading shared axis.
"""

from __future__ import annotations

import math

from policyparse.report.common import COMPARATOR, STATUS_LABEL, esc, fmt_num

W, H = 520, 250
ML, MR, MT, MB = 56, 106, 28, 36  # margins: left (y ticks), right (value labels), top, bottom
FONT = 12
LABEL_GAP = 20  # room for the larger text of narrow screens (see style.py)
# beyond this many targets in one chart the value labels would only pile up: the points keep their
# hover titles and the table below has the values
MAX_LABELLED_POINTS = 30


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


def _spread(labels: list[dict], top: float, bottom: float, near: float = 64) -> None:
    """Move labels apart vertically where they would overlap: labels whose x are within ``near`` of
    each other form a column; each column is stacked ``LABEL_GAP`` apart around its mean height
    and kept between ``top`` and ``bottom``."""
    labels.sort(key=lambda lb: (lb["side"], lb["x"]))
    columns: list[list[dict]] = []
    for lb in labels:
        if columns and lb["side"] == columns[-1][-1]["side"] and lb["x"] - columns[-1][-1]["x"] < near:
            columns[-1].append(lb)
        else:
            columns.append([lb])
    for col in columns:
        col.sort(key=lambda lb: lb["y"])
        ys = [lb["y"] for lb in col]
        for i in range(1, len(ys)):
            ys[i] = max(ys[i], ys[i - 1] + LABEL_GAP)
        shift = sum(lb["y"] for lb in col) / len(col) - sum(ys) / len(ys)  # keep the column centred
        ys = [y + shift for y in ys]
        low = top + 8 - ys[0]
        high = bottom - ys[-1]
        ys = [y + (low if low > 0 else high if high < 0 else 0) for y in ys]
        for lb, y in zip(col, ys, strict=True):
            lb["y"] = y


def text_width(text: str) -> float:
    """A generous width estimate in viewBox units (the larger font of narrow screens)."""
    return sum(18 if ord(c) > 0x2E80 else 10 for c in text)


def _side(lb: dict, markers: list[tuple[float, float]]) -> str:
    """Right of its point, unless the text would run over another point and the left is free."""
    w = text_width(lb["text"])
    px, py = lb["x"], lb["y0"] - 4

    def hits(x0: float, x1: float) -> bool:
        return any(x0 - 6 <= mx <= x1 + 6 and abs(my - py) < 12 and (mx, my) != (px, py) and abs(mx - px) > 1
                   for mx, my in markers)

    if hits(px + 9, px + 9 + w) and px - 9 - w >= ML and not hits(px - 9 - w, px - 9):
        return "left"
    return "right"


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
    pts = [r for r in rows if r["target"].get("value") is not None and r["target"].get("year")]
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
    for t in ticks:
        y = sy(t)
        out.append(f'<line class="grid" x1="{ML}" x2="{W - MR}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="tick" x="{ML - 6}" y="{y + 4:.1f}" text-anchor="end">{esc(fmt_num(t))}</text>')
    step = 1 if y1 - y0 <= 12 else 2
    for yr in range(math.ceil(y0), math.floor(y1) + 1, step):
        out.append(f'<text class="tick" x="{sx(yr):.1f}" y="{H - MB + 16}" text-anchor="middle">{yr}</text>')
    out.append(f'<line class="axis" x1="{ML}" x2="{W - MR}" y1="{MT + ph}" y2="{MT + ph}"/>')
    if unit:
        out.append(f'<text class="unit" x="{ML - 6}" y="{MT - 14}" text-anchor="end">{esc(unit)}</text>')
    labels: list[dict] = []
    markers: list[tuple[float, float]] = []  # every plotted point, for label placement
    for n in refs:
        y = sy(float(n["value"]))
        text = "全国"  # short, so it never runs into points; the legend spells the reference out
        out.append(f'<g class="ref"><title>{esc(n.get("title"))}</title>'
                   f'<line x1="{ML}" x2="{W - MR}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text x="{ML + 4}" y="{y - 4:.1f}">{esc(text)}</text></g>')
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
            labels.append({"x": bx, "y": by + 4, "text": fmt_num(b["value"]), "cls": "blabel", "color": color})
        desc += f'{t["year"]}年目标 {value_label(t.get("comparator"), t["value"], unit)}'
        fill = "#fff" if draft else color
        out.append(f'<circle class="pt" cx="{tx:.1f}" cy="{ty:.1f}" r="5.5" fill="{fill}" stroke="{color}" '
                   f'stroke-width="2"><title>{esc(desc)}</title></circle>')
        labels.append({"x": tx, "y": ty + 4, "y0": ty + 4, "color": color, "cls": "vlabel",
                       "text": f'{short_city(r["city"])} {value_label(t.get("comparator"), t["value"], unit)}'})
    if len(pts) > MAX_LABELLED_POINTS:
        out.append(f'<text class="unit" x="{W - MR}" y="{MT - 14}" text-anchor="end">'
                   f'{len(pts)} 个目标，未标注数值（悬停查看）</text></svg>')
        return "".join(out)
    seen = set()
    labels = [lb for lb in labels if not ((k := (round(lb["x"]), round(lb["y"]), lb["text"])) in seen or seen.add(k))]
    for lb in labels:
        lb["side"] = "left" if lb["cls"] == "blabel" else _side(lb, markers)
    _spread(labels, MT, MT + ph + 4)
    for lb in labels:
        left = lb["side"] == "left"
        anchor, dx = ("end", -8) if left else ("start", 9)
        if lb["cls"] == "vlabel" and abs(lb["y"] - lb["y0"]) > 7:  # a leader from a displaced label
            sign = -1 if left else 1
            out.append(f'<line class="leader" x1="{lb["x"] + 5 * sign:.1f}" y1="{lb["y0"] - 4:.1f}" '
                       f'x2="{lb["x"] + 8 * sign:.1f}" y2="{lb["y"] - 4:.1f}" stroke="{lb["color"]}"/>')
        out.append(f'<text class="{lb["cls"]}" x="{lb["x"] + dx:.1f}" y="{lb["y"]:.1f}" text-anchor="{anchor}" '
                   f'fill="{lb["color"]}">{esc(lb["text"])}</text>')
    out.append("</svg>")
    return "".join(out)


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
