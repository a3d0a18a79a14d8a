"""The HTML reader on real portal pages (``../shared/real``, skipped when absent): every page's
body, tables included, and none of the site around it."""

from __future__ import annotations

import re
import unicodedata

import pytest

from policyparse.model import BlockKind
from policyparse.readers import read_document
from real_data import REAL, SKIP_REASON

pytestmark = pytest.mark.skipif(REAL is None, reason=SKIP_REASON)

H1 = REAL / "annotated" / "docs" / "h1_guangzhou_family_doctor.html" if REAL else None
PAGES = (sorted((REAL / "portal-html").glob("*.html")) + [H1]) if REAL else [None]

# Page furniture of the portals: none of these may be in a page's text ...
FURNITURE = (
    "无障碍阅读", "无障碍版", "长者模式", "长者助手", "长者专区", "关怀版", "繁體", "繁体版", "简繁转换",
    "English", "当前位置", "所在的位置", "搜索热词", "高级搜索", "用户登录", "扫一扫在手机打开", "分享到",
    "打印本页", "关闭窗口", "打印关闭", "返回顶部", "网站标识码", "ICP备", "公网安备", "版权所有",
    "主办单位：", "主办:", "网站地图", "网站声明", "隐私声明", "内容纠错", "友情链接", "索引号", "发布机构：",
    "主题分类", "统一编号：", "文件状态", "浏览次数", "浏览量", "字体大小", "发表时间", "发布日期：",
    "文章来源", "上一篇", "下一篇", "下一页", "最后一页", "A+大",
)  # fmt: skip
# ... and none of these may be a whole block of it (as words inside a sentence they are body text:
# "设置无障碍坡道等无障碍设施", "上传相关附件材料", "公示营业执照信息或者相关链接标识")
FURNITURE_BLOCKS = ("相关附件", "相关链接", "相关文件下载", "无障碍", "打印", "关闭", "收藏", "分享", "扫一扫")
MIN_CHARS = 250  # the shortest body (27_残疾人两项补贴标准) has 280


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _title_phrases(path) -> list[str]:
    """Phrases of the page's title (``<meta name="ArticleTitle">`` when the portal gives it, else
    ``<title>``) without the site's name, which portals add before or after it ("通知公告 -
    广州市人民政府门户网站", "广州市市场监督管理局网站-中华人民共和国市场主体登记管理条例")."""
    page = path.read_text(encoding="utf-8", errors="replace")
    m = re.search(r'<meta\s+name="ArticleTitle"\s+content="([^"]+)"', page) or re.search(
        r"<title>(.*?)</title>", page, re.S | re.I
    )
    parts = [_norm(p) for p in re.split(r"\s*[-_|｜]\s*", m.group(1).strip())] if m else []
    return [p for p in parts if p and not p.endswith("网站")]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name if p else "none")
def test_portal_page_body_without_chrome(path):
    doc = read_document(path)
    text = _norm(doc.text)
    assert len(text) >= MIN_CHARS
    titles = _title_phrases(path)
    windows = {t[k : k + 8] for t in titles for k in range(max(len(t) - 7, 1))}
    assert any(w in text for w in windows), f"no phrase of the title {titles} in the text"
    assert [w for w in FURNITURE if _norm(w) in text] == []
    blocks = {_norm(b.text) for b in doc.blocks if b.kind is not BlockKind.TABLE}
    assert [w for w in FURNITURE_BLOCKS if w in blocks] == []
    for b in doc.blocks:  # the reader's blocks keep the offset contract
        assert doc.text[b.start : b.end] == b.text
        for row in b.rows or ():
            for c in row:
                assert doc.text[c.start : c.end] == c.text


def test_h1_attachment_tables():
    """h1 (the full Guangzhou page): both attachments' tables, the task table with its 牵头/配合
    columns; merged cells (rowspan) are kept once with their span and cover the rows below."""
    from policyparse.extract.tables import grid

    doc = read_document(H1)
    tables = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert [t.section for t in tables] == ["附件1", "附件2"]
    indicators, tasks = tables
    assert [c.text for c in indicators.rows[0]] == ["一级指标", "二级指标", "评价标准", "指标含义", "数据来源"]
    header = [c.text for c in tasks.rows[0]]
    assert header[3:5] == ["牵头单位", "配合单位"] and "市卫健委内牵头处室" in header
    assert len(indicators.rows) == 20 and len(tasks.rows) == 40
    first = tasks.rows[1][1]
    assert first.text.startswith("有序扩大家庭医生来源") and first.rowspan == 3
    g = grid(tasks)
    assert [row[1].text for row in g[1:4]] == [first.text] * 3  # the merged 工作事项 goes down its rows
    assert all(row[3].text for row in g[1:]), "every task row has its lead (牵头单位)"
    assert g[1][3].text == "各区政府"
    block = next(b for b in doc.blocks if b.text.startswith("附件1") and b.kind is BlockKind.HEADING)
    assert block.section == "附件1"


def test_h1_same_as_its_docx_rendering(raw, helpers):
    """The page and the independent DOCX rendering of h1 (renderings/, laid out as an office
    publishes it) read into the same tables (cells, spans) and the same paragraphs; only the
    order of the title and the document number differs (the page's title is above its body)."""
    docx = REAL / "annotated" / "renderings" / "h1_guangzhou_family_doctor.docx"
    page, rendering = raw(H1), raw(docx)
    assert helpers.tables(page) == helpers.tables(rendering)

    def paragraphs(doc):
        return sorted(helpers.norm("".join(b.lines)) for b in doc.blocks if not b.is_table)

    assert paragraphs(page) == paragraphs(rendering)
