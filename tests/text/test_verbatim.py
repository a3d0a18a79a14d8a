"""Quotes are the file's own characters: full-width punctuation, traditional characters and spaces
come back through the offset map, while offsets index the normalised text."""

from __future__ import annotations

from policyparse import api
from policyparse.text.verbatim import verbatim

PLAN = """泰安市人民政府关于推进科技创新的实施方案

一、发展目标
到 2025 年，全市高新技术企业达到１２００家；全社会研发經費支出占地区生产总值比重达到3%。
二、重点任务
（一）加强创新平台建设。（牵头单位：市科技局；责任单位：市财政局）
"""


def test_quotes_are_verbatim_and_offsets_normalised(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(PLAN, encoding="utf-8")
    doc = api.read_document(p)
    facts = api.extract(p)
    quotes = [f["source"]["text"] for f in facts["targets"] + facts["assignments"]]
    assert quotes
    for f in facts["targets"] + facts["assignments"]:
        s = f["source"]
        assert s["text"] in PLAN, s["text"]  # the file's characters, as they are in the file
        assert s["end"] <= len(doc.text)
    joined = "".join(quotes)
    assert "：" in joined or "；" in joined or "，" in joined
    ht = next(t for t in facts["targets"] if t["value"] == 1200)
    assert "１２００" in ht["source"]["text"]
    assert "1200" in doc.text[ht["source"]["start"]:ht["source"]["end"]]


def test_verbatim_keeps_inserted_separators_and_dropped_spaces():
    source = "A：\nB  C"
    # normalised: "A:" then a separator inserted for the line break (maps to B), "B", "C" (spaces dropped)
    text, index = "A:\tBC", (0, 1, 3, 3, 6)
    assert verbatim(text, index, source, 0, len(text)) == "A：\tB  C"
    assert verbatim("xy", (), "", 0, 2) == "xy"  # no map: the normalised text
