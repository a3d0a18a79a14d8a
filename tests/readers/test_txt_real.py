"""Text copies of real documents (``../shared/real``, skipped when absent): the crawler's front
matter, generated metadata block, download links and update-time trailer are not in the text."""

from __future__ import annotations

import re
import unicodedata

import pytest

from policyparse.readers import read_document
from real_data import REAL, SKIP_REASON

pytestmark = pytest.mark.skipif(REAL is None, reason=SKIP_REASON)

COPIES = (
    sorted((REAL / "shanghai-md").glob("*.md"))
    + sorted((REAL / "annotated" / "docs").glob("*.md"))
    + sorted((REAL / "annotated" / "docs").glob("*.txt"))
    if REAL
    else [None]
)
# what the crawlers add; none of it is in any of these documents' own text
WRAPPER = (
    "检索时间", "检索关键词", "原文链接", "官方链接", "原文下载", "本文正文由脚本", "仅供检索查阅",
    "不适用著作权法", "更新时间", "基本信息", "文档类型", "法宝引证码", "政策全文", "/cmsres/", "**", "](",
)  # fmt: skip


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("path", COPIES, ids=lambda p: p.name[:40] if p else "none")
def test_text_copy_without_crawler_wrapper(path):
    doc = read_document(path)
    text = _norm(doc.text)
    assert len(text) >= 1000
    assert [w for w in WRAPPER if _norm(w) in text] == []
    assert not any(b.text.strip("-=*_ ") == "" for b in doc.blocks)  # no Markdown rule left
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
