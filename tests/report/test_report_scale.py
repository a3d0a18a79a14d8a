"""What keeps the report small at thousands of plans: a chart of very many targets is a density
(a cell per target year and value band) instead of a marker per target, and the embedded numbers
are compact rows naming their document by index."""

from __future__ import annotations

import json
import re

from policyparse.report.charts import MAX_DRAWN_POINTS, chart, dense


def _row(k: int, year: int = 2025) -> dict:
    return {"city": f"城{k % 97}", "status": "final", "title": f"第{k}号方案", "unit": "%",
            "baseline": {"value": 5 + k % 7, "year": 2021},
            "target": {"value": 10 + (k % 50), "year": year + k % 3, "comparator": "="}}


def test_a_chart_of_very_many_targets_is_a_density():
    rows = [_row(k) for k in range(MAX_DRAWN_POINTS * 5)]
    assert dense(rows) and not dense(rows[:MAX_DRAWN_POINTS])
    svg = chart(rows, [], "%", {}, "x")
    assert '<g class="density">' in svg and '<circle class="pt"' not in svg
    cells = re.findall(r"<title>(\d{4})年目标 [^<]*：(\d+) 个目标，(\d+) 个城市</title>", svg)
    assert {y for y, _, _ in cells} == {"2025", "2026", "2027"}
    assert sum(int(n) for _, n, _ in cells) == len(rows)  # every target counted once
    assert f"{len(rows)} 个目标按年份和数值分组" in svg
    assert len(svg) < 20_000  # a marker per target drew about 400 B each
    few = chart(rows[:MAX_DRAWN_POINTS], [], "%", {}, "x")
    assert few.count('<circle class="pt"') == MAX_DRAWN_POINTS and "density" not in few


def test_report_data_is_compact_rows(report_html):
    blob = json.loads(report_html.split('<script type="application/json" id="report-data">')[1]
                      .split("</script>")[0])
    cols = blob["columns"]
    assert {"city", "document", "target", "target_year", "baseline", "cagr"} <= set(cols)
    n = 0
    for ind in blob["indicators"]:
        for r in ind["rows"]:
            assert len(r) == len(cols) and 0 <= r[cols.index("document")] < len(blob["documents"])
            n += 1
    assert n > 20 and len(blob["documents"]) < n  # titles once each, not once per row
