"""Fixtures: the corpus ingested once per session, its report, and a store with a hostile document."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
# The seed documents in their four renderings (corpus/heldout/ is the evaluation set, not ingested here)
SEED_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix in (".txt", ".docx", ".pdf", ".html"))

# A plan whose title, target sentences, task item and department list carry markup that would run
# if the report ever inserted document text unescaped.
HOSTILE = """泰安市人民政府关于<script>window.__pwned=1</script>推进科技创新的实施方案

泰政发〔2023〕99号

一、发展目标
到2025年,<img src=x onerror="window.__pwned=1">高新技术企业达到100家。
到2025年,全社会研发经费支出占地区生产总值比重达到3%<script>window.__pwned=1</script>。
二、重点任务
(一)<svg onload="window.__pwned=1">加强创新平台建设。(牵头单位:市科技局<b onmouseover="window.__pwned=1">;责任单位:市财政局)
(二)加强</script><!--平台-->服务。(牵头单位:市"><img src=x onerror=window.__pwned=1>局;责任单位:市'onmouseover='window.__pwned=1'局)
三、主要指标
序号	指标</script><script>window.__pwned=1</script>	单位	2025年目标	责任单位
1	技术合同成交额<!--<script>window.__pwned=1</script>-->	亿元	150	市科技局</title><script>window.__pwned=1</script>
2	高新技术企业数"><svg/onload=window.__pwned=1>	家	200	市财政局</style><script>window.__pwned=1</script>
"""


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    from policyparse import api

    store = tmp_path_factory.mktemp("report") / "policyparse.sqlite"
    summary = api.ingest(SEED_FILES, store, progress=False)
    assert summary.ok, summary.failures
    return store


@pytest.fixture(scope="session")
def report_path(corpus_store, tmp_path_factory) -> Path:
    from policyparse.report import report

    return report(corpus_store, tmp_path_factory.mktemp("report-out") / "report.html")


@pytest.fixture(scope="session")
def report_html(report_path) -> str:
    return report_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_facts(corpus_store) -> list[dict]:
    from policyparse.corpus import Corpus

    return Corpus(corpus_store).facts()


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory) -> Path:
    from policyparse import api
    from policyparse.report import report

    d = tmp_path_factory.mktemp("hostile")
    (d / "docs").mkdir()
    (d / "docs" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    summary = api.ingest([d / "docs"], d / "store.sqlite", progress=False)
    assert summary.ok, summary.failures
    report(d / "store.sqlite", d / "report.html")
    return d / "report.html"


@pytest.fixture(scope="session")
def hostile_store(hostile_report) -> Path:
    return hostile_report.parent / "store.sqlite"


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the browser tests (each module skips first when there is none)."""
    from report_browser import Browser, chromium_path

    pytest.importorskip("websocket", reason="websocket-client is not installed (pip install -e '.[dev]')")
    b = Browser(chromium_path())
    yield b
    b.close()

